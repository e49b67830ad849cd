"""Plausible wrong answers to the exercises of week 4 (a deep network, step by step; cats).

Each mutant is the reference solution of one cell with one mistake put in, written as a
replacement of a piece of the reference (``_mutant`` checks that the piece is there, so that a
change of the notebook cannot leave a mutant silently identical to the reference).

Which tests fall with a mistake: the exercise's own, and those of the exercises that call it,
directly or not (``DEPENDENTS``). A mistake that cannot show through a caller, given what that
caller's tests compare, lists the tests it loses in ``"loses"``, with the reason.
"""

from __future__ import annotations

from pathlib import Path

from mutation import edited

from dlcourse.grader import authoring

_FOLDER = Path(__file__).resolve().parents[2] / "source" / "week4_deep_network"
_NOTEBOOK = _FOLDER / "deep_network.ipynb"
_REFERENCE = authoring.solution_code(authoring.read(_NOTEBOOK))

_FORWARD_USERS = ["test_L_model_forward", "test_gradient_check", "test_two_layer_model",
                  "test_predict", "test_L_layer_model"]
_BACKWARD_USERS = ["test_L_model_backward", "test_gradient_check", "test_two_layer_model",
                   "test_L_layer_model"]

DEPENDENTS = {
    "ex1_initialize_parameters": ["test_two_layer_model"],
    "ex2_initialize_parameters_deep": ["test_L_layer_model"],
    "ex3_linear_forward": ["test_linear_activation_forward", *_FORWARD_USERS],
    "ex4_linear_activation_forward": _FORWARD_USERS,
    "ex5_L_model_forward": ["test_gradient_check", "test_predict", "test_L_layer_model"],
    "ex6_compute_cost": ["test_gradient_check", "test_two_layer_model", "test_L_layer_model"],
    "ex7_linear_backward": ["test_linear_activation_backward", *_BACKWARD_USERS],
    "ex8_linear_activation_backward": _BACKWARD_USERS,
    "ex9_L_model_backward": ["test_gradient_check", "test_L_layer_model"],
    "ex11_update_parameters": ["test_two_layer_model", "test_L_layer_model"],
}


def _mutant(exercise, why, *edits, loses=None):
    return edited(_REFERENCE, exercise, why, *edits, loses=loses)


def _all_but(exercise: str, *spared: str) -> list[str]:
    """The default losses of ``exercise`` (its test and its dependents') except ``spared``."""
    own = "test_" + exercise.split("_", 1)[1]
    return [t for t in [own, *DEPENDENTS.get(exercise, [])] if t not in spared]


_INTERLEAVED_L_LAYER = '''\
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        L = len(caches)
        m = X.shape[1]
        dA = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        for l in reversed(range(1, L + 1)):
            (A_prev, W, b), Z = caches[l - 1]
            if l == L:
                s = sigmoid(Z)
                dZ = dA * s * (1 - s)
            else:
                dZ = dA * (Z > 0)
            dW = np.dot(dZ, A_prev.T) / m
            db = np.sum(dZ, axis=1, keepdims=True) / m
            parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * dW
            parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * db
            dA = np.dot(parameters["W" + str(l)].T, dZ)  # the W just updated, not the one used
        if i % 100 == 0:
            costs.append(cost)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {cost:.6f}")
    return parameters, costs
'''

