"""Misconceptions of week 2 (logistic regression): plausible wrong answers to its exercises, what
each one shows a learner, and the points it must lose.

The grader runs these answers on the inputs the tests gave a learner's function to tell which
misconception a failed exercise shows; the course's tests grade every entry to prove that the
hidden tests catch it. This file stays out of the student versions (nbgrader_config.py). Its
format is described in dlcourse/grader/misconceptions.py: each entry has an id
"<function>:<slug>", the solution cell it answers, the whole code of that cell, the explanation
a learner reads, and "loses" when its lost tests are not its own test and its DEPENDENTS';
entries that share an id are variants of one misconception (they take its exercise and
explanation from its first entry).
"""

# propagate, optimize, predict and model call the functions written before them, and their checks
# run the learner's own versions: a wrong sigmoid costs the points of everything built on it. A
# mistake that leaves the functions built on it right (b returned as the integer 0: the first
# update makes it a float) says so in "loses".
DEPENDENTS = {
    "ex3_sigmoid": ["test_propagate", "test_optimize", "test_predict", "test_model"],
    "ex4_initialize_with_zeros": ["test_model"],
    "ex5_propagate": ["test_optimize", "test_model"],
    "ex6_optimize": ["test_model"],
    "ex7_predict": ["test_model"],
}

