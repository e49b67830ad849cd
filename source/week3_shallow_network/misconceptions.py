"""Misconceptions of week 3 (a shallow network on planar data): plausible wrong answers to its
exercises, what each one shows a learner, and the points it must lose.

The grader runs these answers on the inputs the tests gave a learner's function to tell which
misconception a failed exercise shows; the course's tests grade every entry to prove that the
hidden tests catch it. This file stays out of the student versions (nbgrader_config.py). Its
format is described in dlcourse/grader/misconceptions.py: each entry has an id
"<function>:<slug>", the solution cell it answers, the whole code of that cell, the explanation
a learner reads, and "loses" when its lost tests are not its own test and its DEPENDENTS';
entries that share an id are variants of one misconception (they take its exercise and
explanation from its first entry).
"""

# The visible checks of nn_model run the learner's own functions end to end, and those of predict
# run the learner's forward_propagation, so a mistake that changes their results there also costs
# those points. The hidden checks of nn_model put reference versions of the functions it calls in
# place, so a mistake the visible checks do not see (a hard-coded size, the learning rate, the
# derivative taken from Z1) costs its own points only: those entries say so in "loses", unless it
# breaks the hidden check of the printing, which runs the learner's own functions.
# nn_model calls compute_cost only to print the cost, so a wrong cost leaves its checks as they
# are (a missing compute_cost, which stops nn_model, costs both, as does a cost that cannot be
# printed as a number).
DEPENDENTS = {
    "ex3_initialize_parameters": ["test_nn_model"],
    "ex4_forward_propagation": ["test_nn_model", "test_predict"],
    "ex6_backward_propagation": ["test_nn_model"],
    "ex7_update_parameters": ["test_nn_model"],
}

