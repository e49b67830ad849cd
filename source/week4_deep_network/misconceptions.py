"""Misconceptions of week 4 (a deep network, step by step; cats): plausible wrong answers to its
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

# Which tests fall with a mistake: the exercise's own, and those of the exercises that call it,
# directly or not. A mistake that cannot show through a caller, given what that caller's tests
# compare, lists the tests it loses in "loses", with the reason.
DEPENDENTS = {
    "ex1_initialize_parameters": ["test_two_layer_model"],
    "ex2_initialize_parameters_deep": ["test_L_layer_model"],
    "ex3_linear_forward": ["test_linear_activation_forward", "test_L_model_forward",
                           "test_gradient_check", "test_two_layer_model", "test_predict",
                           "test_L_layer_model"],
    "ex4_linear_activation_forward": ["test_L_model_forward", "test_gradient_check",
                                      "test_two_layer_model", "test_predict",
                                      "test_L_layer_model"],
    "ex5_L_model_forward": ["test_gradient_check", "test_predict", "test_L_layer_model"],
    "ex6_compute_cost": ["test_gradient_check", "test_two_layer_model", "test_L_layer_model"],
    "ex7_linear_backward": ["test_linear_activation_backward", "test_L_model_backward",
                            "test_gradient_check", "test_two_layer_model", "test_L_layer_model"],
    "ex8_linear_activation_backward": ["test_L_model_backward", "test_gradient_check",
                                       "test_two_layer_model", "test_L_layer_model"],
    "ex9_L_model_backward": ["test_gradient_check", "test_L_layer_model"],
    "ex11_update_parameters": ["test_two_layer_model", "test_L_layer_model"],
}

CATALOGUE = [
    # --- Exercise 1: initialize_parameters --------------------------------------------------------
    # W1 drawn with the shape (n_x, n_h), transposed
    {"id": "initialize_parameters:transposed-w1",
     "exercise": "ex1_initialize_parameters",
     "explanation": ("W1 has one row per hidden unit and one column per input, the shape (n_h, "
                     "n_x); yours is drawn with the shape (n_x, n_h)."),
     "code": """
        def initialize_parameters(n_x, n_h, n_y):
            W1 = np.random.randn(n_x, n_h) * 0.01
            b1 = np.zeros((n_h, 1))
            W2 = np.random.randn(n_y, n_h) * 0.01
            b2 = np.zeros((n_y, 1))
            parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
            return parameters
        """},
    # weights not scaled by 0.01
    {"id": "initialize_parameters:not-scaled",
     "exercise": "ex1_initialize_parameters",
     "explanation": ("The random weights must be scaled by 0.01, which starts the network with "
                     "the small weights the exercise asks for."),
     "code": """
        def initialize_parameters(n_x, n_h, n_y):
            W1 = np.random.randn(n_h, n_x)
            b1 = np.zeros((n_h, 1))
            W2 = np.random.randn(n_y, n_h)
            b2 = np.zeros((n_y, 1))
            parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
            return parameters
        """},
    # uniform np.random.rand instead of normal randn
    {"id": "initialize_parameters:uniform",
     "exercise": "ex1_initialize_parameters",
     "explanation": ("np.random.rand draws uniformly from [0, 1), so every weight is positive; "
                     "draw from the standard normal distribution (randn) instead."),
     "code": """
        def initialize_parameters(n_x, n_h, n_y):
            W1 = np.random.rand(n_h, n_x) * 0.01
            b1 = np.zeros((n_h, 1))
            W2 = np.random.rand(n_y, n_h) * 0.01
            b2 = np.zeros((n_y, 1))
            parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
            return parameters
        """},
    # seeds inside the function with np.random.seed(1)
    {"id": "initialize_parameters:seeds-inside",
     "exercise": "ex1_initialize_parameters",
     "explanation": ("Do not seed inside the function: the caller sets the seed, and seeding "
                     "again gives the same weights whatever the caller chose."),
     "loses": ["test_initialize_parameters"],  # the model seeds with 1 before calling it
     "code": """
        def initialize_parameters(n_x, n_h, n_y):
            np.random.seed(1)
            W1 = np.random.randn(n_h, n_x) * 0.01
            b1 = np.zeros((n_h, 1))
            W2 = np.random.randn(n_y, n_h) * 0.01
            b2 = np.zeros((n_y, 1))
            parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
            return parameters
        """},
    # --- Exercise 2: initialize_parameters_deep ---------------------------------------------------
    # weights scaled by 0.01 instead of / sqrt(n_prev)
    {"id": "initialize_parameters_deep:fixed-scale",
     "exercise": "ex2_initialize_parameters_deep",
     "explanation": ("In the deep network each layer's weights are divided by the square root of"
                     " the size of the layer before it, not multiplied by a fixed 0.01: that "
                     "keeps the activations of every layer on the same scale."),
     "code": """
        def initialize_parameters_deep(layer_dims):
            parameters = {}
            L = len(layer_dims) - 1  # number of layers with parameters
            for l in range(1, L + 1):
                parameters["W" + str(l)] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                                            * 0.01)
                parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
            return parameters
        """},
    # uniform np.random.rand instead of normal randn
    {"id": "initialize_parameters_deep:uniform",
     "exercise": "ex2_initialize_parameters_deep",
     "explanation": ("np.random.rand draws uniformly from [0, 1), so every weight is positive; "
                     "draw from the standard normal distribution (randn) instead."),
     "code": """
        def initialize_parameters_deep(layer_dims):
            parameters = {}
            L = len(layer_dims) - 1  # number of layers with parameters
            for l in range(1, L + 1):
                parameters["W" + str(l)] = (np.random.rand(layer_dims[l], layer_dims[l - 1])
                                            / np.sqrt(layer_dims[l - 1]))
                parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
            return parameters
        """},
    # divides by sqrt(n of this layer), not of the previous
    {"id": "initialize_parameters_deep:wrong-layer-size",
     "exercise": "ex2_initialize_parameters_deep",
     "explanation": ("Divide by the square root of the number of inputs of the layer, the size "
                     "of the layer before it, not of its own size."),
     "code": """
        def initialize_parameters_deep(layer_dims):
            parameters = {}
            L = len(layer_dims) - 1  # number of layers with parameters
            for l in range(1, L + 1):
                parameters["W" + str(l)] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                                            / np.sqrt(layer_dims[l]))
                parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
            return parameters
        """},
    # the loop stops one layer early: range(1, L)
    {"id": "initialize_parameters_deep:misses-last-layer",
     "exercise": "ex2_initialize_parameters_deep",
     "explanation": ("The layers with parameters are numbered 1 to L, so the loop must reach L; "
                     "range(1, L) stops one layer early and the output layer gets no parameters."),
     "code": """
        def initialize_parameters_deep(layer_dims):
            parameters = {}
            L = len(layer_dims) - 1  # number of layers with parameters
            for l in range(1, L):
                parameters["W" + str(l)] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                                            / np.sqrt(layer_dims[l - 1]))
                parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
            return parameters
        """},
    # seeds inside the function with np.random.seed(1)
    {"id": "initialize_parameters_deep:seeds-inside",
     "exercise": "ex2_initialize_parameters_deep",
     "explanation": ("Do not seed inside the function: the caller sets the seed, and seeding "
                     "again gives the same weights whatever the caller chose."),
     "loses": ["test_initialize_parameters_deep"],  # the model seeds with 1 before calling it
     "code": """
        def initialize_parameters_deep(layer_dims):
            parameters = {}
            L = len(layer_dims) - 1  # number of layers with parameters
            np.random.seed(1)
            for l in range(1, L + 1):
                parameters["W" + str(l)] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                                            / np.sqrt(layer_dims[l - 1]))
                parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
            return parameters
        """},
    # --- Exercise 3: linear_forward ---------------------------------------------------------------
    # elementwise * instead of a matrix product
    {"id": "linear_forward:elementwise",
     "exercise": "ex3_linear_forward",
     "explanation": ("W * A multiplies entry by entry (or fails when the shapes do not fit); the"
                     " linear step is the matrix product of W and A, plus b."),
     "code": """
        def linear_forward(A, W, b):
            Z = W * A + b
            cache = (A, W, b)
            return Z, cache
        """},
    # forgets the bias
    {"id": "linear_forward:no-bias",
     "exercise": "ex3_linear_forward",
     "explanation": ("The linear step adds the bias: Z is W A plus b, and yours leaves b out."),
     "code": """
        def linear_forward(A, W, b):
            Z = np.dot(W, A)
            cache = (A, W, b)
            return Z, cache
        """},
    # the cache in the wrong order, (W, A, b)
    {"id": "linear_forward:cache-order",
     "exercise": "ex3_linear_forward",
     "explanation": ("The cache must be (A, W, b), in this order: the backward pass unpacks it "
                     "in this order."),
     # predict reads only the forward pass's output
     "loses": ["test_linear_forward", "test_linear_activation_forward", "test_L_model_forward",
                "test_gradient_check", "test_two_layer_model", "test_L_layer_model"],
     "code": """
        def linear_forward(A, W, b):
            Z = np.dot(W, A) + b
            cache = (W, A, b)
            return Z, cache
        """},
    # --- Exercise 4: linear_activation_forward ----------------------------------------------------
    # the activations swapped
    {"id": "linear_activation_forward:swapped",
     "exercise": "ex4_linear_activation_forward",
     "explanation": ("The activations are swapped: 'sigmoid' must apply the sigmoid and 'relu' "
                     "the ReLU."),
     "code": """
        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            if activation == "relu":
                A = sigmoid(Z)
            elif activation == "relu":
                A = relu(Z)
            cache = (linear_cache, Z)
            return A, cache
        """},
    # the cache holds A instead of Z
    {"id": "linear_activation_forward:cache-holds-a",
     "exercise": "ex4_linear_activation_forward",
     "explanation": ("The cache keeps Z, the input of the activation, which the backward pass "
                     "needs for the derivative; yours keeps A instead."),
     # predict reads only the forward pass's output
     "loses": ["test_linear_activation_forward", "test_L_model_forward", "test_gradient_check",
                "test_two_layer_model", "test_L_layer_model"],
     "code": """
        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            if activation == "sigmoid":
                A = sigmoid(Z)
            elif activation == "relu":
                A = relu(Z)
            cache = (linear_cache, A)
            return A, cache
        """},
    # the cache in the wrong order, (Z, linear_cache)
    {"id": "linear_activation_forward:cache-order",
     "exercise": "ex4_linear_activation_forward",
     "explanation": ("The cache must be (linear_cache, Z), in this order: the backward pass "
                     "unpacks it in this order."),
     # predict reads only the forward pass's output
     "loses": ["test_linear_activation_forward", "test_L_model_forward", "test_gradient_check",
                "test_two_layer_model", "test_L_layer_model"],
     "code": """
        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            if activation == "sigmoid":
                A = sigmoid(Z)
            elif activation == "relu":
                A = relu(Z)
            cache = (Z, linear_cache)
            return A, cache
        """},
    # --- Exercise 5: L_model_forward --------------------------------------------------------------
    # sigmoid in the hidden layers
    {"id": "L_model_forward:sigmoid-hidden",
     "exercise": "ex5_L_model_forward",
     "explanation": ("The hidden layers use ReLU; only the output layer uses the sigmoid."),
     "code": """
        def L_model_forward(X, parameters):
            caches = []
            A = X
            L = len(parameters) // 2  # number of layers with parameters
            for l in range(1, L):
                A_prev = A
                A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],
                                                     parameters["b" + str(l)], activation="sigmoid")
                caches.append(cache)
            AL, cache = linear_activation_forward(A, parameters["W" + str(L)],
                                                  parameters["b" + str(L)],
                                                  activation="sigmoid")
            caches.append(cache)
            return AL, caches
        """},
    # ReLU in the output layer
    {"id": "L_model_forward:relu-output",
     "exercise": "ex5_L_model_forward",
     "explanation": ("The output layer gives a probability, so it uses the sigmoid; ReLU belongs"
                     " to the hidden layers."),
     "code": """
        def L_model_forward(X, parameters):
            caches = []
            A = X
            L = len(parameters) // 2  # number of layers with parameters
            for l in range(1, L):
                A_prev = A
                A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],
                                                     parameters["b" + str(l)], activation="relu")
                caches.append(cache)
            AL, cache = linear_activation_forward(A, parameters["W" + str(L)],
                                                  parameters["b" + str(L)],
                                                  activation="relu")
            caches.append(cache)
            return AL, caches
        """},
    # the loop skips the last hidden layer: range(1, L - 1)
    {"id": "L_model_forward:output-input",
     "exercise": "ex5_L_model_forward",
     "explanation": ("The output layer takes the activations of the last hidden layer: the loop "
                     "must run through every hidden layer, 1 to L - 1, and the output layer then"
                     " takes the A it leaves, not the input X or an earlier layer's output."),
     "code": """
        def L_model_forward(X, parameters):
            caches = []
            A = X
            L = len(parameters) // 2  # number of layers with parameters
            for l in range(1, L - 1):
                A_prev = A
                A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],
                                                     parameters["b" + str(l)], activation="relu")
                caches.append(cache)
            AL, cache = linear_activation_forward(A, parameters["W" + str(L)],
                                                  parameters["b" + str(L)],
                                                  activation="sigmoid")
            caches.append(cache)
            return AL, caches
        """},
    # the output layer is fed the input X
    {"id": "L_model_forward:output-input",
     "code": """
        def L_model_forward(X, parameters):
            caches = []
            A = X
            L = len(parameters) // 2  # number of layers with parameters
            for l in range(1, L):
                A_prev = A
                A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)],
                                                     parameters["b" + str(l)], activation="relu")
                caches.append(cache)
            AL, cache = linear_activation_forward(X, parameters["W" + str(L)],
                                                  parameters["b" + str(L)],
                                                  activation="sigmoid")
            caches.append(cache)
            return AL, caches
        """},
    # --- Exercise 6: compute_cost -----------------------------------------------------------------
    # returns the (1, 1) array of np.dot, not a float
    {"id": "compute_cost:not-a-float",
     "exercise": "ex6_compute_cost",
     "explanation": ("The cost must be a plain Python number; a matrix product, or np.squeeze of"
                     " one, leaves a NumPy array (of shape (1, 1) or ()). Convert the result "
                     "with float(...)."),
     "code": """
        def compute_cost(AL, Y):
            m = Y.shape[1]
            cost = (1. / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))
            return cost
        """},
    # forgets the minus sign
    {"id": "compute_cost:sign",
     "exercise": "ex6_compute_cost",
     "explanation": ("The logarithms of probabilities are negative, so the cross-entropy needs a"
                     " minus sign in front of the sum to be positive; without it the cost is "
                     "negative and falls as the predictions get worse."),
     "code": """
        def compute_cost(AL, Y):
            m = Y.shape[1]
            cost = (1. / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))
            cost = float(np.squeeze(cost))
            return cost
        """},
    # sums over the examples without dividing by m
    {"id": "compute_cost:not-averaged",
     "exercise": "ex6_compute_cost",
     "explanation": ("The cost is the average of the losses over the m examples; yours is their "
                     "sum, m times too large. Divide by m."),
     "code": """
        def compute_cost(AL, Y):
            m = Y.shape[1]
            cost = (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))
            cost = float(np.squeeze(cost))
            return cost
        """},
    # forgets the (1 - y) log(1 - a) term
    {"id": "compute_cost:one-term",
     "exercise": "ex6_compute_cost",
     "explanation": ("The cross-entropy has two terms: y log(a) for the examples labelled 1 and "
                     "(1 - y) log(1 - a) for those labelled 0. With only one of them, the "
                     "mistakes on the other class cost nothing."),
     "code": """
        def compute_cost(AL, Y):
            m = Y.shape[1]
            cost = (1. / m) * (-np.dot(Y, np.log(AL).T))
            cost = float(np.squeeze(cost))
            return cost
        """},
    # variant: the y log(a) term only, as a mean
    {"id": "compute_cost:one-term",
     "code": """
        def compute_cost(AL, Y):
            m = Y.shape[1]
            cost = -np.mean(Y * np.log(AL))
            cost = float(np.squeeze(cost))
            return cost
        """},
    # variant: the (1 - y) log(1 - a) term only
    {"id": "compute_cost:one-term",
     "code": """
        def compute_cost(AL, Y):
            m = Y.shape[1]
            cost = -np.sum((1 - Y) * np.log(1 - AL)) / m
            cost = float(np.squeeze(cost))
            return cost
        """},
    # --- Exercise 7: linear_backward --------------------------------------------------------------
    # db without keepdims=True: shape (n,)
    {"id": "linear_backward:db-no-keepdims",
     "exercise": "ex7_linear_backward",
     "explanation": ("db must keep the shape of b, (n, 1): sum with keepdims=True so that the "
                     "axis is not dropped."),
     # gradient_check flattens the gradients
     "loses": ["test_linear_backward", "test_linear_activation_backward", "test_L_model_backward",
                "test_two_layer_model", "test_L_layer_model"],
     "code": """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            dW = np.dot(dZ, A_prev.T) / m
            db = np.sum(dZ, axis=1) / m
            dA_prev = np.dot(W.T, dZ)
            return dA_prev, dW, db
        """},
    # dW without the 1/m
    {"id": "linear_backward:dW-not-averaged",
     "exercise": "ex7_linear_backward",
     "explanation": ("Every gradient is an average over the m examples: dW must be divided by m,"
                     " like db."),
     "code": """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            dW = np.dot(dZ, A_prev.T)
            db = np.sum(dZ, axis=1, keepdims=True) / m
            dA_prev = np.dot(W.T, dZ)
            return dA_prev, dW, db
        """},
    # variant: with the @ operator
    {"id": "linear_backward:dW-not-averaged",
     "code": """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            dW = dZ @ A_prev.T
            db = np.sum(dZ, axis=1, keepdims=True) / m
            dA_prev = np.dot(W.T, dZ)
            return dA_prev, dW, db
        """},
    # db summed over the wrong axis
    {"id": "linear_backward:db-axis",
     "exercise": "ex7_linear_backward",
     "explanation": ("db adds up dZ over the examples, along the columns (axis 1), giving one "
                     "number per unit; summing along axis 0 adds up the units instead."),
     "code": """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            dW = np.dot(dZ, A_prev.T) / m
            db = np.sum(dZ, axis=0, keepdims=True) / m
            dA_prev = np.dot(W.T, dZ)
            return dA_prev, dW, db
        """},
    # dW transposed: A_prev dZ^T
    {"id": "linear_backward:dW-transposed",
     "exercise": "ex7_linear_backward",
     "explanation": ("dW has the shape of W, (n, n_prev): it is dZ times A_prev transposed. With"
                     " the operands the other way round it comes out transposed."),
     "code": """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            dW = np.dot(A_prev, dZ.T) / m
            db = np.sum(dZ, axis=1, keepdims=True) / m
            dA_prev = np.dot(W.T, dZ)
            return dA_prev, dW, db
        """},
    # --- Exercise 8: linear_activation_backward ---------------------------------------------------
    # ReLU derivative taken on A_prev instead of Z
    {"id": "linear_activation_backward:relu-mask-source",
     "exercise": "ex8_linear_activation_backward",
     "explanation": ("The derivative of ReLU is 1 where Z, the input of this layer's activation,"
                     " is positive: the mask must come from the Z in the cache, not from A_prev "
                     "or dA."),
     "code": """
        def linear_activation_backward(dA, cache, activation):
            linear_cache, Z = cache
            if activation == "relu":
                dZ = dA * (linear_cache[0] > 0)
            elif activation == "sigmoid":
                s = sigmoid(Z)
                dZ = dA * s * (1 - s)
            dA_prev, dW, db = linear_backward(dZ, linear_cache)
            return dA_prev, dW, db
        """},
    # ReLU mask taken on dA instead of Z
    {"id": "linear_activation_backward:relu-mask-source",
     "code": """
        def linear_activation_backward(dA, cache, activation):
            linear_cache, Z = cache
            if activation == "relu":
                dZ = dA * (dA > 0)
            elif activation == "sigmoid":
                s = sigmoid(Z)
                dZ = dA * s * (1 - s)
            dA_prev, dW, db = linear_backward(dZ, linear_cache)
            return dA_prev, dW, db
        """},
    # sigmoid derivative taken as if the cache held A: Z * (1 - Z)
    {"id": "linear_activation_backward:z-as-activation",
     "exercise": "ex8_linear_activation_backward",
     "explanation": ("The cache holds Z, not the activation: the sigmoid's derivative is s(1 - "
                     "s) with s = sigmoid(Z), so apply the sigmoid to Z first."),
     "code": """
        def linear_activation_backward(dA, cache, activation):
            linear_cache, Z = cache
            if activation == "relu":
                dZ = dA * (Z > 0)
            elif activation == "sigmoid":
                s = Z
                dZ = dA * s * (1 - s)
            dA_prev, dW, db = linear_backward(dZ, linear_cache)
            return dA_prev, dW, db
        """},
    # ReLU itself instead of its derivative
    {"id": "linear_activation_backward:relu-not-derivative",
     "exercise": "ex8_linear_activation_backward",
     "explanation": ("dZ is dA times the derivative of ReLU (1 where Z > 0, else 0), not times "
                     "ReLU itself."),
     "code": """
        def linear_activation_backward(dA, cache, activation):
            linear_cache, Z = cache
            if activation == "relu":
                dZ = dA * relu(Z)
            elif activation == "sigmoid":
                s = sigmoid(Z)
                dZ = dA * s * (1 - s)
            dA_prev, dW, db = linear_backward(dZ, linear_cache)
            return dA_prev, dW, db
        """},
    # --- Exercise 9: L_model_backward -------------------------------------------------------------
    # dA keys off by one: dA{l} instead of dA{l-1}
    {"id": "L_model_backward:dA-keys",
     "exercise": "ex9_L_model_backward",
     "explanation": ("Layer l's backward step gives dA{l-1} (the gradient for the layer below "
                     "it), dW{l} and db{l}; your dA keys are shifted by one."),
     "loses": ["test_L_model_backward"],  # the gradient check and the training read only dW and db
     "code": """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)  # number of layers with parameters
            Y = Y.reshape(AL.shape)
            dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            current_cache = caches[L - 1]
            dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache,
                                                                        "sigmoid")
            grads["dA" + str(L)] = dA_prev_temp
            grads["dW" + str(L)] = dW_temp
            grads["db" + str(L)] = db_temp
            for l in reversed(range(L - 1)):
                current_cache = caches[l]
                dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
                    grads["dA" + str(l + 2)], current_cache, "relu")
                grads["dA" + str(l + 1)] = dA_prev_temp
                grads["dW" + str(l + 1)] = dW_temp
                grads["db" + str(l + 1)] = db_temp
            return grads
        """},
    # dAL with the wrong sign
    {"id": "L_model_backward:dAL-sign",
     "exercise": "ex9_L_model_backward",
     "explanation": ("dAL, the derivative of the cost with respect to AL, has a minus sign in "
                     "front of the whole expression; without it every gradient points the wrong "
                     "way and descent climbs the cost."),
     "code": """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)  # number of layers with parameters
            Y = Y.reshape(AL.shape)
            dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)
            current_cache = caches[L - 1]
            dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache,
                                                                        "sigmoid")
            grads["dA" + str(L - 1)] = dA_prev_temp
            grads["dW" + str(L)] = dW_temp
            grads["db" + str(L)] = db_temp
            for l in reversed(range(L - 1)):
                current_cache = caches[l]
                dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
                    grads["dA" + str(l + 1)], current_cache, "relu")
                grads["dA" + str(l)] = dA_prev_temp
                grads["dW" + str(l + 1)] = dW_temp
                grads["db" + str(l + 1)] = db_temp
            return grads
        """},
    # variant: written with /
    {"id": "L_model_backward:dAL-sign",
     "code": """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)  # number of layers with parameters
            Y = Y.reshape(AL.shape)
            dAL = Y / AL - (1 - Y) / (1 - AL)
            current_cache = caches[L - 1]
            dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache,
                                                                        "sigmoid")
            grads["dA" + str(L - 1)] = dA_prev_temp
            grads["dW" + str(L)] = dW_temp
            grads["db" + str(L)] = db_temp
            for l in reversed(range(L - 1)):
                current_cache = caches[l]
                dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
                    grads["dA" + str(l + 1)], current_cache, "relu")
                grads["dA" + str(l)] = dA_prev_temp
                grads["dW" + str(l + 1)] = dW_temp
                grads["db" + str(l + 1)] = db_temp
            return grads
        """},
    # ReLU backward for the output layer
    {"id": "L_model_backward:relu-output",
     "exercise": "ex9_L_model_backward",
     "explanation": ("The output layer used the sigmoid in the forward pass, so its backward "
                     "step uses the sigmoid's derivative; ReLU's belongs to the hidden layers."),
     "code": """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)  # number of layers with parameters
            Y = Y.reshape(AL.shape)
            dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            current_cache = caches[L - 1]
            dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, "relu")
            grads["dA" + str(L - 1)] = dA_prev_temp
            grads["dW" + str(L)] = dW_temp
            grads["db" + str(L)] = db_temp
            for l in reversed(range(L - 1)):
                current_cache = caches[l]
                dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
                    grads["dA" + str(l + 1)], current_cache, "relu")
                grads["dA" + str(l)] = dA_prev_temp
                grads["dW" + str(l + 1)] = dW_temp
                grads["db" + str(l + 1)] = db_temp
            return grads
        """},
    # the hidden layers read the cache of the layer above
    {"id": "L_model_backward:cache-index",
     "exercise": "ex9_L_model_backward",
     "explanation": ("caches[l] holds the cache of layer l + 1 (the list starts at layer 1): "
                     "each step must read the cache of the layer it computes, not of the one "
                     "above."),
     "code": """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)  # number of layers with parameters
            Y = Y.reshape(AL.shape)
            dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            current_cache = caches[L - 1]
            dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache,
                                                                        "sigmoid")
            grads["dA" + str(L - 1)] = dA_prev_temp
            grads["dW" + str(L)] = dW_temp
            grads["db" + str(L)] = db_temp
            for l in reversed(range(L - 1)):
                current_cache = caches[l + 1]
                dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
                    grads["dA" + str(l + 1)], current_cache, "relu")
                grads["dA" + str(l)] = dA_prev_temp
                grads["dW" + str(l + 1)] = dW_temp
                grads["db" + str(l + 1)] = db_temp
            return grads
        """},
    # --- Exercise 10: gradient_check --------------------------------------------------------------
    # one-sided difference (J(theta + eps) - J(theta)) / eps
    {"id": "gradient_check:one-sided",
     "exercise": "ex10_gradient_check",
     "explanation": ("The centred difference (J(theta + eps) - J(theta - eps)) / (2 eps) is far "
                     "more accurate than a one-sided one, and the check relies on it."),
     "code": """
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            AL, caches = L_model_forward(X, parameters)
            grads = L_model_backward(AL, Y, caches)
            grad = gradients_to_vector(grads, parameters)

            theta = parameters_to_vector(parameters)
            gradapprox = np.zeros(theta.shape)
            for i in range(theta.shape[0]):
                theta_plus = np.copy(theta)
                theta_plus[i] = theta_plus[i] + epsilon
                AL_plus, _ = L_model_forward(X, vector_to_parameters(theta_plus, parameters))
                J_plus = compute_cost(AL_plus, Y)

                theta_minus = np.copy(theta)
                theta_minus[i] = theta_minus[i] - epsilon
                AL_minus, _ = L_model_forward(X, vector_to_parameters(theta_minus, parameters))
                J_minus = compute_cost(AL, Y)

                gradapprox[i] = (J_plus - J_minus) / epsilon

            numerator = np.linalg.norm(grad - gradapprox)
            denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
            difference = float(numerator / denominator)
            return difference
        """},
    # no denominator: the absolute difference
    {"id": "gradient_check:no-denominator",
     "exercise": "ex10_gradient_check",
     "explanation": ("The difference is relative: the norm of grad - gradapprox divided by the "
                     "sum of their norms. Without the denominator it depends on the scale of the"
                     " gradients."),
     "code": """
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            AL, caches = L_model_forward(X, parameters)
            grads = L_model_backward(AL, Y, caches)
            grad = gradients_to_vector(grads, parameters)

            theta = parameters_to_vector(parameters)
            gradapprox = np.zeros(theta.shape)
            for i in range(theta.shape[0]):
                theta_plus = np.copy(theta)
                theta_plus[i] = theta_plus[i] + epsilon
                AL_plus, _ = L_model_forward(X, vector_to_parameters(theta_plus, parameters))
                J_plus = compute_cost(AL_plus, Y)

                theta_minus = np.copy(theta)
                theta_minus[i] = theta_minus[i] - epsilon
                AL_minus, _ = L_model_forward(X, vector_to_parameters(theta_minus, parameters))
                J_minus = compute_cost(AL_minus, Y)

                gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)

            numerator = np.linalg.norm(grad - gradapprox)
            denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
            difference = float(numerator)
            return difference
        """},
    # theta modified in place: no copy
    {"id": "gradient_check:no-copy",
     "exercise": "ex10_gradient_check",
     "explanation": ("Assigning theta to another name does not copy it: both names point to the "
                     "same array, so shifting one shifts theta itself. Copy theta before each "
                     "shift."),
     "code": """
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            AL, caches = L_model_forward(X, parameters)
            grads = L_model_backward(AL, Y, caches)
            grad = gradients_to_vector(grads, parameters)

            theta = parameters_to_vector(parameters)
            gradapprox = np.zeros(theta.shape)
            for i in range(theta.shape[0]):
                theta_plus = theta
                theta_plus[i] = theta_plus[i] + epsilon
                AL_plus, _ = L_model_forward(X, vector_to_parameters(theta_plus, parameters))
                J_plus = compute_cost(AL_plus, Y)

                theta_minus = theta
                theta_minus[i] = theta_minus[i] - epsilon
                AL_minus, _ = L_model_forward(X, vector_to_parameters(theta_minus, parameters))
                J_minus = compute_cost(AL_minus, Y)

                gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)

            numerator = np.linalg.norm(grad - gradapprox)
            denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
            difference = float(numerator / denominator)
            return difference
        """},
    # epsilon ignored: 1e-7 hard-coded
    {"id": "gradient_check:epsilon-ignored",
     "exercise": "ex10_gradient_check",
     "explanation": ("Use the epsilon argument, not a fixed 1e-7: the check must shift the "
                     "parameters by the amount it is given."),
     "code": """
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            AL, caches = L_model_forward(X, parameters)
            grads = L_model_backward(AL, Y, caches)
            grad = gradients_to_vector(grads, parameters)

            theta = parameters_to_vector(parameters)
            gradapprox = np.zeros(theta.shape)
            for i in range(theta.shape[0]):
                theta_plus = np.copy(theta)
                theta_plus[i] = theta_plus[i] + 1e-7
                AL_plus, _ = L_model_forward(X, vector_to_parameters(theta_plus, parameters))
                J_plus = compute_cost(AL_plus, Y)

                theta_minus = np.copy(theta)
                theta_minus[i] = theta_minus[i] - 1e-7
                AL_minus, _ = L_model_forward(X, vector_to_parameters(theta_minus, parameters))
                J_minus = compute_cost(AL_minus, Y)

                gradapprox[i] = (J_plus - J_minus) / (2 * 1e-7)

            numerator = np.linalg.norm(grad - gradapprox)
            denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
            difference = float(numerator / denominator)
            return difference
        """},
    # --- Exercise 11: update_parameters -----------------------------------------------------------
    # plus instead of minus: gradient ascent
    {"id": "update_parameters:ascent",
     "exercise": "ex11_update_parameters",
     "explanation": ("Gradient descent steps against the gradient: it subtracts learning_rate "
                     "times each gradient. Adding it climbs the cost instead."),
     "code": """
        def update_parameters(params, grads, learning_rate):
            parameters = {}
            L = len(params) // 2  # number of layers with parameters
            for l in range(1, L + 1):
                parameters["W" + str(l)] = (params["W" + str(l)]
                                            + learning_rate * grads["dW" + str(l)])
                parameters["b" + str(l)] = (params["b" + str(l)]
                                            + learning_rate * grads["db" + str(l)])
            return parameters
        """},
    # the loop misses the last layer: range(1, L)
    {"id": "update_parameters:misses-last-layer",
     "exercise": "ex11_update_parameters",
     "explanation": ("The layers with parameters are numbered 1 to L, so the loop must reach L; "
                     "range(1, L) leaves the output layer without an update."),
     "code": """
        def update_parameters(params, grads, learning_rate):
            parameters = {}
            L = len(params) // 2  # number of layers with parameters
            for l in range(1, L):
                parameters["W" + str(l)] = (params["W" + str(l)]
                                            - learning_rate * grads["dW" + str(l)])
                parameters["b" + str(l)] = (params["b" + str(l)]
                                            - learning_rate * grads["db" + str(l)])
            return parameters
        """},
    # updates the arrays of params in place with -=
    {"id": "update_parameters:in-place",
     "exercise": "ex11_update_parameters",
     "explanation": ("-= changes the arrays of params, the caller's own: the function must "
                     "return new arrays and leave params as they were."),
     "loses": ["test_update_parameters"],  # in place or not, the training takes the same steps
     "code": """
        def update_parameters(params, grads, learning_rate):
            parameters = {}
            L = len(params) // 2  # number of layers with parameters
            for l in range(1, L + 1):
                params["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
                parameters["W" + str(l)] = params["W" + str(l)]
                params["b" + str(l)] -= learning_rate * grads["db" + str(l)]
                parameters["b" + str(l)] = params["b" + str(l)]
            return parameters
        """},
    # --- Exercise 12: two_layer_model -------------------------------------------------------------
    # dA2 with the wrong sign: gradient ascent
    {"id": "two_layer_model:dA2-sign",
     "exercise": "ex12_two_layer_model",
     "explanation": ("dA2, the derivative of the cost with respect to A2, has a minus sign in "
                     "front of the whole expression; without it every gradient points the wrong "
                     "way and the cost grows."),
     "code": """
        def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                            print_cost=False):
            np.random.seed(1)
            grads = {}
            costs = []
            (n_x, n_h, n_y) = layers_dims

            parameters = initialize_parameters(n_x, n_h, n_y)
            W1 = parameters["W1"]
            b1 = parameters["b1"]
            W2 = parameters["W2"]
            b2 = parameters["b2"]

            for i in range(num_iterations):
                A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
                A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
                cost = compute_cost(A2, Y)
                dA2 = np.divide(Y, A2) - np.divide(1 - Y, 1 - A2)
                dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
                dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
                grads["dW1"] = dW1
                grads["db1"] = db1
                grads["dW2"] = dW2
                grads["db2"] = db2
                parameters = update_parameters(parameters, grads, learning_rate)
                W1 = parameters["W1"]
                b1 = parameters["b1"]
                W2 = parameters["W2"]
                b2 = parameters["b2"]

                if i % 100 == 0:
                    costs.append(cost)
                if print_cost and (i % 100 == 0 or i == num_iterations - 1):
                    print(f"Cost after iteration {i}: {cost:.6f}")

            return parameters, costs
        """},
    # sigmoid in the hidden layer
    {"id": "two_layer_model:sigmoid-hidden",
     "exercise": "ex12_two_layer_model",
     "explanation": ("This network is LINEAR -> RELU -> LINEAR -> SIGMOID: its hidden layer uses"
                     " ReLU, forward and backward."),
     "code": """
        def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                            print_cost=False):
            np.random.seed(1)
            grads = {}
            costs = []
            (n_x, n_h, n_y) = layers_dims

            parameters = initialize_parameters(n_x, n_h, n_y)
            W1 = parameters["W1"]
            b1 = parameters["b1"]
            W2 = parameters["W2"]
            b2 = parameters["b2"]

            for i in range(num_iterations):
                A1, cache1 = linear_activation_forward(X, W1, b1, "sigmoid")
                A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
                cost = compute_cost(A2, Y)
                dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
                dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
                dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "sigmoid")
                grads["dW1"] = dW1
                grads["db1"] = db1
                grads["dW2"] = dW2
                grads["db2"] = db2
                parameters = update_parameters(parameters, grads, learning_rate)
                W1 = parameters["W1"]
                b1 = parameters["b1"]
                W2 = parameters["W2"]
                b2 = parameters["b2"]

                if i % 100 == 0:
                    costs.append(cost)
                if print_cost and (i % 100 == 0 or i == num_iterations - 1):
                    print(f"Cost after iteration {i}: {cost:.6f}")

            return parameters, costs
        """},
    # the result of update_parameters is not stored
    {"id": "two_layer_model:update-not-kept",
     "exercise": "ex12_two_layer_model",
     "explanation": ("update_parameters returns new parameters: unless you assign them, the next"
                     " iteration starts from the old ones again and nothing is learned."),
     "code": """
        def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                            print_cost=False):
            np.random.seed(1)
            grads = {}
            costs = []
            (n_x, n_h, n_y) = layers_dims

            parameters = initialize_parameters(n_x, n_h, n_y)
            W1 = parameters["W1"]
            b1 = parameters["b1"]
            W2 = parameters["W2"]
            b2 = parameters["b2"]

            for i in range(num_iterations):
                A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
                A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
                cost = compute_cost(A2, Y)
                dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
                dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
                dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
                grads["dW1"] = dW1
                grads["db1"] = db1
                grads["dW2"] = dW2
                grads["db2"] = db2
                update_parameters(parameters, grads, learning_rate)
                W1 = parameters["W1"]
                b1 = parameters["b1"]
                W2 = parameters["W2"]
                b2 = parameters["b2"]

                if i % 100 == 0:
                    costs.append(cost)
                if print_cost and (i % 100 == 0 or i == num_iterations - 1):
                    print(f"Cost after iteration {i}: {cost:.6f}")

            return parameters, costs
        """},
    # layer sizes in the wrong order for initialize_parameters
    {"id": "two_layer_model:sizes-order",
     "exercise": "ex12_two_layer_model",
     "explanation": ("initialize_parameters takes the sizes in the order (n_x, n_h, n_y); sizes "
                     "in another order give weights of the wrong shapes."),
     "code": """
        def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                            print_cost=False):
            np.random.seed(1)
            grads = {}
            costs = []
            (n_x, n_h, n_y) = layers_dims

            parameters = initialize_parameters(n_h, n_x, n_y)
            W1 = parameters["W1"]
            b1 = parameters["b1"]
            W2 = parameters["W2"]
            b2 = parameters["b2"]

            for i in range(num_iterations):
                A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
                A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
                cost = compute_cost(A2, Y)
                dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
                dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
                dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
                grads["dW1"] = dW1
                grads["db1"] = db1
                grads["dW2"] = dW2
                grads["db2"] = db2
                parameters = update_parameters(parameters, grads, learning_rate)
                W1 = parameters["W1"]
                b1 = parameters["b1"]
                W2 = parameters["W2"]
                b2 = parameters["b2"]

                if i % 100 == 0:
                    costs.append(cost)
                if print_cost and (i % 100 == 0 or i == num_iterations - 1):
                    print(f"Cost after iteration {i}: {cost:.6f}")

            return parameters, costs
        """},
    # --- Exercise 13: predict ---------------------------------------------------------------------
    # predictions of shape (m,) instead of (1, m)
    {"id": "predict:flat",
     "exercise": "ex13_predict",
     "explanation": ("The predictions must have the shape (1, m), like the labels; taking the "
                     "first row of the probabilities leaves a flat array of shape (m,)."),
     "code": """
        def predict(X, y, parameters):
            probas, caches = L_model_forward(X, parameters)
            p = (probas[0] > 0.5).astype(float)
            print(f"Accuracy: {np.mean(p == y):.2%}")
            return p
        """},
    # a forward pass written for 2 layers only, not with L_model_forward
    {"id": "predict:two-layers-only",
     "exercise": "ex13_predict",
     "explanation": ("predict must work for a network of any depth: L_model_forward runs every "
                     "layer of the parameters, while a forward pass written for two layers "
                     "ignores the others (or fails)."),
     "code": """
        def predict(X, y, parameters):
            A1 = relu(np.dot(parameters["W1"], X) + parameters["b1"])
            probas = sigmoid(np.dot(parameters["W2"], A1) + parameters["b2"])
            p = (probas > 0.5).astype(float)
            print(f"Accuracy: {np.mean(p == y):.2%}")
            return p
        """},
    # threshold at 0 on the probabilities (as if on Z)
    {"id": "predict:threshold-zero",
     "exercise": "ex13_predict",
     "explanation": ("Probabilities are always above 0, so a threshold at 0 predicts 1 "
                     "everywhere; the threshold on a probability is 0.5."),
     "code": """
        def predict(X, y, parameters):
            probas, caches = L_model_forward(X, parameters)
            p = (probas > 0).astype(float)
            print(f"Accuracy: {np.mean(p == y):.2%}")
            return p
        """},
    # --- Exercise 14: L_layer_model ---------------------------------------------------------------
    # backward and update interleaved: W updated before dA_prev is computed with it
    {"id": "L_layer_model:interleaved-update",
     "exercise": "ex14_L_layer_model",
     "explanation": ("Compute all the gradients with the parameters of the forward pass first, "
                     "then update: here each layer's W is updated before the gradient for the "
                     "layer below is computed with it."),
     "code": """
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
                    dA = np.dot(parameters["W" + str(l)].T,
                                dZ)  # the W just updated, not the one used
                if i % 100 == 0:
                    costs.append(cost)
                if print_cost and (i % 100 == 0 or i == num_iterations - 1):
                    print(f"Cost after iteration {i}: {cost:.6f}")
            return parameters, costs
        """},
    # the result of update_parameters is not stored
    {"id": "L_layer_model:update-not-kept",
     "exercise": "ex14_L_layer_model",
     "explanation": ("update_parameters returns new parameters: unless you assign them, the next"
                     " iteration starts from the old ones again and nothing is learned."),
     "code": """
        def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                          print_cost=False):
            np.random.seed(1)
            costs = []

            parameters = initialize_parameters_deep(layers_dims)

            for i in range(num_iterations):
                AL, caches = L_model_forward(X, parameters)
                cost = compute_cost(AL, Y)
                grads = L_model_backward(AL, Y, caches)
                update_parameters(parameters, grads, learning_rate)

                if i % 100 == 0:
                    costs.append(cost)
                if print_cost and (i % 100 == 0 or i == num_iterations - 1):
                    print(f"Cost after iteration {i}: {cost:.6f}")

            return parameters, costs
        """},
    # the learning rate hard-coded to 0.0075
    {"id": "L_layer_model:hard-coded-rate",
     "exercise": "ex14_L_layer_model",
     "explanation": ("Use the learning_rate argument: 0.0075 is only its default, so a call with"
                     " another learning rate trains at the wrong speed."),
     "code": """
        def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                          print_cost=False):
            np.random.seed(1)
            costs = []

            parameters = initialize_parameters_deep(layers_dims)

            for i in range(num_iterations):
                AL, caches = L_model_forward(X, parameters)
                cost = compute_cost(AL, Y)
                grads = L_model_backward(AL, Y, caches)
                parameters = update_parameters(parameters, grads, 0.0075)

                if i % 100 == 0:
                    costs.append(cost)
                if print_cost and (i % 100 == 0 or i == num_iterations - 1):
                    print(f"Cost after iteration {i}: {cost:.6f}")

            return parameters, costs
        """},
]