MUTANTS = [
    # --- exercise 1: initialize_parameters -------------------------------------------------
    _mutant("ex1_initialize_parameters", "W1 drawn with the shape (n_x, n_h), transposed",
            ("np.random.randn(n_h, n_x)", "np.random.randn(n_x, n_h)")),
    _mutant("ex1_initialize_parameters", "weights not scaled by 0.01",
            ("np.random.randn(n_h, n_x) * 0.01", "np.random.randn(n_h, n_x)"),
            ("np.random.randn(n_y, n_h) * 0.01", "np.random.randn(n_y, n_h)")),
    _mutant("ex1_initialize_parameters", "uniform np.random.rand instead of normal randn",
            ("np.random.randn", "np.random.rand")),
    # two_layer_model seeds with 1 before calling it, so the model's results do not change
    _mutant("ex1_initialize_parameters", "seeds inside the function with np.random.seed(1)",
            ("    W1 = np.random.randn", "    np.random.seed(1)\n    W1 = np.random.randn"),
            loses=["test_initialize_parameters"]),

    # --- exercise 2: initialize_parameters_deep --------------------------------------------
    _mutant("ex2_initialize_parameters_deep", "weights scaled by 0.01 instead of / sqrt(n_prev)",
            ("/ np.sqrt(layer_dims[l - 1]))", "* 0.01)")),
    _mutant("ex2_initialize_parameters_deep", "uniform np.random.rand instead of normal randn",
            ("np.random.randn", "np.random.rand")),
    _mutant("ex2_initialize_parameters_deep",
            "divides by sqrt(n of this layer), not of the previous",
            ("/ np.sqrt(layer_dims[l - 1])", "/ np.sqrt(layer_dims[l])")),
    _mutant("ex2_initialize_parameters_deep", "the loop stops one layer early: range(1, L)",
            ("for l in range(1, L + 1):", "for l in range(1, L):")),
    # L_layer_model seeds with 1 before calling it
    _mutant("ex2_initialize_parameters_deep", "seeds inside the function with np.random.seed(1)",
            ("    for l in range(1, L + 1):",
             "    np.random.seed(1)\n    for l in range(1, L + 1):"),
            loses=["test_initialize_parameters_deep"]),

    # --- exercise 3: linear_forward --------------------------------------------------------
    _mutant("ex3_linear_forward", "elementwise * instead of a matrix product",
            ("Z = np.dot(W, A) + b", "Z = W * A + b")),
    _mutant("ex3_linear_forward", "forgets the bias",
            ("Z = np.dot(W, A) + b", "Z = np.dot(W, A)")),
    # predict reads only the output of the forward pass, never the caches
    _mutant("ex3_linear_forward", "the cache in the wrong order, (W, A, b)",
            ("cache = (A, W, b)", "cache = (W, A, b)"),
            loses=_all_but("ex3_linear_forward", "test_predict")),

    # --- exercise 4: linear_activation_forward ---------------------------------------------
    _mutant("ex4_linear_activation_forward", "the activations swapped",
            ('if activation == "sigmoid":', 'if activation == "relu":')),
    # predict reads only the output of the forward pass, never the caches
    _mutant("ex4_linear_activation_forward", "the cache holds A instead of Z",
            ("cache = (linear_cache, Z)", "cache = (linear_cache, A)"),
            loses=_all_but("ex4_linear_activation_forward", "test_predict")),
    _mutant("ex4_linear_activation_forward", "the cache in the wrong order, (Z, linear_cache)",
            ("cache = (linear_cache, Z)", "cache = (Z, linear_cache)"),
            loses=_all_but("ex4_linear_activation_forward", "test_predict")),

    # --- exercise 5: L_model_forward -------------------------------------------------------
    _mutant("ex5_L_model_forward", "sigmoid in the hidden layers",
            ('activation="relu"', 'activation="sigmoid"')),
    _mutant("ex5_L_model_forward", "ReLU in the output layer",
            ('activation="sigmoid"', 'activation="relu"')),
    _mutant("ex5_L_model_forward", "the loop skips the last hidden layer: range(1, L - 1)",
            ("for l in range(1, L):", "for l in range(1, L - 1):")),
    _mutant("ex5_L_model_forward", "the output layer is fed the input X",
            ("linear_activation_forward(A, parameters", "linear_activation_forward(X, parameters")),

    # --- exercise 6: compute_cost ----------------------------------------------------------
    _mutant("ex6_compute_cost", "returns the (1, 1) array of np.dot, not a float",
            ("    cost = float(np.squeeze(cost))\n", "")),
    _mutant("ex6_compute_cost", "forgets the minus sign",
            ("(1. / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))",
             "(1. / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))")),
    _mutant("ex6_compute_cost", "sums over the examples without dividing by m",
            ("(1. / m) * ", "")),
    _mutant("ex6_compute_cost", "forgets the (1 - y) log(1 - a) term",
            (" - np.dot(1 - Y, np.log(1 - AL).T)", "")),

    # --- exercise 7: linear_backward -------------------------------------------------------
    # gradient_check flattens the gradients: db of shape (n,) or (n, 1) gives the same vector
    _mutant("ex7_linear_backward", "db without keepdims=True: shape (n,)",
            ("np.sum(dZ, axis=1, keepdims=True)", "np.sum(dZ, axis=1)"),
            loses=_all_but("ex7_linear_backward", "test_gradient_check")),
    _mutant("ex7_linear_backward", "dW without the 1/m",
            ("dW = np.dot(dZ, A_prev.T) / m", "dW = np.dot(dZ, A_prev.T)")),
    _mutant("ex7_linear_backward", "db summed over the wrong axis",
            ("np.sum(dZ, axis=1, keepdims=True)", "np.sum(dZ, axis=0, keepdims=True)")),
    _mutant("ex7_linear_backward", "dW transposed: A_prev dZ^T",
            ("np.dot(dZ, A_prev.T)", "np.dot(A_prev, dZ.T)")),

    # --- exercise 8: linear_activation_backward --------------------------------------------
    _mutant("ex8_linear_activation_backward", "ReLU derivative taken on A_prev instead of Z",
            ("dZ = dA * (Z > 0)", "dZ = dA * (linear_cache[0] > 0)")),
    _mutant("ex8_linear_activation_backward",
            "sigmoid derivative taken as if the cache held A: Z * (1 - Z)",
            ("s = sigmoid(Z)", "s = Z")),
    _mutant("ex8_linear_activation_backward", "ReLU itself instead of its derivative",
            ("dZ = dA * (Z > 0)", "dZ = dA * relu(Z)")),
    _mutant("ex8_linear_activation_backward", "ReLU mask taken on dA instead of Z",
            ("dZ = dA * (Z > 0)", "dZ = dA * (dA > 0)")),

    # --- exercise 9: L_model_backward ------------------------------------------------------
    # the gradient check and the training read only dW and db
    _mutant("ex9_L_model_backward", "dA keys off by one: dA{l} instead of dA{l-1}",
            ('grads["dA" + str(L - 1)] = dA_prev_temp', 'grads["dA" + str(L)] = dA_prev_temp'),
            ('linear_activation_backward(grads["dA" + str(l + 1)]',
             'linear_activation_backward(grads["dA" + str(l + 2)]'),
            ('grads["dA" + str(l)] = dA_prev_temp', 'grads["dA" + str(l + 1)] = dA_prev_temp'),
            loses=["test_L_model_backward"]),
    _mutant("ex9_L_model_backward", "dAL with the wrong sign",
            ("dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
             "dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)")),
    _mutant("ex9_L_model_backward", "ReLU backward for the output layer",
            ('current_cache, "sigmoid")', 'current_cache, "relu")')),
    _mutant("ex9_L_model_backward", "the hidden layers read the cache of the layer above",
            ("current_cache = caches[l]\n", "current_cache = caches[l + 1]\n")),

    # --- exercise 10: gradient_check -------------------------------------------------------
    _mutant("ex10_gradient_check", "one-sided difference (J(theta + eps) - J(theta)) / eps",
            ("J_minus = compute_cost(AL_minus, Y)", "J_minus = compute_cost(AL, Y)"),
            ("gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)",
             "gradapprox[i] = (J_plus - J_minus) / epsilon")),
    _mutant("ex10_gradient_check", "no denominator: the absolute difference",
            ("difference = float(numerator / denominator)", "difference = float(numerator)")),
    _mutant("ex10_gradient_check", "theta modified in place: no copy",
            ("theta_plus = np.copy(theta)", "theta_plus = theta"),
            ("theta_minus = np.copy(theta)", "theta_minus = theta")),
    _mutant("ex10_gradient_check", "epsilon ignored: 1e-7 hard-coded",
            ("theta_plus[i] + epsilon", "theta_plus[i] + 1e-7"),
            ("theta_minus[i] - epsilon", "theta_minus[i] - 1e-7"),
            ("(2 * epsilon)", "(2 * 1e-7)")),

    # --- exercise 11: update_parameters ----------------------------------------------------
    _mutant("ex11_update_parameters", "plus instead of minus: gradient ascent",
            ('params["W" + str(l)] - learning_rate', 'params["W" + str(l)] + learning_rate'),
            ('params["b" + str(l)] - learning_rate', 'params["b" + str(l)] + learning_rate')),
    _mutant("ex11_update_parameters", "the loop misses the last layer: range(1, L)",
            ("for l in range(1, L + 1):", "for l in range(1, L):")),
    # in place or not, the training takes the same steps
    _mutant("ex11_update_parameters", "updates the arrays of params in place with -=",
            ('parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * '
             'grads["dW" + str(l)]',
             'params["W" + str(l)] -= learning_rate * grads["dW" + str(l)]\n'
             '        parameters["W" + str(l)] = params["W" + str(l)]'),
            ('parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * '
             'grads["db" + str(l)]',
             'params["b" + str(l)] -= learning_rate * grads["db" + str(l)]\n'
             '        parameters["b" + str(l)] = params["b" + str(l)]'),
            loses=["test_update_parameters"]),

    # --- exercise 12: two_layer_model ------------------------------------------------------
    _mutant("ex12_two_layer_model", "dA2 with the wrong sign: gradient ascent",
            ("dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))",
             "dA2 = np.divide(Y, A2) - np.divide(1 - Y, 1 - A2)")),
    _mutant("ex12_two_layer_model", "sigmoid in the hidden layer",
            ('linear_activation_forward(X, W1, b1, "relu")',
             'linear_activation_forward(X, W1, b1, "sigmoid")'),
            ('linear_activation_backward(dA1, cache1, "relu")',
             'linear_activation_backward(dA1, cache1, "sigmoid")')),
    _mutant("ex12_two_layer_model", "the result of update_parameters is not stored",
            ("parameters = update_parameters(parameters, grads, learning_rate)",
             "update_parameters(parameters, grads, learning_rate)")),
    _mutant("ex12_two_layer_model", "layer sizes in the wrong order for initialize_parameters",
            ("initialize_parameters(n_x, n_h, n_y)", "initialize_parameters(n_h, n_x, n_y)")),

    # --- exercise 13: predict --------------------------------------------------------------
    _mutant("ex13_predict", "predictions of shape (m,) instead of (1, m)",
            ("p = (probas > 0.5).astype(float)", "p = (probas[0] > 0.5).astype(float)")),
    _mutant("ex13_predict", "a forward pass written for 2 layers only, not with L_model_forward",
            ("probas, caches = L_model_forward(X, parameters)",
             'A1 = relu(np.dot(parameters["W1"], X) + parameters["b1"])\n'
             '    probas = sigmoid(np.dot(parameters["W2"], A1) + parameters["b2"])')),
    _mutant("ex13_predict", "threshold at 0 on the probabilities (as if on Z)",
            ("probas > 0.5", "probas > 0")),

    # --- exercise 14: L_layer_model --------------------------------------------------------
    {"exercise": "ex14_L_layer_model", "code": _INTERLEAVED_L_LAYER,
     "why": "backward and update interleaved: W updated before dA_prev is computed with it"},
    _mutant("ex14_L_layer_model", "the result of update_parameters is not stored",
            ("parameters = update_parameters(parameters, grads, learning_rate)",
             "update_parameters(parameters, grads, learning_rate)")),
    _mutant("ex14_L_layer_model", "the learning rate hard-coded to 0.0075",
            ("update_parameters(parameters, grads, learning_rate)",
             "update_parameters(parameters, grads, 0.0075)")),
]
