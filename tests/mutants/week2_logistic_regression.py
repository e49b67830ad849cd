"""Plausible wrong answers to week 2's exercises (logistic regression), and the points they lose.

Each mutant is the whole code of one solution cell, as a learner could write it. Graded with the
hidden tests, it must fail its own test cell, plus the test cells listed in ``DEPENDENTS`` for its
exercise, or exactly the cells of its ``loses`` list when it has one.

``propagate``, ``optimize``, ``predict`` and ``model`` call the functions written before them, as
in the course, and their checks run the learner's own versions: a wrong ``sigmoid`` costs the
points of everything built on it. A mistake that leaves the functions built on it right (``b``
returned as the integer 0: the first update makes it a float) says so in ``loses``.
"""

from textwrap import dedent


def _cell(code: str) -> str:
    return dedent(code).strip("\n")


DEPENDENTS = {
    "ex3_sigmoid": ["test_propagate", "test_optimize", "test_predict", "test_model"],
    "ex4_initialize_with_zeros": ["test_model"],
    "ex5_propagate": ["test_optimize", "test_model"],
    "ex6_optimize": ["test_model"],
    "ex7_predict": ["test_model"],
}

_PROPAGATE = """
    def propagate(w, b, X, Y):
        m = X.shape[1]
        {body}
        cost = np.squeeze(np.array(cost))
        grads = {{"dw": dw, "db": db}}
        return grads, cost
    """

_OPTIMIZE = """
    def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        w = copy.deepcopy(w)
        b = copy.deepcopy(b)
        costs = []
        {body}
        params = {{"w": w, "b": b}}
        grads = {{"dw": dw, "db": db}}
        return params, grads, costs
    """

_MODEL = """
    def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
              print_cost=False):
        {body}
        if print_cost:
            train_accuracy = 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100
            test_accuracy = 100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100
            print("train accuracy: {{}} %".format(train_accuracy))
            print("test accuracy: {{}} %".format(test_accuracy))
        d = {{"costs": costs, "Y_prediction_test": Y_prediction_test,
             "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
             "learning_rate": learning_rate, "num_iterations": num_iterations}}
        return d
    """


def _fill(template: str, body: str) -> str:
    """A function from its template, with ``body`` (lines at 4 spaces) in place of {body}."""
    body = dedent(body).strip("\n").replace("\n", "\n        ")
    return _cell(template.format(body=body))


_FORWARD = """
    A = sigmoid(np.dot(w.T, X) + b)
    """
_COST = "cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n"
_DW = "dw = np.dot(X, (A - Y).T) / m\n"
_DB = "db = np.sum(A - Y) / m\n"


def _propagate(forward=_FORWARD, cost=_COST, dw=_DW, db=_DB):
    return _fill(_PROPAGATE, dedent(forward).strip("\n") + "\n" + cost + dw + db)


def _optimize(loop: str) -> str:
    return _fill(_OPTIMIZE, loop)


def _model(body: str) -> str:
    return _fill(_MODEL, body)


