"""Plausible wrong answers to week 3 (a shallow network on planar data), each with what it loses.

Every mutant is the reference answer of one solution cell with one mistake edited in (the edit must
match the reference exactly once, so that a change of the notebook cannot silently void a mutant).

Dependencies between exercises: the visible checks of ``nn_model`` run the learner's own functions
end to end, and those of ``predict`` run the learner's ``forward_propagation``, so a mistake that
changes their results there also costs those points (DEPENDENTS). The hidden checks of ``nn_model``
swap in reference versions of the functions it calls, so a mistake the visible checks do not see
(a hard-coded size, the learning rate, the derivative taken from Z1) costs its own points only;
those mutants say so with ``loses``.
"""

from pathlib import Path

from mutation import edited

from dlcourse.grader import authoring

_NOTEBOOK = (Path(__file__).resolve().parents[2] / "source" / "week3_shallow_network"
             / "shallow_network.ipynb")
_REFERENCE = authoring.solution_code(authoring.read(_NOTEBOOK))


def _mutant(exercise, why, *edits, loses=None):
    return edited(_REFERENCE, exercise, why, *edits, loses=loses)


DEPENDENTS = {
    "ex3_initialize_parameters": ["test_nn_model"],
    "ex5_compute_cost": ["test_nn_model"],
    "ex4_forward_propagation": ["test_nn_model", "test_predict"],
    "ex6_backward_propagation": ["test_nn_model"],
    "ex7_update_parameters": ["test_nn_model"],
}