CATALOGUE = [
    # --- Exercise 1: shapes -----------------------------------------------------------------------
    # m counts the features (rows) instead of the examples
    {"id": "shapes:m-rows",
     "exercise": "ex1_shapes",
     "explanation": ("m, the number of examples, is the number of columns of X (its second "
                     "dimension); the number of rows of X or of Y counts features or outputs "
                     "instead."),
     "code": """
        shape_X = X.shape
        shape_Y = Y.shape
        m = X.shape[0]

        print("The shape of X is:", shape_X)
        print("The shape of Y is:", shape_Y)
        print(f"There are m = {m} training examples")
        """},
    # m read from the number of rows of Y
    {"id": "shapes:m-rows",
     "code": """
        shape_X = X.shape
        shape_Y = Y.shape
        m = Y.shape[0]

        print("The shape of X is:", shape_X)
        print("The shape of Y is:", shape_Y)
        print(f"There are m = {m} training examples")
        """},
    # shape_X of the transposed data
    {"id": "shapes:transposed",
     "exercise": "ex1_shapes",
     "explanation": ("shape_X is the shape of X as it is stored, (number of features, number of "
                     "examples); transposing X first swaps the two numbers."),
     "code": """
        shape_X = X.T.shape
        shape_Y = Y.shape
        m = X.shape[1]  # the number of examples: the columns of X

        print("The shape of X is:", shape_X)
        print("The shape of Y is:", shape_Y)
        print(f"There are m = {m} training examples")
        """},
    # --- Exercise 2: layer_sizes ------------------------------------------------------------------
    # n_x hard-coded to 2 (the flower's number of features)
    {"id": "layer_sizes:hard-coded",
     "exercise": "ex2_layer_sizes",
     "explanation": ("The sizes of the input and output layers must be read from X and Y (their "
                     "numbers of rows): a number typed in fits the flower data only. Only the "
                     "hidden size, 4, is fixed."),
     # nn_model's printing check runs the learner's own functions on 3 features
     "loses": ["test_layer_sizes", "test_nn_model"],
     "code": """
        def layer_sizes(X, Y):
            n_x = 2  # size of the input layer
            n_h = 4
            n_y = Y.shape[0]  # size of the output layer
            return (n_x, n_h, n_y)
        """},
    # n_y hard-coded to 1
    {"id": "layer_sizes:hard-coded",
     "code": """
        def layer_sizes(X, Y):
            n_x = X.shape[0]  # size of the input layer
            n_h = 4
            n_y = 1  # size of the output layer
            return (n_x, n_h, n_y)
        """},
    # n_x is the number of examples (columns)
    {"id": "layer_sizes:columns",
     "exercise": "ex2_layer_sizes",
     "explanation": ("n_x is the number of features, the number of rows of X; its number of "
                     "columns counts the examples."),
     "loses": ["test_layer_sizes", "test_nn_model"],  # predict never calls layer_sizes
     "code": """
        def layer_sizes(X, Y):
            n_x = X.shape[1]  # size of the input layer
            n_h = 4
            n_y = Y.shape[0]  # size of the output layer
            return (n_x, n_h, n_y)
        """},
    # --- Exercise 3: initialize_parameters --------------------------------------------------------
    # np.random.rand (uniform) instead of np.random.randn
    {"id": "initialize_parameters:uniform",
     "exercise": "ex3_initialize_parameters",
     "explanation": ("np.random.rand draws uniformly from [0, 1), so every weight is positive; "
                     "the weights are drawn from the standard normal distribution (randn), then "
                     "scaled by 0.01."),
     "code": """
        def initialize_parameters(n_x, n_h, n_y):
            np.random.seed(2)  # so that your random numbers are the same as the checks'
            W1 = np.random.rand(n_h, n_x) * 0.01
            b1 = np.zeros((n_h, 1))
            W2 = np.random.rand(n_y, n_h) * 0.01
            b2 = np.zeros((n_y, 1))
            parameters = {"W1": W1,
                          "b1": b1,
                          "W2": W2,
                          "b2": b2}
            return parameters
        """},
    # the weights are not scaled by 0.01
    {"id": "initialize_parameters:not-scaled",
     "exercise": "ex3_initialize_parameters",
     "explanation": ("The random weights must be scaled by 0.01: large initial weights push tanh"
                     " and the sigmoid into their flat regions, where learning is slow."),
     "code": """
        def initialize_parameters(n_x, n_h, n_y):
            np.random.seed(2)  # so that your random numbers are the same as the checks'
            W1 = np.random.randn(n_h, n_x)
            b1 = np.zeros((n_h, 1))
            W2 = np.random.randn(n_y, n_h)
            b2 = np.zeros((n_y, 1))
            parameters = {"W1": W1,
                          "b1": b1,
                          "W2": W2,
                          "b2": b2}
            return parameters
        """},
    # a wrong seed
    {"id": "initialize_parameters:wrong-seed",
     "exercise": "ex3_initialize_parameters",
     "explanation": ("The seed must stay np.random.seed(2), as given: with another seed the "
                     "weights differ from the ones expected."),
     "code": """
        def initialize_parameters(n_x, n_h, n_y):
            np.random.seed(1)  # so that your random numbers are the same as the checks'
            W1 = np.random.randn(n_h, n_x) * 0.01
            b1 = np.zeros((n_h, 1))
            W2 = np.random.randn(n_y, n_h) * 0.01
            b2 = np.zeros((n_y, 1))
            parameters = {"W1": W1,
                          "b1": b1,
                          "W2": W2,
                          "b2": b2}
            return parameters
        """},
    # biases as flat arrays of shape (n,)
    {"id": "initialize_parameters:flat-biases",
     "exercise": "ex3_initialize_parameters",
     "explanation": ("The biases must be columns, of shape (n_h, 1) and (n_y, 1); np.zeros(n) "
                     "makes a flat array of shape (n,), which broadcasts wrongly."),
     "code": """
        def initialize_parameters(n_x, n_h, n_y):
            np.random.seed(2)  # so that your random numbers are the same as the checks'
            W1 = np.random.randn(n_h, n_x) * 0.01
            b1 = np.zeros(n_h)
            W2 = np.random.randn(n_y, n_h) * 0.01
            b2 = np.zeros(n_y)
            parameters = {"W1": W1,
                          "b1": b1,
                          "W2": W2,
                          "b2": b2}
            return parameters
        """},
    # W1 of shape (n_x, n_h)
    {"id": "initialize_parameters:transposed-draw",
     "exercise": "ex3_initialize_parameters",
     "explanation": ("Drawing a (n_x, n_h) matrix and transposing it gives the right shape, but "
                     "puts the random numbers in other places than a draw of shape (n_h, n_x) "
                     "does. Draw W1 directly with the shape (n_h, n_x)."),
     "code": """
        def initialize_parameters(n_x, n_h, n_y):
            np.random.seed(2)  # so that your random numbers are the same as the checks'
            W1 = np.random.randn(n_x, n_h).T * 0.01
            b1 = np.zeros((n_h, 1))
            W2 = np.random.randn(n_y, n_h) * 0.01
            b2 = np.zeros((n_y, 1))
            parameters = {"W1": W1,
                          "b1": b1,
                          "W2": W2,
                          "b2": b2}
            return parameters
        """},
    # --- Exercise 4: forward_propagation ----------------------------------------------------------
    # sigmoid in the hidden layer
    {"id": "forward_propagation:sigmoid-hidden",
     "exercise": "ex4_forward_propagation",
     "explanation": ("This network uses tanh in the hidden layer and the sigmoid only in the "
                     "output layer; your hidden layer uses the sigmoid."),
     "code": """
        def forward_propagation(X, parameters):
            W1 = parameters["W1"]
            b1 = parameters["b1"]
            W2 = parameters["W2"]
            b2 = parameters["b2"]

            Z1 = np.dot(W1, X) + b1
            A1 = sigmoid(Z1)
            Z2 = np.dot(W2, A1) + b2
            A2 = sigmoid(Z2)
            cache = {"Z1": Z1,
                     "A1": A1,
                     "Z2": Z2,
                     "A2": A2}
            return A2, cache
        """},
    # variant: the sigmoid written out
    {"id": "forward_propagation:sigmoid-hidden",
     "code": """
        def forward_propagation(X, parameters):
            W1 = parameters["W1"]
            b1 = parameters["b1"]
            W2 = parameters["W2"]
            b2 = parameters["b2"]

            Z1 = np.dot(W1, X) + b1
            A1 = 1 / (1 + np.exp(-Z1))
            Z2 = np.dot(W2, A1) + b2
            A2 = sigmoid(Z2)
            cache = {"Z1": Z1,
                     "A1": A1,
                     "Z2": Z2,
                     "A2": A2}
            return A2, cache
        """},
    # tanh in the output layer
    {"id": "forward_propagation:tanh-output",
     "exercise": "ex4_forward_propagation",
     "explanation": ("The output layer gives a probability, so it uses the sigmoid (between 0 "
                     "and 1); tanh belongs to the hidden layer."),
     "code": """
        def forward_propagation(X, parameters):
            W1 = parameters["W1"]
            b1 = parameters["b1"]
            W2 = parameters["W2"]
            b2 = parameters["b2"]

            Z1 = np.dot(W1, X) + b1
            A1 = np.tanh(Z1)
            Z2 = np.dot(W2, A1) + b2
            A2 = np.tanh(Z2)
            cache = {"Z1": Z1,
                     "A1": A1,
                     "Z2": Z2,
                     "A2": A2}
            return A2, cache
        """},
    # the bias b1 forgotten
    {"id": "forward_propagation:no-bias",
     "exercise": "ex4_forward_propagation",
     "explanation": ("Each layer adds its bias: Z1 is W1 X plus b1, and your Z1 leaves b1 out."),
     "code": """
        def forward_propagation(X, parameters):
            W1 = parameters["W1"]
            b1 = parameters["b1"]
            W2 = parameters["W2"]
            b2 = parameters["b2"]

            Z1 = np.dot(W1, X)
            A1 = np.tanh(Z1)
            Z2 = np.dot(W2, A1) + b2
            A2 = sigmoid(Z2)
            cache = {"Z1": Z1,
                     "A1": A1,
                     "Z2": Z2,
                     "A2": A2}
            return A2, cache
        """},
    # np.multiply instead of np.dot in the output layer
    {"id": "forward_propagation:elementwise-output",
     "exercise": "ex4_forward_propagation",
     "explanation": ("Z2 is the matrix product of W2 with A1 (plus b2); an element-wise product "
                     "does not combine the hidden units into one output per example."),
     "code": """
        def forward_propagation(X, parameters):
            W1 = parameters["W1"]
            b1 = parameters["b1"]
            W2 = parameters["W2"]
            b2 = parameters["b2"]

            Z1 = np.dot(W1, X) + b1
            A1 = np.tanh(Z1)
            Z2 = np.multiply(W2.T, A1) + b2
            A2 = sigmoid(Z2)
            cache = {"Z1": Z1,
                     "A1": A1,
                     "Z2": Z2,
                     "A2": A2}
            return A2, cache
        """},
    # --- Exercise 5: compute_cost -----------------------------------------------------------------
    # the cost returned as a (1, 1) array (np.dot, no conversion)
    {"id": "compute_cost:not-a-float",
     "exercise": "ex5_compute_cost",
     "explanation": ("The cost must be a plain Python number; a matrix product, or np.squeeze of"
                     " one, leaves a NumPy array (of shape (1, 1) or ()). Convert the result "
                     "with float(...)."),
     # nn_model's printing check runs the learner's own compute_cost: a (1, 1) array cannot be
     # printed with 6 decimals
     "loses": ["test_compute_cost", "test_nn_model"],
     "code": """
        def compute_cost(A2, Y):
            m = Y.shape[1]  # number of examples
            logprobs = np.dot(np.log(A2), Y.T) + np.dot(np.log(1 - A2), (1 - Y).T)
            cost = -logprobs / m

            return cost
        """},
    # np.squeeze of a (1, 1) array: a 0-d array, not a float
    {"id": "compute_cost:not-a-float",
     "code": """
        def compute_cost(A2, Y):
            m = Y.shape[1]  # number of examples
            logprobs = np.dot(np.log(A2), Y.T) + np.dot(np.log(1 - A2), (1 - Y).T)
            cost = -logprobs / m
            cost = np.squeeze(cost)  # a plain Python number
            return cost
        """},
    # the minus sign forgotten
    {"id": "compute_cost:sign",
     "exercise": "ex5_compute_cost",
     "explanation": ("The logarithms of probabilities are negative, so the cross-entropy needs a"
                     " minus sign in front of the sum to be positive; without it the cost is "
                     "negative and falls as the predictions get worse."),
     "code": """
        def compute_cost(A2, Y):
            m = Y.shape[1]  # number of examples
            logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
            cost = np.sum(logprobs) / m
            cost = float(np.squeeze(cost))  # a plain Python number
            return cost
        """},
    # the sum not divided by m
    {"id": "compute_cost:not-averaged",
     "exercise": "ex5_compute_cost",
     "explanation": ("The cost is the average of the losses over the m examples; yours is their "
                     "sum, m times too large. Divide by m."),
     "code": """
        def compute_cost(A2, Y):
            m = Y.shape[1]  # number of examples
            logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
            cost = -np.sum(logprobs)
            cost = float(np.squeeze(cost))  # a plain Python number
            return cost
        """},
    # only the y log(a) term
    {"id": "compute_cost:one-term",
     "exercise": "ex5_compute_cost",
     "explanation": ("The cross-entropy has two terms: y log(a) for the examples labelled 1 and "
                     "(1 - y) log(1 - a) for those labelled 0. With only one of them, the "
                     "mistakes on the other class cost nothing."),
     "code": """
        def compute_cost(A2, Y):
            m = Y.shape[1]  # number of examples
            logprobs = np.multiply(np.log(A2), Y)
            cost = -np.sum(logprobs) / m
            cost = float(np.squeeze(cost))  # a plain Python number
            return cost
        """},
    # --- Exercise 6: backward_propagation ---------------------------------------------------------
    # the derivative of the sigmoid instead of tanh's
    {"id": "backward_propagation:sigmoid-derivative",
     "exercise": "ex6_backward_propagation",
     "explanation": ("The hidden layer uses tanh, whose derivative is 1 - A1^2; your code uses "
                     "the derivative of the sigmoid there. Each layer's backward step uses the "
                     "derivative of its own activation."),
     "code": """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            W2 = parameters["W2"]
            A1 = cache["A1"]
            A2 = cache["A2"]

            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(W2.T, dZ2) * A1 * (1 - A1)
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            grads = {"dW1": dW1,
                     "db1": db1,
                     "dW2": dW2,
                     "db2": db2}
            return grads
        """},
    # variant: the sigmoid's derivative at Z1
    {"id": "backward_propagation:sigmoid-derivative",
     "code": """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            W2 = parameters["W2"]
            A1 = cache["A1"]
            A2 = cache["A2"]

            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(W2.T, dZ2) * sigmoid(cache['Z1']) * (1 - sigmoid(cache['Z1']))
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            grads = {"dW1": dW1,
                     "db1": db1,
                     "dW2": dW2,
                     "db2": db2}
            return grads
        """},
    # np.dot instead of the element-wise product with tanh'
    {"id": "backward_propagation:product-kind",
     "exercise": "ex6_backward_propagation",
     "explanation": ("Each step needs its own kind of product: dZ1 multiplies W2.T dZ2 entry by "
                     "entry with the derivative of tanh (both have the shape of A1), while dW1 "
                     "is the matrix product of dZ1 with X transposed, which adds up over the "
                     "examples. Check the shapes each product must take and give."),
     "code": """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            W2 = parameters["W2"]
            A1 = cache["A1"]
            A2 = cache["A2"]

            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            grads = {"dW1": dW1,
                     "db1": db1,
                     "dW2": dW2,
                     "db2": db2}
            return grads
        """},
    # np.multiply instead of np.dot in dW1
    {"id": "backward_propagation:product-kind",
     "code": """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            W2 = parameters["W2"]
            A1 = cache["A1"]
            A2 = cache["A2"]

            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
            dW1 = np.multiply(dZ1, X).sum(axis=1) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            grads = {"dW1": dW1,
                     "db1": db1,
                     "dW2": dW2,
                     "db2": db2}
            return grads
        """},
    # keepdims forgotten in db1
    {"id": "backward_propagation:db1-no-keepdims",
     "exercise": "ex6_backward_propagation",
     "explanation": ("db1 must keep the shape of b1, (n_h, 1): sum with keepdims=True so that "
                     "the axis is not dropped."),
     "code": """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            W2 = parameters["W2"]
            A1 = cache["A1"]
            A2 = cache["A2"]

            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1) / m
            grads = {"dW1": dW1,
                     "db1": db1,
                     "dW2": dW2,
                     "db2": db2}
            return grads
        """},
    # dW1 not divided by m
    {"id": "backward_propagation:dw1-not-averaged",
     "exercise": "ex6_backward_propagation",
     "explanation": ("Every gradient is an average over the m examples: dW1 must be divided by "
                     "m, like dW2."),
     "code": """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            W2 = parameters["W2"]
            A1 = cache["A1"]
            A2 = cache["A2"]

            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
            dW1 = np.dot(dZ1, X.T)
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            grads = {"dW1": dW1,
                     "db1": db1,
                     "dW2": dW2,
                     "db2": db2}
            return grads
        """},
    # dZ2 with the wrong sign
    {"id": "backward_propagation:dz2-sign",
     "exercise": "ex6_backward_propagation",
     "explanation": ("With a sigmoid output and the cross-entropy, dZ2 is the prediction minus "
                     "the label; the other way round has the opposite sign and sends gradient "
                     "descent uphill."),
     "code": """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            W2 = parameters["W2"]
            A1 = cache["A1"]
            A2 = cache["A2"]

            dZ2 = Y - A2
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            grads = {"dW1": dW1,
                     "db1": db1,
                     "dW2": dW2,
                     "db2": db2}
            return grads
        """},
    # tanh' computed from Z1 rather than from the cached A1
    {"id": "backward_propagation:derivative-from-z1",
     "exercise": "ex6_backward_propagation",
     "explanation": ("Backpropagation reuses what forward propagation stored: compute the "
                     "derivative of tanh from the cached A1, not by applying tanh to Z1 again."),
     "loses": ["test_backward_propagation"],  # the same numbers wherever A1 is tanh(Z1)
     "code": """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            W2 = parameters["W2"]
            A1 = cache["A1"]
            A2 = cache["A2"]

            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(W2.T, dZ2) * (1 - np.tanh(cache['Z1']) ** 2)
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            grads = {"dW1": dW1,
                     "db1": db1,
                     "dW2": dW2,
                     "db2": db2}
            return grads
        """},
    # --- Exercise 7: update_parameters ------------------------------------------------------------
    # the learning rate applied with the wrong sign (ascent)
    {"id": "update_parameters:ascent",
     "exercise": "ex7_update_parameters",
     "explanation": ("Gradient descent steps against the gradient: it subtracts learning_rate "
                     "times each gradient. Adding it climbs the cost instead."),
     "code": """
        def update_parameters(parameters, grads, learning_rate=1.2):
            W1 = parameters["W1"] + learning_rate * grads["dW1"]
            b1 = parameters["b1"] + learning_rate * grads["db1"]
            W2 = parameters["W2"] + learning_rate * grads["dW2"]
            b2 = parameters["b2"] + learning_rate * grads["db2"]
            parameters = {"W1": W1,
                          "b1": b1,
                          "W2": W2,
                          "b2": b2}
            return parameters
        """},
    # the learning rate hard-coded to 1.2
    {"id": "update_parameters:hard-coded-rate",
     "exercise": "ex7_update_parameters",
     "explanation": ("Your update uses 1.2 instead of the learning_rate argument (1.2 is only "
                     "its default), so a call with another learning rate takes steps of the "
                     "wrong size."),
     "loses": ["test_update_parameters"],  # nn_model uses the default rate
     "code": """
        def update_parameters(parameters, grads, learning_rate=1.2):
            W1 = parameters["W1"] - 1.2 * grads["dW1"]
            b1 = parameters["b1"] - 1.2 * grads["db1"]
            W2 = parameters["W2"] - 1.2 * grads["dW2"]
            b2 = parameters["b2"] - 1.2 * grads["db2"]
            parameters = {"W1": W1,
                          "b1": b1,
                          "W2": W2,
                          "b2": b2}
            return parameters
        """},
    # the biases updated without the learning rate
    {"id": "update_parameters:bias-without-rate",
     "exercise": "ex7_update_parameters",
     "explanation": ("The biases move by learning_rate times their gradient, like the weights; "
                     "yours move by the whole gradient."),
     "code": """
        def update_parameters(parameters, grads, learning_rate=1.2):
            W1 = parameters["W1"] - learning_rate * grads["dW1"]
            b1 = parameters["b1"] - grads["db1"]
            W2 = parameters["W2"] - learning_rate * grads["dW2"]
            b2 = parameters["b2"] - grads["db2"]
            parameters = {"W1": W1,
                          "b1": b1,
                          "W2": W2,
                          "b2": b2}
            return parameters
        """},
    # --- Exercise 8: nn_model ---------------------------------------------------------------------
    # n_h ignored: the hidden layer size of layer_sizes (4) is used
    {"id": "nn_model:n-h-ignored",
     "exercise": "ex8_nn_model",
     "explanation": ("nn_model must build a hidden layer of n_h units, the size it is given; "
                     "layer_sizes gives the fixed 4, which is right only when n_h is 4."),
     "code": """
        def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
            np.random.seed(3)
            n_x = layer_sizes(X, Y)[0]
            n_y = layer_sizes(X, Y)[2]
            parameters = initialize_parameters(n_x, layer_sizes(X, Y)[1], n_y)

            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                cost = compute_cost(A2, Y)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads)

                if print_cost and i % 1000 == 0:
                    print(f"Cost after iteration {i}: {cost:f}")
            return parameters
        """},
    # num_iterations ignored: always 10000 iterations
    {"id": "nn_model:iterations-ignored",
     "exercise": "ex8_nn_model",
     "explanation": ("The loop must run num_iterations times, the number nn_model is given; a "
                     "fixed number ignores the argument."),
     "code": """
        def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
            np.random.seed(3)
            n_x = layer_sizes(X, Y)[0]
            n_y = layer_sizes(X, Y)[2]
            parameters = initialize_parameters(n_x, n_h, n_y)

            for i in range(10000):
                A2, cache = forward_propagation(X, parameters)
                cost = compute_cost(A2, Y)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads)

                if print_cost and i % 1000 == 0:
                    print(f"Cost after iteration {i}: {cost:f}")
            return parameters
        """},
    # one iteration too many
    {"id": "nn_model:extra-iteration",
     "exercise": "ex8_nn_model",
     "explanation": ("range(num_iterations) already runs exactly num_iterations iterations; your"
                     " loop runs one more."),
     "code": """
        def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
            np.random.seed(3)
            n_x = layer_sizes(X, Y)[0]
            n_y = layer_sizes(X, Y)[2]
            parameters = initialize_parameters(n_x, n_h, n_y)

            for i in range(num_iterations + 1):
                A2, cache = forward_propagation(X, parameters)
                cost = compute_cost(A2, Y)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads)

                if print_cost and i % 1000 == 0:
                    print(f"Cost after iteration {i}: {cost:f}")
            return parameters
        """},
    # the updated parameters are not kept
    {"id": "nn_model:update-not-kept",
     "exercise": "ex8_nn_model",
     "explanation": ("update_parameters returns new parameters: unless you assign them, the next"
                     " iteration starts from the old ones again and nothing is learned."),
     "code": """
        def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
            np.random.seed(3)
            n_x = layer_sizes(X, Y)[0]
            n_y = layer_sizes(X, Y)[2]
            parameters = initialize_parameters(n_x, n_h, n_y)

            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                cost = compute_cost(A2, Y)
                grads = backward_propagation(parameters, cache, X, Y)
                update_parameters(parameters, grads)

                if print_cost and i % 1000 == 0:
                    print(f"Cost after iteration {i}: {cost:f}")
            return parameters
        """},
    # the cost printed every 100 iterations
    {"id": "nn_model:print-cost",
     "exercise": "ex8_nn_model",
     "explanation": ("nn_model prints the cost only when print_cost is True, and then only every"
                     " 1000 iterations; yours prints at other times."),
     "code": """
        def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
            np.random.seed(3)
            n_x = layer_sizes(X, Y)[0]
            n_y = layer_sizes(X, Y)[2]
            parameters = initialize_parameters(n_x, n_h, n_y)

            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                cost = compute_cost(A2, Y)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads)

                if print_cost and i % 100 == 0:
                    print(f"Cost after iteration {i}: {cost:f}")
            return parameters
        """},
    # print_cost ignored: the cost is always printed
    {"id": "nn_model:print-cost",
     "code": """
        def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
            np.random.seed(3)
            n_x = layer_sizes(X, Y)[0]
            n_y = layer_sizes(X, Y)[2]
            parameters = initialize_parameters(n_x, n_h, n_y)

            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                cost = compute_cost(A2, Y)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads)

                if i % 1000 == 0:
                    print(f"Cost after iteration {i}: {cost:f}")
            return parameters
        """},
    # --- Exercise 9: predict ----------------------------------------------------------------------
    # the probabilities returned instead of labels
    {"id": "predict:probabilities",
     "exercise": "ex9_predict",
     "explanation": ("predict must return labels, not probabilities: 1 (True) where the output "
                     "A2 is above 0.5, and 0 (False) elsewhere."),
     "code": """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            predictions = A2
            return predictions
        """},
    # labels inverted
    {"id": "predict:inverted",
     "exercise": "ex9_predict",
     "explanation": ("Your labels are inverted: an output above 0.5 means class 1, so the "
                     "comparison must go that way."),
     "code": """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            predictions = A2 < 0.5
            return predictions
        """},
    # the threshold applied to Z2 instead of A2
    {"id": "predict:threshold-on-z",
     "exercise": "ex9_predict",
     "explanation": ("The 0.5 threshold applies to the probability A2 = sigmoid(Z2), not to Z2 "
                     "(on Z2 the matching threshold would be 0)."),
     "code": """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            predictions = cache['Z2'] > 0.5
            return predictions
        """},
]