MUTANTS = [
    # --- Exercise 1: m_train, m_test, num_px -------------------------------------------------
    {"exercise": "ex1_dataset_sizes", "why": "m_test read from the labels' first axis (it is 1)",
     "code": _cell("""
        m_train = train_set_x_orig.shape[0]
        m_test = test_set_y.shape[0]
        num_px = train_set_x_orig.shape[1]
        """)},
    {"exercise": "ex1_dataset_sizes", "why": "num_px = shape[0], the number of pictures",
     "code": _cell("""
        m_train = train_set_x_orig.shape[0]
        m_test = test_set_x_orig.shape[0]
        num_px = train_set_x_orig.shape[0]
        """)},
    {"exercise": "ex1_dataset_sizes", "why": "m_train = len(first picture), its number of rows",
     "code": _cell("""
        m_train = len(train_set_x_orig[0])
        m_test = len(test_set_x_orig)
        num_px = train_set_x_orig.shape[1]
        """)},

    # --- Exercise 2: flatten and standardise --------------------------------------------------
    {"exercise": "ex2_flatten", "why": "no .T: one picture per row, shape (m, n_x)",
     "code": _cell("""
        train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1)
        test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1)
        train_set_x = train_set_x_flatten / 255.
        test_set_x = test_set_x_flatten / 255.
        """)},
    {"exercise": "ex2_flatten", "why": "reshape(-1, m) without transposing: pictures mixed",
     "code": _cell("""
        train_set_x_flatten = train_set_x_orig.reshape(-1, train_set_x_orig.shape[0])
        test_set_x_flatten = test_set_x_orig.reshape(-1, test_set_x_orig.shape[0])
        train_set_x = train_set_x_flatten / 255.
        test_set_x = test_set_x_flatten / 255.
        """)},
    {"exercise": "ex2_flatten", "why": "transpose first, then reshape: pixels in another order",
     "code": _cell("""
        train_set_x_flatten = train_set_x_orig.T.reshape(-1, train_set_x_orig.shape[0])
        test_set_x_flatten = test_set_x_orig.T.reshape(-1, test_set_x_orig.shape[0])
        train_set_x = train_set_x_flatten / 255.
        test_set_x = test_set_x_flatten / 255.
        """)},
    {"exercise": "ex2_flatten", "why": "divides by 256",
     "code": _cell("""
        train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
        test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
        train_set_x = train_set_x_flatten / 256.
        test_set_x = test_set_x_flatten / 256.
        """)},
    {"exercise": "ex2_flatten", "why": "the test set is not standardised",
     "code": _cell("""
        train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
        test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
        train_set_x = train_set_x_flatten / 255.
        test_set_x = test_set_x_flatten
        """)},
    {"exercise": "ex2_flatten", "why": "copy-paste: the test set flattened from the training set",
     "code": _cell("""
        train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
        test_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
        train_set_x = train_set_x_flatten / 255.
        test_set_x = test_set_x_flatten / 255.
        """)},

    # --- Exercise 3: sigmoid ------------------------------------------------------------------
    {"exercise": "ex3_sigmoid", "why": "sign of the exponent: np.exp(z)",
     "code": _cell("""
        def sigmoid(z):
            s = 1 / (1 + np.exp(z))
            return s
        """)},
    {"exercise": "ex3_sigmoid", "why": "math.exp: fails on arrays",
     "code": _cell("""
        import math

        def sigmoid(z):
            s = 1 / (1 + math.exp(-z))
            return s
        """)},
    {"exercise": "ex3_sigmoid", "why": "precedence: 1 / 1 + np.exp(-z)",
     "code": _cell("""
        def sigmoid(z):
            s = 1 / 1 + np.exp(-z)
            return s
        """)},

    # --- Exercise 4: initialize_with_zeros ----------------------------------------------------
    {"exercise": "ex4_initialize_with_zeros", "why": "b = 0, an int (the model still works)",
     "loses": ["test_initialize_with_zeros"],
     "code": _cell("""
        def initialize_with_zeros(dim):
            w = np.zeros((dim, 1))
            b = 0
            return w, b
        """)},
    {"exercise": "ex4_initialize_with_zeros", "why": "w of shape (dim,), not a column",
     "code": _cell("""
        def initialize_with_zeros(dim):
            w = np.zeros(dim)
            b = 0.0
            return w, b
        """)},
    {"exercise": "ex4_initialize_with_zeros", "why": "w a row, shape (1, dim)",
     "code": _cell("""
        def initialize_with_zeros(dim):
            w = np.zeros((1, dim))
            b = 0.0
            return w, b
        """)},
    {"exercise": "ex4_initialize_with_zeros",
     "why": "w of integers (the first update makes it float: the model still works)",
     "loses": ["test_initialize_with_zeros"],
     "code": _cell("""
        def initialize_with_zeros(dim):
            w = np.zeros((dim, 1), dtype=int)
            b = 0.0
            return w, b
        """)},

    # --- Exercise 5: propagate ----------------------------------------------------------------
    {"exercise": "ex5_propagate", "why": "element-wise * instead of np.dot in the forward pass",
     "code": _propagate(forward="A = sigmoid(w.T * X + b)")},
    {"exercise": "ex5_propagate", "why": "dw element-wise: X * (A - Y) / m, shape (n_x, m)",
     "code": _propagate(dw="dw = X * (A - Y) / m\n")},
    {"exercise": "ex5_propagate", "why": "dw summed without keepdims: shape (n_x,)",
     "code": _propagate(dw="dw = np.sum(X * (A - Y), axis=1) / m\n")},
    {"exercise": "ex5_propagate", "why": "dw = np.dot(X.T, A - Y): operands in the wrong order",
     "code": _propagate(dw="dw = np.dot(X.T, (A - Y)) / m\n")},
    {"exercise": "ex5_propagate", "why": "cost without the 1/m",
     "code": _propagate(cost="cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n")},
    {"exercise": "ex5_propagate", "why": "cost without the minus sign",
     "code": _propagate(cost="cost = np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n")},
    {"exercise": "ex5_propagate", "why": "cost with the y = 1 term only",
     "code": _propagate(cost="cost = -np.sum(Y * np.log(A)) / m\n")},
    {"exercise": "ex5_propagate", "why": "db not averaged: np.sum(A - Y)",
     "code": _propagate(db="db = np.sum(A - Y)\n")},
    {"exercise": "ex5_propagate", "why": "db a (1, 1) array (keepdims=True), not a number",
     "code": _propagate(db="db = np.sum(A - Y, axis=1, keepdims=True) / m\n")},

    # --- Exercise 6: optimize -----------------------------------------------------------------
    {"exercise": "ex6_optimize", "why": "records the cost at every iteration",
     "code": _optimize("""
        for i in range(num_iterations):
            grads, cost = propagate(w, b, X, Y)
            dw = grads["dw"]
            db = grads["db"]
            w = w - learning_rate * dw
            b = b - learning_rate * db
            costs.append(cost)
            if print_cost and i % 100 == 0:
                print("Cost after iteration %i: %f" % (i, cost))
        """)},
    {"exercise": "ex6_optimize", "why": "records the costs only when print_cost is True",
     "code": _optimize("""
        for i in range(num_iterations):
            grads, cost = propagate(w, b, X, Y)
            dw = grads["dw"]
            db = grads["db"]
            w = w - learning_rate * dw
            b = b - learning_rate * db
            if print_cost and i % 100 == 0:
                costs.append(cost)
                print("Cost after iteration %i: %f" % (i, cost))
        """)},
    {"exercise": "ex6_optimize", "why": "updates b with dw",
     "code": _optimize("""
        for i in range(num_iterations):
            grads, cost = propagate(w, b, X, Y)
            dw = grads["dw"]
            db = grads["db"]
            w = w - learning_rate * dw
            b = b - learning_rate * dw
            if i % 100 == 0:
                costs.append(cost)
        """)},
    {"exercise": "ex6_optimize", "why": "w = w + learning_rate * dw: climbs the cost",
     "code": _optimize("""
        for i in range(num_iterations):
            grads, cost = propagate(w, b, X, Y)
            dw = grads["dw"]
            db = grads["db"]
            w = w + learning_rate * dw
            b = b - learning_rate * db
            if i % 100 == 0:
                costs.append(cost)
        """)},
    {"exercise": "ex6_optimize", "why": "the learning rate hard-coded to 0.009 (the default)",
     "code": _optimize("""
        for i in range(num_iterations):
            grads, cost = propagate(w, b, X, Y)
            dw = grads["dw"]
            db = grads["db"]
            w = w - 0.009 * dw
            b = b - 0.009 * db
            if i % 100 == 0:
                costs.append(cost)
        """)},
    {"exercise": "ex6_optimize", "why": "b updated with gradients recomputed after w's update",
     "code": _optimize("""
        for i in range(num_iterations):
            grads, cost = propagate(w, b, X, Y)
            dw = grads["dw"]
            w = w - learning_rate * dw
            grads, _ = propagate(w, b, X, Y)
            db = grads["db"]
            b = b - learning_rate * db
            if i % 100 == 0:
                costs.append(cost)
        """)},
    {"exercise": "ex6_optimize", "why": "records the cost after the update, not before",
     "code": _optimize("""
        for i in range(num_iterations):
            grads, cost = propagate(w, b, X, Y)
            dw = grads["dw"]
            db = grads["db"]
            w = w - learning_rate * dw
            b = b - learning_rate * db
            if i % 100 == 0:
                costs.append(propagate(w, b, X, Y)[1])
        """)},

    # --- Exercise 7: predict ------------------------------------------------------------------
    {"exercise": "ex7_predict", "why": "returns the probabilities, not 0/1",
     "code": _cell("""
        def predict(w, b, X):
            A = sigmoid(np.dot(w.T, X) + b)
            Y_prediction = A
            return Y_prediction
        """)},
    {"exercise": "ex7_predict", "why": "m hard-coded to 3, the size of the visible example",
     "code": _cell("""
        def predict(w, b, X):
            A = sigmoid(np.dot(w.T, X) + b)
            Y_prediction = np.zeros((1, 3))
            for i in range(3):
                if A[0, i] > 0.5:
                    Y_prediction[0, i] = 1
            return Y_prediction
        """)},
    {"exercise": "ex7_predict", "why": "compares z, not sigmoid(z), with 0.5",
     "code": _cell("""
        def predict(w, b, X):
            Z = np.dot(w.T, X) + b
            Y_prediction = (Z > 0.5).astype(float)
            return Y_prediction
        """)},
    {"exercise": "ex7_predict", "why": "A.astype(int): truncates every probability to 0",
     "code": _cell("""
        def predict(w, b, X):
            A = sigmoid(np.dot(w.T, X) + b)
            Y_prediction = A.astype(int)
            return Y_prediction
        """)},

    # --- Exercise 8: model --------------------------------------------------------------------
    {"exercise": "ex8_model", "why": "trains and predicts on the notebook's cat data (globals)",
     "code": _model("""
        w, b = initialize_with_zeros(train_set_x.shape[0])
        params, grads, costs = optimize(w, b, train_set_x, train_set_y, num_iterations,
                                        learning_rate, print_cost)
        w = params["w"]
        b = params["b"]
        Y_prediction_test = predict(w, b, test_set_x)
        Y_prediction_train = predict(w, b, train_set_x)
        """)},
    {"exercise": "ex8_model", "why": "num_iterations not passed on to optimize",
     "code": _model("""
        w, b = initialize_with_zeros(X_train.shape[0])
        params, grads, costs = optimize(w, b, X_train, Y_train, learning_rate=learning_rate,
                                        print_cost=print_cost)
        w = params["w"]
        b = params["b"]
        Y_prediction_test = predict(w, b, X_test)
        Y_prediction_train = predict(w, b, X_train)
        """)},
    {"exercise": "ex8_model", "why": "learning_rate not passed on to optimize",
     "code": _model("""
        w, b = initialize_with_zeros(X_train.shape[0])
        params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations,
                                        print_cost=print_cost)
        w = params["w"]
        b = params["b"]
        Y_prediction_test = predict(w, b, X_test)
        Y_prediction_train = predict(w, b, X_train)
        """)},
    {"exercise": "ex8_model", "why": "arguments out of order: print_cost passed as learning_rate",
     "code": _model("""
        w, b = initialize_with_zeros(X_train.shape[0])
        params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, print_cost)
        w = params["w"]
        b = params["b"]
        Y_prediction_test = predict(w, b, X_test)
        Y_prediction_train = predict(w, b, X_train)
        """)},
    {"exercise": "ex8_model", "why": "predictions of the training and test sets swapped",
     "code": _model("""
        w, b = initialize_with_zeros(X_train.shape[0])
        params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate,
                                        print_cost)
        w = params["w"]
        b = params["b"]
        Y_prediction_test = predict(w, b, X_train)
        Y_prediction_train = predict(w, b, X_test)
        """)},
    {"exercise": "ex8_model", "why": "w sized by the number of examples, X_train.shape[1]",
     "code": _model("""
        w, b = initialize_with_zeros(X_train.shape[1])
        params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate,
                                        print_cost)
        w = params["w"]
        b = params["b"]
        Y_prediction_test = predict(w, b, X_test)
        Y_prediction_train = predict(w, b, X_train)
        """)},
    {"exercise": "ex8_model", "why": "predicts with the initial zeros, not the learned w and b",
     "code": _model("""
        w, b = initialize_with_zeros(X_train.shape[0])
        params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate,
                                        print_cost)
        Y_prediction_test = predict(w, b, X_test)
        Y_prediction_train = predict(w, b, X_train)
        """)},
]