MUTANTS = [
    # Exercise 1: the shapes of the data
    _mutant("ex1_shapes", "m counts the features (rows) instead of the examples",
            ("m = X.shape[1]", "m = X.shape[0]")),
    _mutant("ex1_shapes", "shape_X of the transposed data",
            ("shape_X = X.shape", "shape_X = X.T.shape")),
    _mutant("ex1_shapes", "m read from the number of rows of Y",
            ("m = X.shape[1]", "m = Y.shape[0]")),

    # Exercise 2: layer_sizes
    _mutant("ex2_layer_sizes", "n_x hard-coded to 2 (the flower's number of features)",
            ("n_x = X.shape[0]", "n_x = 2")),
    _mutant("ex2_layer_sizes", "n_y hard-coded to 1",
            ("n_y = Y.shape[0]", "n_y = 1")),
    _mutant("ex2_layer_sizes", "n_x is the number of examples (columns)",
            ("n_x = X.shape[0]", "n_x = X.shape[1]"),
            loses=["test_layer_sizes", "test_nn_model"]),

    # Exercise 3: initialize_parameters
    _mutant("ex3_initialize_parameters", "np.random.rand (uniform) instead of np.random.randn",
            ("W1 = np.random.randn(n_h, n_x) * 0.01", "W1 = np.random.rand(n_h, n_x) * 0.01"),
            ("W2 = np.random.randn(n_y, n_h) * 0.01", "W2 = np.random.rand(n_y, n_h) * 0.01")),
    _mutant("ex3_initialize_parameters", "the weights are not scaled by 0.01",
            ("W1 = np.random.randn(n_h, n_x) * 0.01", "W1 = np.random.randn(n_h, n_x)"),
            ("W2 = np.random.randn(n_y, n_h) * 0.01", "W2 = np.random.randn(n_y, n_h)")),
    _mutant("ex3_initialize_parameters", "a wrong seed",
            ("np.random.seed(2)", "np.random.seed(1)")),
    _mutant("ex3_initialize_parameters", "biases as flat arrays of shape (n,)",
            ("b1 = np.zeros((n_h, 1))", "b1 = np.zeros(n_h)"),
            ("b2 = np.zeros((n_y, 1))", "b2 = np.zeros(n_y)")),
    _mutant("ex3_initialize_parameters", "W1 of shape (n_x, n_h)",
            ("W1 = np.random.randn(n_h, n_x) * 0.01", "W1 = np.random.randn(n_x, n_h).T * 0.01")),

    # Exercise 4: forward_propagation
    _mutant("ex4_forward_propagation", "sigmoid in the hidden layer",
            ("A1 = np.tanh(Z1)", "A1 = sigmoid(Z1)")),
    _mutant("ex4_forward_propagation", "tanh in the output layer",
            ("A2 = sigmoid(Z2)", "A2 = np.tanh(Z2)")),
    _mutant("ex4_forward_propagation", "the bias b1 forgotten",
            ("Z1 = np.dot(W1, X) + b1", "Z1 = np.dot(W1, X)")),
    _mutant("ex4_forward_propagation", "np.multiply instead of np.dot in the output layer",
            ("Z2 = np.dot(W2, A1) + b2", "Z2 = np.multiply(W2.T, A1) + b2")),

    # Exercise 5: compute_cost
    _mutant("ex5_compute_cost", "the cost returned as a (1, 1) array (np.dot, no conversion)",
            ("logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)",
             "logprobs = np.dot(np.log(A2), Y.T) + np.dot(np.log(1 - A2), (1 - Y).T)"),
            ("cost = -np.sum(logprobs) / m", "cost = -logprobs / m"),
            ("cost = float(np.squeeze(cost))  # a plain Python number", "")),
    _mutant("ex5_compute_cost", "np.squeeze of a (1, 1) array: a 0-d array, not a float",
            ("logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)",
             "logprobs = np.dot(np.log(A2), Y.T) + np.dot(np.log(1 - A2), (1 - Y).T)"),
            ("cost = -np.sum(logprobs) / m", "cost = -logprobs / m"),
            ("cost = float(np.squeeze(cost))", "cost = np.squeeze(cost)")),
    _mutant("ex5_compute_cost", "the minus sign forgotten",
            ("cost = -np.sum(logprobs) / m", "cost = np.sum(logprobs) / m")),
    _mutant("ex5_compute_cost", "the sum not divided by m",
            ("cost = -np.sum(logprobs) / m", "cost = -np.sum(logprobs)")),
    _mutant("ex5_compute_cost", "only the y log(a) term",
            ("logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)",
             "logprobs = np.multiply(np.log(A2), Y)")),

    # Exercise 6: backward_propagation
    _mutant("ex6_backward_propagation", "the derivative of the sigmoid instead of tanh's",
            ("(1 - np.power(A1, 2))", "A1 * (1 - A1)")),
    _mutant("ex6_backward_propagation", "np.dot instead of the element-wise product with tanh'",
            ("dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
             "dZ1 = np.dot(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))")),
    _mutant("ex6_backward_propagation", "np.multiply instead of np.dot in dW1",
            ("dW1 = np.dot(dZ1, X.T) / m", "dW1 = np.multiply(dZ1, X).sum(axis=1) / m")),
    _mutant("ex6_backward_propagation", "keepdims forgotten in db1",
            ("db1 = np.sum(dZ1, axis=1, keepdims=True) / m", "db1 = np.sum(dZ1, axis=1) / m")),
    _mutant("ex6_backward_propagation", "dW1 not divided by m",
            ("dW1 = np.dot(dZ1, X.T) / m", "dW1 = np.dot(dZ1, X.T)")),
    _mutant("ex6_backward_propagation", "dZ2 with the wrong sign",
            ("dZ2 = A2 - Y", "dZ2 = Y - A2")),
    _mutant("ex6_backward_propagation", "tanh' computed from Z1 rather than from the cached A1",
            ("(1 - np.power(A1, 2))", "(1 - np.tanh(cache['Z1']) ** 2)"),
            loses=["test_backward_propagation"]),

    # Exercise 7: update_parameters
    _mutant("ex7_update_parameters", "the learning rate applied with the wrong sign (ascent)",
            ('W1 = parameters["W1"] - learning_rate', 'W1 = parameters["W1"] + learning_rate'),
            ('b1 = parameters["b1"] - learning_rate', 'b1 = parameters["b1"] + learning_rate'),
            ('W2 = parameters["W2"] - learning_rate', 'W2 = parameters["W2"] + learning_rate'),
            ('b2 = parameters["b2"] - learning_rate', 'b2 = parameters["b2"] + learning_rate')),
    _mutant("ex7_update_parameters", "the learning rate hard-coded to 1.2",
            ('W1 = parameters["W1"] - learning_rate', 'W1 = parameters["W1"] - 1.2'),
            ('b1 = parameters["b1"] - learning_rate', 'b1 = parameters["b1"] - 1.2'),
            ('W2 = parameters["W2"] - learning_rate', 'W2 = parameters["W2"] - 1.2'),
            ('b2 = parameters["b2"] - learning_rate', 'b2 = parameters["b2"] - 1.2'),
            loses=["test_update_parameters"]),
    _mutant("ex7_update_parameters", "the biases updated without the learning rate",
            ('b1 = parameters["b1"] - learning_rate * grads["db1"]',
             'b1 = parameters["b1"] - grads["db1"]'),
            ('b2 = parameters["b2"] - learning_rate * grads["db2"]',
             'b2 = parameters["b2"] - grads["db2"]')),

    # Exercise 8: nn_model
    _mutant("ex8_nn_model", "n_h ignored: the hidden layer size of layer_sizes (4) is used",
            ("parameters = initialize_parameters(n_x, n_h, n_y)",
             "parameters = initialize_parameters(n_x, layer_sizes(X, Y)[1], n_y)")),
    _mutant("ex8_nn_model", "num_iterations ignored: always 10000 iterations",
            ("for i in range(num_iterations):", "for i in range(10000):")),
    _mutant("ex8_nn_model", "one iteration too many",
            ("for i in range(num_iterations):", "for i in range(num_iterations + 1):")),
    _mutant("ex8_nn_model", "the updated parameters are not kept",
            ("parameters = update_parameters(parameters, grads)",
             "update_parameters(parameters, grads)")),
    _mutant("ex8_nn_model", "the cost printed every 100 iterations",
            ("i % 1000 == 0", "i % 100 == 0")),
    _mutant("ex8_nn_model", "print_cost ignored: the cost is always printed",
            ("if print_cost and i % 1000 == 0:", "if i % 1000 == 0:")),

    # Exercise 9: predict
    _mutant("ex9_predict", "the probabilities returned instead of labels",
            ("predictions = A2 > 0.5", "predictions = A2")),
    _mutant("ex9_predict", "labels inverted",
            ("predictions = A2 > 0.5", "predictions = A2 < 0.5")),
    _mutant("ex9_predict", "the threshold applied to Z2 instead of A2",
            ("predictions = A2 > 0.5", "predictions = cache['Z2'] > 0.5")),
]

# nn_model calls compute_cost only to print the cost: a wrong cost leaves training, and so the
# nn_model checks, as they are (a missing compute_cost, which stops nn_model, costs both).
for _m in MUTANTS:
    if _m["exercise"] == "ex5_compute_cost":
        _m.setdefault("loses", ["test_compute_cost"])