CATALOGUE = [
    # --- Exercise 1: dataset_sizes ----------------------------------------------------------------
    # m_test read from the labels' first axis (it is 1)
    {"id": "dataset_sizes:labels-shape",
     "exercise": "ex1_dataset_sizes",
     "explanation": ("The labels have the shape (1, m): their first axis has length 1, and the "
                     "pictures are counted along their second axis. Read the number of pictures "
                     "from an axis that counts them, like the first axis of the pictures' array."),
     "code": """
        m_train = train_set_x_orig.shape[0]
        m_test = test_set_y.shape[0]
        num_px = train_set_x_orig.shape[1]
        """},
    # num_px = shape[0], the number of pictures
    {"id": "dataset_sizes:num-px-axis",
     "exercise": "ex1_dataset_sizes",
     "explanation": ("The pictures' array has the shape (m, num_px, num_px, 3): its first axis "
                     "counts the pictures, and the side of a picture is along the next one."),
     "code": """
        m_train = train_set_x_orig.shape[0]
        m_test = test_set_x_orig.shape[0]
        num_px = train_set_x_orig.shape[0]
        """},
    # m_train = len(first picture), its number of rows
    {"id": "dataset_sizes:len-of-picture",
     "exercise": "ex1_dataset_sizes",
     "explanation": ("len of one picture gives its number of rows of pixels (num_px), not the "
                     "number of pictures, which is the length of the first axis of the whole "
                     "array."),
     "code": """
        m_train = len(train_set_x_orig[0])
        m_test = len(test_set_x_orig)
        num_px = train_set_x_orig.shape[1]
        """},
    # --- Exercise 2: flatten ----------------------------------------------------------------------
    # no .T: one picture per row, shape (m, n_x)
    {"id": "flatten:no-transpose",
     "exercise": "ex2_flatten",
     "explanation": ("Reshaping to (m, -1) puts one picture per row, shape (m, num_px * num_px *"
                     " 3); the course stores one picture per column, so the result must be "
                     "transposed."),
     "code": """
        train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1)
        test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1)
        train_set_x = train_set_x_flatten / 255.
        test_set_x = test_set_x_flatten / 255.
        """},
    # reshape(-1, m) without transposing: pictures mixed
    {"id": "flatten:reshape-mixes-pictures",
     "exercise": "ex2_flatten",
     "explanation": ("Reshaping straight to (-1, m) cuts the numbers into columns in memory "
                     "order, so one column mixes pieces of several pictures. Flatten each "
                     "picture into a row first (one row per picture), then transpose."),
     "code": """
        train_set_x_flatten = train_set_x_orig.reshape(-1, train_set_x_orig.shape[0])
        test_set_x_flatten = test_set_x_orig.reshape(-1, test_set_x_orig.shape[0])
        train_set_x = train_set_x_flatten / 255.
        test_set_x = test_set_x_flatten / 255.
        """},
    # transpose first, then reshape: pixels in another order
    {"id": "flatten:transpose-first",
     "exercise": "ex2_flatten",
     "explanation": ("Transposing the 4-D array first reverses all its axes, so the numbers of a"
                     " picture come out in another order. Flatten each picture as it is stored, "
                     "then transpose the 2-D result."),
     "code": """
        train_set_x_flatten = train_set_x_orig.T.reshape(-1, train_set_x_orig.shape[0])
        test_set_x_flatten = test_set_x_orig.T.reshape(-1, test_set_x_orig.shape[0])
        train_set_x = train_set_x_flatten / 255.
        test_set_x = test_set_x_flatten / 255.
        """},
    # divides by 256
    {"id": "flatten:divides-by-256",
     "exercise": "ex2_flatten",
     "explanation": ("Pixel values go from 0 to 255, so dividing by 255 maps them onto [0, 1]; "
                     "dividing by 256 falls a little short of 1."),
     "code": """
        train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
        test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
        train_set_x = train_set_x_flatten / 256.
        test_set_x = test_set_x_flatten / 256.
        """},
    # the test set is not standardised
    {"id": "flatten:test-not-standardised",
     "exercise": "ex2_flatten",
     "explanation": ("The test set must be standardised like the training set; otherwise the "
                     "model meets test pictures on a scale 255 times larger than the one it "
                     "learned on."),
     "code": """
        train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
        test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
        train_set_x = train_set_x_flatten / 255.
        test_set_x = test_set_x_flatten
        """},
    # copy-paste: the test set flattened from the training set
    {"id": "flatten:copy-paste",
     "exercise": "ex2_flatten",
     "explanation": ("Your flattened test set is made from the training pictures, a copy-paste "
                     "slip: each set must be flattened from its own pictures."),
     "code": """
        train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
        test_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
        train_set_x = train_set_x_flatten / 255.
        test_set_x = test_set_x_flatten / 255.
        """},
    # --- Exercise 3: sigmoid ----------------------------------------------------------------------
    # sign of the exponent: np.exp(z)
    {"id": "sigmoid:exponent-sign",
     "exercise": "ex3_sigmoid",
     "explanation": ("Your function gives 1 / (1 + e^x), the sigmoid of -x: it falls where the "
                     "sigmoid rises (near 0 for large inputs instead of near 1). Check the sign "
                     "of the exponent, and keep 1 as the numerator."),
     "code": """
        def sigmoid(z):
            s = 1 / (1 + np.exp(z))
            return s
        """},
    # math.exp: fails on arrays
    {"id": "sigmoid:math-exp",
     "exercise": "ex3_sigmoid",
     "explanation": ("math.exp (like every math function) works on one number at a time, so your"
                     " sigmoid raises a TypeError as soon as it is given an array. NumPy's "
                     "exponential works on every entry of an array at once, and on single "
                     "numbers too."),
     "code": """
        import math

        def sigmoid(z):
            s = 1 / (1 + math.exp(-z))
            return s
        """},
    # precedence: 1 / 1 + np.exp(-z)
    {"id": "sigmoid:precedence",
     "exercise": "ex3_sigmoid",
     "explanation": ("Python divides before it adds, so without parentheses around the "
                     "denominator your expression computes 1 + e^-x, which is not between 0 and "
                     "1. Group the whole denominator before dividing."),
     "code": """
        def sigmoid(z):
            s = 1 / 1 + np.exp(-z)
            return s
        """},
    # --- Exercise 4: initialize_with_zeros --------------------------------------------------------
    # b = 0, an int (the model still works)
    {"id": "initialize_with_zeros:b-int",
     "exercise": "ex4_initialize_with_zeros",
     "explanation": ("b = 0 is a Python int; the bias is a float, 0.0. (The first update would "
                     "make it a float, but the function must return one.)"),
     "loses": ["test_initialize_with_zeros"],  # the first update makes b a float
     "code": """
        def initialize_with_zeros(dim):
            w = np.zeros((dim, 1))
            b = 0
            return w, b
        """},
    # w of shape (dim,), not a column
    {"id": "initialize_with_zeros:flat-w",
     "exercise": "ex4_initialize_with_zeros",
     "explanation": ("np.zeros(dim) has the shape (dim,), a flat array; w must be a column of "
                     "shape (dim, 1), so that w.T X is a matrix product."),
     "code": """
        def initialize_with_zeros(dim):
            w = np.zeros(dim)
            b = 0.0
            return w, b
        """},
    # w a row, shape (1, dim)
    {"id": "initialize_with_zeros:row-w",
     "exercise": "ex4_initialize_with_zeros",
     "explanation": ("w must be a column of shape (dim, 1), one weight per feature down the "
                     "rows; yours is a row of shape (1, dim)."),
     "code": """
        def initialize_with_zeros(dim):
            w = np.zeros((1, dim))
            b = 0.0
            return w, b
        """},
    # w of integers (the first update makes it float: the model still works)
    {"id": "initialize_with_zeros:integer-w",
     "exercise": "ex4_initialize_with_zeros",
     "explanation": ("w must hold floating-point numbers, as np.zeros gives by default; an array"
                     " of integer zeros is not one."),
     "loses": ["test_initialize_with_zeros"],  # the first update makes w a float
     "code": """
        def initialize_with_zeros(dim):
            w = np.zeros((dim, 1), dtype=int)
            b = 0.0
            return w, b
        """},
    # --- Exercise 5: propagate --------------------------------------------------------------------
    # element-wise * instead of np.dot in the forward pass
    {"id": "propagate:elementwise-forward",
     "exercise": "ex5_propagate",
     "explanation": ("w.T * X multiplies entry by entry (with broadcasting) instead of taking "
                     "the matrix product, so A is not one prediction per example. The forward "
                     "pass needs the dot product of w.T and X."),
     "code": """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(w.T * X + b)
            cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
            dw = np.dot(X, (A - Y).T) / m
            db = np.sum(A - Y) / m
            cost = np.squeeze(np.array(cost))
            grads = {"dw": dw, "db": db}
            return grads, cost
        """},
    # dw element-wise: X * (A - Y) / m, shape (n_x, m)
    {"id": "propagate:dw-elementwise",
     "exercise": "ex5_propagate",
     "explanation": ("X * (A - Y) keeps one column per example; dw must also add up over the "
                     "examples, as the matrix product of X with (A - Y) transposed does, to get "
                     "the shape of w."),
     "code": """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
            dw = X * (A - Y) / m
            db = np.sum(A - Y) / m
            cost = np.squeeze(np.array(cost))
            grads = {"dw": dw, "db": db}
            return grads, cost
        """},
    # dw summed without keepdims: shape (n_x,)
    {"id": "propagate:dw-no-keepdims",
     "exercise": "ex5_propagate",
     "explanation": ("Summing over axis 1 without keepdims gives dw the shape (n_x,) instead of "
                     "the shape (n_x, 1) of w. Keep the axis, or compute dw as a matrix product."),
     "code": """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
            dw = np.sum(X * (A - Y), axis=1) / m
            db = np.sum(A - Y) / m
            cost = np.squeeze(np.array(cost))
            grads = {"dw": dw, "db": db}
            return grads, cost
        """},
    # dw = np.dot(A - Y, X.T): operands in the wrong order, a row
    {"id": "propagate:dw-operand-order",
     "exercise": "ex5_propagate",
     "explanation": ("dw has the shape of w, (n_x, 1): it is X times (A - Y) transposed. With "
                     "the operands the other way round it comes out as a row, (1, n_x)."),
     "code": """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
            dw = np.dot(A - Y, X.T) / m
            db = np.sum(A - Y) / m
            cost = np.squeeze(np.array(cost))
            grads = {"dw": dw, "db": db}
            return grads, cost
        """},
    # cost without the 1/m
    {"id": "propagate:cost-not-averaged",
     "exercise": "ex5_propagate",
     "explanation": ("The cost is the average of the losses over the m examples; yours is their "
                     "sum, m times too large. Divide by m."),
     "code": """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
            dw = np.dot(X, (A - Y).T) / m
            db = np.sum(A - Y) / m
            cost = np.squeeze(np.array(cost))
            grads = {"dw": dw, "db": db}
            return grads, cost
        """},
    # variant: the cost as two matrix products, not averaged
    {"id": "propagate:cost-not-averaged",
     "code": """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T))
            dw = np.dot(X, (A - Y).T) / m
            db = np.sum(A - Y) / m
            cost = np.squeeze(np.array(cost))
            grads = {"dw": dw, "db": db}
            return grads, cost
        """},
    # cost without the minus sign
    {"id": "propagate:cost-sign",
     "exercise": "ex5_propagate",
     "explanation": ("The logarithms of probabilities are negative, so the cross-entropy needs a"
                     " minus sign in front of the sum to be positive; without it the cost is "
                     "negative and falls as the predictions get worse."),
     "code": """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
            dw = np.dot(X, (A - Y).T) / m
            db = np.sum(A - Y) / m
            cost = np.squeeze(np.array(cost))
            grads = {"dw": dw, "db": db}
            return grads, cost
        """},
    # cost with the y = 1 term only
    {"id": "propagate:cost-one-term",
     "exercise": "ex5_propagate",
     "explanation": ("The cross-entropy has two terms: y log(a) for the examples labelled 1 and "
                     "(1 - y) log(1 - a) for those labelled 0. With only one of them, the "
                     "mistakes on the other class cost nothing."),
     "code": """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = -np.sum(Y * np.log(A)) / m
            dw = np.dot(X, (A - Y).T) / m
            db = np.sum(A - Y) / m
            cost = np.squeeze(np.array(cost))
            grads = {"dw": dw, "db": db}
            return grads, cost
        """},
    # db not averaged: np.sum(A - Y)
    {"id": "propagate:db-not-averaged",
     "exercise": "ex5_propagate",
     "explanation": ("db is the average of (a - y) over the m examples; yours is their sum, m "
                     "times too large. Divide by m, as for dw."),
     "code": """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
            dw = np.dot(X, (A - Y).T) / m
            db = np.sum(A - Y)
            cost = np.squeeze(np.array(cost))
            grads = {"dw": dw, "db": db}
            return grads, cost
        """},
    # db a (1, 1) array (keepdims=True), not a number
    {"id": "propagate:db-array",
     "exercise": "ex5_propagate",
     "explanation": ("db must be a single number; a sum with keepdims=True leaves a (1, 1) "
                     "array. Sum over all the entries without keepdims."),
     "code": """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
            dw = np.dot(X, (A - Y).T) / m
            db = np.sum(A - Y, axis=1, keepdims=True) / m
            cost = np.squeeze(np.array(cost))
            grads = {"dw": dw, "db": db}
            return grads, cost
        """},
    # --- Exercise 6: optimize ---------------------------------------------------------------------
    # records the cost at every iteration
    {"id": "optimize:cost-every-iteration",
     "exercise": "ex6_optimize",
     "explanation": ("The costs are recorded every 100 iterations (at 0, 100, 200, ...), not at "
                     "every iteration: append a cost only when the iteration number is a "
                     "multiple of 100."),
     "code": """
        def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
            w = copy.deepcopy(w)
            b = copy.deepcopy(b)
            costs = []
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                dw = grads["dw"]
                db = grads["db"]
                w = w - learning_rate * dw
                b = b - learning_rate * db
                costs.append(cost)
                if print_cost and i % 100 == 0:
                    print("Cost after iteration %i: %f" % (i, cost))
            params = {"w": w, "b": b}
            grads = {"dw": dw, "db": db}
            return params, grads, costs
        """},
    # records the costs only when print_cost is True
    {"id": "optimize:costs-only-when-printing",
     "exercise": "ex6_optimize",
     "explanation": ("The list of costs must be filled whether print_cost is True or not: "
                     "print_cost decides only what is printed."),
     "code": """
        def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
            w = copy.deepcopy(w)
            b = copy.deepcopy(b)
            costs = []
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                dw = grads["dw"]
                db = grads["db"]
                w = w - learning_rate * dw
                b = b - learning_rate * db
                if print_cost and i % 100 == 0:
                    costs.append(cost)
                    print("Cost after iteration %i: %f" % (i, cost))
            params = {"w": w, "b": b}
            grads = {"dw": dw, "db": db}
            return params, grads, costs
        """},
    # updates b with dw
    {"id": "optimize:b-with-dw",
     "exercise": "ex6_optimize",
     "explanation": ("Each parameter follows its own gradient: b is updated with db, not dw."),
     "code": """
        def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
            w = copy.deepcopy(w)
            b = copy.deepcopy(b)
            costs = []
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                dw = grads["dw"]
                db = grads["db"]
                w = w - learning_rate * dw
                b = b - learning_rate * dw
                if i % 100 == 0:
                    costs.append(cost)
            params = {"w": w, "b": b}
            grads = {"dw": dw, "db": db}
            return params, grads, costs
        """},
    # w = w + learning_rate * dw: climbs the cost
    {"id": "optimize:ascent",
     "exercise": "ex6_optimize",
     "explanation": ("Gradient descent steps against the gradient: it subtracts learning_rate "
                     "times each gradient. Adding it climbs the cost instead."),
     "code": """
        def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
            w = copy.deepcopy(w)
            b = copy.deepcopy(b)
            costs = []
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                dw = grads["dw"]
                db = grads["db"]
                w = w + learning_rate * dw
                b = b - learning_rate * db
                if i % 100 == 0:
                    costs.append(cost)
            params = {"w": w, "b": b}
            grads = {"dw": dw, "db": db}
            return params, grads, costs
        """},
    # variant: both parameters climb
    {"id": "optimize:ascent",
     "code": """
        def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
            w = copy.deepcopy(w)
            b = copy.deepcopy(b)
            costs = []
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                dw = grads["dw"]
                db = grads["db"]
                w = w + learning_rate * dw
                b = b + learning_rate * db
                if i % 100 == 0:
                    costs.append(cost)
            params = {"w": w, "b": b}
            grads = {"dw": dw, "db": db}
            return params, grads, costs
        """},
    # the learning rate hard-coded to 0.009 (the default)
    {"id": "optimize:hard-coded-rate",
     "exercise": "ex6_optimize",
     "explanation": ("Your updates use 0.009, the default value, instead of the learning_rate "
                     "argument, so a call with another learning rate trains at the wrong speed."),
     "code": """
        def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
            w = copy.deepcopy(w)
            b = copy.deepcopy(b)
            costs = []
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                dw = grads["dw"]
                db = grads["db"]
                w = w - 0.009 * dw
                b = b - 0.009 * db
                if i % 100 == 0:
                    costs.append(cost)
            params = {"w": w, "b": b}
            grads = {"dw": dw, "db": db}
            return params, grads, costs
        """},
    # b updated with gradients recomputed after w's update
    {"id": "optimize:b-after-w",
     "exercise": "ex6_optimize",
     "explanation": ("Both parameters are updated with the gradients of one and the same step, "
                     "computed once before either update; recomputing them after w has moved "
                     "gives b the gradient of another point."),
     "code": """
        def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
            w = copy.deepcopy(w)
            b = copy.deepcopy(b)
            costs = []
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                dw = grads["dw"]
                w = w - learning_rate * dw
                grads, _ = propagate(w, b, X, Y)
                db = grads["db"]
                b = b - learning_rate * db
                if i % 100 == 0:
                    costs.append(cost)
            params = {"w": w, "b": b}
            grads = {"dw": dw, "db": db}
            return params, grads, costs
        """},
    # records the cost after the update, not before
    {"id": "optimize:cost-after-update",
     "exercise": "ex6_optimize",
     "explanation": ("The cost recorded at iteration i is the one computed before that "
                     "iteration's update, by the same call that gives the gradients; do not "
                     "compute it again after updating."),
     "code": """
        def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
            w = copy.deepcopy(w)
            b = copy.deepcopy(b)
            costs = []
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                dw = grads["dw"]
                db = grads["db"]
                w = w - learning_rate * dw
                b = b - learning_rate * db
                if i % 100 == 0:
                    costs.append(propagate(w, b, X, Y)[1])
            params = {"w": w, "b": b}
            grads = {"dw": dw, "db": db}
            return params, grads, costs
        """},
    # --- Exercise 7: predict ----------------------------------------------------------------------
    # returns the probabilities, not 0/1
    {"id": "predict:probabilities",
     "exercise": "ex7_predict",
     "explanation": ("predict must return labels, 0 or 1, but yours returns the probabilities. "
                     "Turn each probability into 1 when it is greater than 0.5 and into 0 "
                     "otherwise."),
     "code": """
        def predict(w, b, X):
            A = sigmoid(np.dot(w.T, X) + b)
            Y_prediction = A
            return Y_prediction
        """},
    # variant: in one line
    {"id": "predict:probabilities",
     "code": """
        def predict(w, b, X):
            return sigmoid(np.dot(w.T, X) + b)
        """},
    # m hard-coded to 3, the size of the visible example
    {"id": "predict:hard-coded-size",
     "exercise": "ex7_predict",
     "explanation": ("Your function assumes 3 examples, the size of the example; read the number"
                     " of examples from X (its number of columns)."),
     "code": """
        def predict(w, b, X):
            A = sigmoid(np.dot(w.T, X) + b)
            Y_prediction = np.zeros((1, 3))
            for i in range(3):
                if A[0, i] > 0.5:
                    Y_prediction[0, i] = 1
            return Y_prediction
        """},
    # compares z, not sigmoid(z), with 0.5
    {"id": "predict:threshold-on-z",
     "exercise": "ex7_predict",
     "explanation": ("The 0.5 threshold applies to the probability sigmoid(z), not to z (on z "
                     "the matching threshold would be 0): apply the sigmoid before comparing."),
     "code": """
        def predict(w, b, X):
            Z = np.dot(w.T, X) + b
            Y_prediction = (Z > 0.5).astype(float)
            return Y_prediction
        """},
    # A.astype(int): truncates every probability to 0
    {"id": "predict:truncates",
     "exercise": "ex7_predict",
     "explanation": ("astype(int) cuts off the decimals, so every probability below 1 becomes 0."
                     " Compare the probabilities with 0.5 to get the labels."),
     "code": """
        def predict(w, b, X):
            A = sigmoid(np.dot(w.T, X) + b)
            Y_prediction = A.astype(int)
            return Y_prediction
        """},
    # --- Exercise 8: model ------------------------------------------------------------------------
    # trains and predicts on the notebook's cat data (globals)
    {"id": "model:notebook-globals",
     "exercise": "ex8_model",
     "explanation": ("Your model trains and predicts on the notebook's cat data instead of the "
                     "X_train, Y_train and X_test it is given: a function must work on its "
                     "arguments only."),
     "code": """
        def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                  print_cost=False):
            w, b = initialize_with_zeros(train_set_x.shape[0])
            params, grads, costs = optimize(w, b, train_set_x, train_set_y, num_iterations,
                                            learning_rate, print_cost)
            w = params["w"]
            b = params["b"]
            Y_prediction_test = predict(w, b, test_set_x)
            Y_prediction_train = predict(w, b, train_set_x)
            if print_cost:
                train_accuracy = 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100
                test_accuracy = 100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100
                print("train accuracy: {} %".format(train_accuracy))
                print("test accuracy: {} %".format(test_accuracy))
            d = {"costs": costs, "Y_prediction_test": Y_prediction_test,
                 "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
                 "learning_rate": learning_rate, "num_iterations": num_iterations}
            return d
        """},
    # num_iterations not passed on to optimize
    {"id": "model:arguments-not-passed",
     "exercise": "ex8_model",
     "explanation": ("model must pass its num_iterations and learning_rate on to optimize; an "
                     "argument left out makes optimize use its own default instead of the value "
                     "model was given."),
     "code": """
        def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                  print_cost=False):
            w, b = initialize_with_zeros(X_train.shape[0])
            params, grads, costs = optimize(w, b, X_train, Y_train, learning_rate=learning_rate,
                                            print_cost=print_cost)
            w = params["w"]
            b = params["b"]
            Y_prediction_test = predict(w, b, X_test)
            Y_prediction_train = predict(w, b, X_train)
            if print_cost:
                train_accuracy = 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100
                test_accuracy = 100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100
                print("train accuracy: {} %".format(train_accuracy))
                print("test accuracy: {} %".format(test_accuracy))
            d = {"costs": costs, "Y_prediction_test": Y_prediction_test,
                 "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
                 "learning_rate": learning_rate, "num_iterations": num_iterations}
            return d
        """},
    # learning_rate not passed on to optimize
    {"id": "model:arguments-not-passed",
     "code": """
        def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                  print_cost=False):
            w, b = initialize_with_zeros(X_train.shape[0])
            params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations,
                                            print_cost=print_cost)
            w = params["w"]
            b = params["b"]
            Y_prediction_test = predict(w, b, X_test)
            Y_prediction_train = predict(w, b, X_train)
            if print_cost:
                train_accuracy = 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100
                test_accuracy = 100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100
                print("train accuracy: {} %".format(train_accuracy))
                print("test accuracy: {} %".format(test_accuracy))
            d = {"costs": costs, "Y_prediction_test": Y_prediction_test,
                 "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
                 "learning_rate": learning_rate, "num_iterations": num_iterations}
            return d
        """},
    # arguments out of order: print_cost passed as learning_rate
    {"id": "model:arguments-order",
     "exercise": "ex8_model",
     "explanation": ("Passed by position, the arguments of optimize must come in its order; a "
                     "value in the wrong place (print_cost as the learning rate) trains with the"
                     " wrong settings. Pass them in order, or by name."),
     "code": """
        def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                  print_cost=False):
            w, b = initialize_with_zeros(X_train.shape[0])
            params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, print_cost)
            w = params["w"]
            b = params["b"]
            Y_prediction_test = predict(w, b, X_test)
            Y_prediction_train = predict(w, b, X_train)
            if print_cost:
                train_accuracy = 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100
                test_accuracy = 100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100
                print("train accuracy: {} %".format(train_accuracy))
                print("test accuracy: {} %".format(test_accuracy))
            d = {"costs": costs, "Y_prediction_test": Y_prediction_test,
                 "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
                 "learning_rate": learning_rate, "num_iterations": num_iterations}
            return d
        """},
    # predictions of the training and test sets swapped
    {"id": "model:predictions-swapped",
     "exercise": "ex8_model",
     "explanation": ("The test predictions are made on X_test and the training predictions on "
                     "X_train; yours are swapped."),
     "code": """
        def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                  print_cost=False):
            w, b = initialize_with_zeros(X_train.shape[0])
            params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate,
                                            print_cost)
            w = params["w"]
            b = params["b"]
            Y_prediction_test = predict(w, b, X_train)
            Y_prediction_train = predict(w, b, X_test)
            if print_cost:
                train_accuracy = 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100
                test_accuracy = 100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100
                print("train accuracy: {} %".format(train_accuracy))
                print("test accuracy: {} %".format(test_accuracy))
            d = {"costs": costs, "Y_prediction_test": Y_prediction_test,
                 "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
                 "learning_rate": learning_rate, "num_iterations": num_iterations}
            return d
        """},
    # w sized by the number of examples, X_train.shape[1]
    {"id": "model:w-size",
     "exercise": "ex8_model",
     "explanation": ("w needs one weight per feature, the number of rows of X_train; its number "
                     "of columns counts the examples."),
     "code": """
        def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                  print_cost=False):
            w, b = initialize_with_zeros(X_train.shape[1])
            params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate,
                                            print_cost)
            w = params["w"]
            b = params["b"]
            Y_prediction_test = predict(w, b, X_test)
            Y_prediction_train = predict(w, b, X_train)
            if print_cost:
                train_accuracy = 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100
                test_accuracy = 100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100
                print("train accuracy: {} %".format(train_accuracy))
                print("test accuracy: {} %".format(test_accuracy))
            d = {"costs": costs, "Y_prediction_test": Y_prediction_test,
                 "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
                 "learning_rate": learning_rate, "num_iterations": num_iterations}
            return d
        """},
    # predicts with the initial zeros, not the learned w and b
    {"id": "model:initial-parameters",
     "exercise": "ex8_model",
     "explanation": ("Your predictions use the initial zeros, not what optimize learned: take w "
                     "and b from the parameters optimize returns before predicting."),
     "code": """
        def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                  print_cost=False):
            w, b = initialize_with_zeros(X_train.shape[0])
            params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate,
                                            print_cost)
            Y_prediction_test = predict(w, b, X_test)
            Y_prediction_train = predict(w, b, X_train)
            if print_cost:
                train_accuracy = 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100
                test_accuracy = 100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100
                print("train accuracy: {} %".format(train_accuracy))
                print("test accuracy: {} %".format(test_accuracy))
            d = {"costs": costs, "Y_prediction_test": Y_prediction_test,
                 "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
                 "learning_rate": learning_rate, "num_iterations": num_iterations}
            return d
        """},
]
