"""Plausible wrong answers to the exercises of week 1 (NumPy basics), and the points they must lose.

Each mutant is the whole code of one solution cell, as a learner could write it. Graded with the
hidden tests, it must fail its own test cell, plus the test cells listed in ``DEPENDENTS`` for its
exercise, or exactly the cells of its ``loses`` list when it has one.

The hidden tests of ``sigmoid_derivative`` and ``tanh_derivative`` grade the derivative with a
reference ``sigmoid`` / ``tanh`` in place; only their visible checks call the learner's own
function. So a wrong ``sigmoid`` or ``tanh`` costs the derivative's points only when it already
breaks that visible check (e.g. it fails on any array); the mutants that do not say so in
``loses``.
"""

from textwrap import dedent


def _cell(code: str) -> str:
    return dedent(code).strip("\n")


DEPENDENTS = {
    # the visible check of sigmoid_derivative calls the learner's sigmoid
    "ex2_sigmoid": ["test_sigmoid_derivative"],
    # the visible check of tanh_derivative calls the learner's tanh
    "ex4_tanh": ["test_tanh_derivative"],
}

MUTANTS = [
    # --- Exercise 1: basic_sigmoid -------------------------------------------------------------
    {"exercise": "ex1_basic_sigmoid", "why": "sign of the exponent: math.exp(x)",
     "code": _cell("""
        def basic_sigmoid(x):
            s = 1 / (1 + math.exp(x))
            return s
        """)},
    {"exercise": "ex1_basic_sigmoid", "why": "precedence: 1 / 1 + math.exp(-x)",
     "code": _cell("""
        def basic_sigmoid(x):
            s = 1 / 1 + math.exp(-x)
            return s
        """)},
    {"exercise": "ex1_basic_sigmoid", "why": "e^-x / (1 + e^-x), the sigmoid of -x",
     "code": _cell("""
        def basic_sigmoid(x):
            s = math.exp(-x) / (1 + math.exp(-x))
            return s
        """)},
    {"exercise": "ex1_basic_sigmoid", "why": "returns a one-element array, not a number",
     "code": _cell("""
        def basic_sigmoid(x):
            s = np.array([1 / (1 + math.exp(-x))])
            return s
        """)},

    # --- Exercise 2: sigmoid -------------------------------------------------------------------
    {"exercise": "ex2_sigmoid", "why": "math.exp: fails on arrays",
     "code": _cell("""
        def sigmoid(x):
            s = 1 / (1 + math.exp(-x))
            return s
        """)},
    {"exercise": "ex2_sigmoid", "why": "sign of the exponent: np.exp(x)",
     "loses": ["test_sigmoid"],  # s(1 - s) is the same for sigmoid(-x)
     "code": _cell("""
        def sigmoid(x):
            s = 1 / (1 + np.exp(x))
            return s
        """)},
    {"exercise": "ex2_sigmoid", "why": "precedence: 1 / 1 + np.exp(-x)",
     "code": _cell("""
        def sigmoid(x):
            s = 1 / 1 + np.exp(-x)
            return s
        """)},
    {"exercise": "ex2_sigmoid", "why": "the visible expected output, copied",
     "loses": ["test_sigmoid"],
     "code": _cell("""
        def sigmoid(x):
            s = np.array([0.73105858, 0.88079708, 0.95257413])
            return s
        """)},
    {"exercise": "ex2_sigmoid", "why": "a loop with math.exp over the entries: vectors only",
     "loses": ["test_sigmoid"],
     "code": _cell("""
        def sigmoid(x):
            s = np.array([1 / (1 + math.exp(-v)) for v in x])
            return s
        """)},
    {"exercise": "ex2_sigmoid", "why": "a list comprehension returned as a list",
     "code": _cell("""
        def sigmoid(x):
            s = [1 / (1 + math.exp(-v)) for v in x]
            return s
        """)},

    # --- Exercise 3: sigmoid_derivative --------------------------------------------------------
    {"exercise": "ex3_sigmoid_derivative", "why": "s * (1 + s)",
     "code": _cell("""
        def sigmoid_derivative(x):
            s = sigmoid(x)
            ds = s * (1 + s)
            return ds
        """)},
    {"exercise": "ex3_sigmoid_derivative", "why": "returns the sigmoid itself",
     "code": _cell("""
        def sigmoid_derivative(x):
            s = sigmoid(x)
            ds = s
            return ds
        """)},
    {"exercise": "ex3_sigmoid_derivative", "why": "x * (1 - x): x instead of sigmoid(x)",
     "code": _cell("""
        def sigmoid_derivative(x):
            ds = x * (1 - x)
            return ds
        """)},
    {"exercise": "ex3_sigmoid_derivative", "why": "sigmoid(x) * (1 - x)",
     "code": _cell("""
        def sigmoid_derivative(x):
            s = sigmoid(x)
            ds = s * (1 - x)
            return ds
        """)},

    # --- Exercise 4: tanh ----------------------------------------------------------------------
    {"exercise": "ex4_tanh", "why": "no denominator: (e^x - e^-x) / 2 is sinh",
     "code": _cell("""
        def tanh(x):
            t = (np.exp(x) - np.exp(-x)) / 2
            return t
        """)},
    {"exercise": "ex4_tanh", "why": "missing parentheses around the numerator",
     "code": _cell("""
        def tanh(x):
            t = np.exp(x) - np.exp(-x) / (np.exp(x) + np.exp(-x))
            return t
        """)},
    {"exercise": "ex4_tanh", "why": "math.exp: fails on arrays",
     "code": _cell("""
        def tanh(x):
            t = (math.exp(x) - math.exp(-x)) / (math.exp(x) + math.exp(-x))
            return t
        """)},
    {"exercise": "ex4_tanh", "why": "numerator the wrong way round: tanh(-x)",
     "loses": ["test_tanh"],  # 1 - t**2 is the same for -t
     "code": _cell("""
        def tanh(x):
            t = (np.exp(-x) - np.exp(x)) / (np.exp(x) + np.exp(-x))
            return t
        """)},
    {"exercise": "ex4_tanh", "why": "2 * sigmoid(x) - 1 instead of 2 * sigmoid(2x) - 1",
     "code": _cell("""
        def tanh(x):
            t = 2 * sigmoid(x) - 1
            return t
        """)},

    # --- Exercise 5: tanh_derivative -----------------------------------------------------------
    {"exercise": "ex5_tanh_derivative", "why": "1 - tanh(x), not squared",
     "code": _cell("""
        def tanh_derivative(x):
            t = tanh(x)
            dt = 1 - t
            return dt
        """)},
    {"exercise": "ex5_tanh_derivative", "why": "1 - x**2: x instead of tanh(x)",
     "code": _cell("""
        def tanh_derivative(x):
            dt = 1 - x ** 2
            return dt
        """)},
    {"exercise": "ex5_tanh_derivative", "why": "(1 - tanh(x))**2",
     "code": _cell("""
        def tanh_derivative(x):
            t = tanh(x)
            dt = (1 - t) ** 2
            return dt
        """)},

    # --- Exercise 6: relu ----------------------------------------------------------------------
    {"exercise": "ex6_relu", "why": "Python's max(0, x): fails on arrays",
     "code": _cell("""
        def relu(x):
            r = max(0, x)
            return r
        """)},
    {"exercise": "ex6_relu", "why": "np.max(x, 0): a reduction, not an entry-wise maximum",
     "code": _cell("""
        def relu(x):
            r = np.max(x, 0)
            return r
        """)},
    {"exercise": "ex6_relu", "why": "x * (x < 0): keeps the negative entries",
     "code": _cell("""
        def relu(x):
            r = x * (x < 0)
            return r
        """)},
    {"exercise": "ex6_relu", "why": "x[x < 0] = 0: changes the caller's array",
     "code": _cell("""
        def relu(x):
            x[x < 0] = 0
            r = x
            return r
        """)},

    # --- Exercise 7: relu_derivative -----------------------------------------------------------
    {"exercise": "ex7_relu_derivative", "why": "returns x",
     "code": _cell("""
        def relu_derivative(x):
            dr = x
            return dr
        """)},
    {"exercise": "ex7_relu_derivative", "why": "x >= 0: slope 1 at 0, against the convention",
     "code": _cell("""
        def relu_derivative(x):
            dr = (x >= 0).astype(float)
            return dr
        """)},
    {"exercise": "ex7_relu_derivative", "why": "booleans: x > 0 without astype",
     "code": _cell("""
        def relu_derivative(x):
            dr = x > 0
            return dr
        """)},
    {"exercise": "ex7_relu_derivative", "why": "assignments into x: changes the caller's array",
     "code": _cell("""
        def relu_derivative(x):
            x[x > 0] = 1
            x[x <= 0] = 0
            dr = x
            return dr
        """)},
    {"exercise": "ex7_relu_derivative", "why": "relu(x) / x: nan at 0",
     "code": _cell("""
        def relu_derivative(x):
            with np.errstate(invalid="ignore"):
                dr = np.maximum(0, x) / x
            return dr
        """)},

    # --- Exercise 8: image2vector --------------------------------------------------------------
    {"exercise": "ex8_image2vector", "why": "hard-coded shape of the example: (3*3*2, 1)",
     "code": _cell("""
        def image2vector(image):
            v = image.reshape((3 * 3 * 2, 1))
            return v
        """)},
    {"exercise": "ex8_image2vector", "why": "a row, reshape(1, -1), not a column",
     "code": _cell("""
        def image2vector(image):
            v = image.reshape(1, -1)
            return v
        """)},
    {"exercise": "ex8_image2vector", "why": "flatten(): shape (n,), not (n, 1)",
     "code": _cell("""
        def image2vector(image):
            v = image.flatten()
            return v
        """)},
    {"exercise": "ex8_image2vector", "why": "the notebook's global length, height, depth",
     "code": _cell("""
        def image2vector(image):
            v = image.reshape(length * height * depth, 1)
            return v
        """)},
    {"exercise": "ex8_image2vector", "why": "reshape(image.shape[0], -1): one row per line",
     "code": _cell("""
        def image2vector(image):
            v = image.reshape(image.shape[0], -1)
            return v
        """)},
    {"exercise": "ex8_image2vector", "why": "Fortran order: the channels before the pixels",
     "code": _cell("""
        def image2vector(image):
            v = image.reshape(image.size, 1, order="F")
            return v
        """)},

    # --- Exercise 9: normalize_rows ------------------------------------------------------------
    {"exercise": "ex9_normalize_rows", "why": "no keepdims: norms of shape (n,) broadcast wrong",
     "code": _cell("""
        def normalize_rows(x):
            x_norm = np.linalg.norm(x, axis=1)
            x_normalized = x / x_norm
            return x_normalized
        """)},
    {"exercise": "ex9_normalize_rows", "why": "norms of the columns (axis=0)",
     "code": _cell("""
        def normalize_rows(x):
            x_norm = np.linalg.norm(x, axis=0, keepdims=True)
            x_normalized = x / x_norm
            return x_normalized
        """)},
    {"exercise": "ex9_normalize_rows", "why": "one norm for the whole matrix",
     "code": _cell("""
        def normalize_rows(x):
            x_norm = np.linalg.norm(x)
            x_normalized = x / x_norm
            return x_normalized
        """)},
    {"exercise": "ex9_normalize_rows", "why": "no square root: divides by the sum of squares",
     "code": _cell("""
        def normalize_rows(x):
            x_norm = np.sum(x ** 2, axis=1, keepdims=True)
            x_normalized = x / x_norm
            return x_normalized
        """)},
    {"exercise": "ex9_normalize_rows", "why": "hard-coded reshape(2, 1) of the norms",
     "code": _cell("""
        def normalize_rows(x):
            x_norm = np.linalg.norm(x, axis=1).reshape(2, 1)
            x_normalized = x / x_norm
            return x_normalized
        """)},
    {"exercise": "ex9_normalize_rows", "why": "x = x.astype(float); x /= x_norm: in place",
     "code": _cell("""
        def normalize_rows(x):
            x_norm = np.linalg.norm(x, axis=1, keepdims=True)
            if x.dtype.kind != "f":
                x = x.astype(float)
            x /= x_norm
            x_normalized = x
            return x_normalized
        """)},

    # --- Exercise 10: softmax ------------------------------------------------------------------
    {"exercise": "ex10_softmax", "why": "unstable: no max subtracted, overflows on 1000",
     "code": _cell("""
        def softmax(x):
            x_exp = np.exp(x)
            x_sum = np.sum(x_exp, axis=1, keepdims=True)
            s = x_exp / x_sum
            return s
        """)},
    {"exercise": "ex10_softmax", "why": "sums over the columns (axis=0)",
     "code": _cell("""
        def softmax(x):
            x_max = np.max(x, axis=1, keepdims=True)
            x_exp = np.exp(x - x_max)
            x_sum = np.sum(x_exp, axis=0, keepdims=True)
            s = x_exp / x_sum
            return s
        """)},
    {"exercise": "ex10_softmax", "why": "divides by the sum of the whole matrix",
     "code": _cell("""
        def softmax(x):
            x_max = np.max(x, axis=1, keepdims=True)
            x_exp = np.exp(x - x_max)
            x_sum = np.sum(x_exp)
            s = x_exp / x_sum
            return s
        """)},
    {"exercise": "ex10_softmax", "why": "subtracts the max of the whole matrix: 0/0 far below it",
     "code": _cell("""
        def softmax(x):
            x_max = np.max(x)
            x_exp = np.exp(x - x_max)
            x_sum = np.sum(x_exp, axis=1, keepdims=True)
            s = x_exp / x_sum
            return s
        """)},
    {"exercise": "ex10_softmax", "why": "max without keepdims: (m,) broadcast along the rows",
     "code": _cell("""
        def softmax(x):
            x_max = np.max(x, axis=1)
            x_exp = np.exp(x - x_max)
            x_sum = np.sum(x_exp, axis=1, keepdims=True)
            s = x_exp / x_sum
            return s
        """)},
    {"exercise": "ex10_softmax", "why": "sum without keepdims: (m,) broadcast along the rows",
     "code": _cell("""
        def softmax(x):
            x_max = np.max(x, axis=1, keepdims=True)
            x_exp = np.exp(x - x_max)
            x_sum = np.sum(x_exp, axis=1)
            s = x_exp / x_sum
            return s
        """)},
    {"exercise": "ex10_softmax", "why": "x -= x_max: changes the caller's array",
     "code": _cell("""
        def softmax(x):
            x -= np.max(x, axis=1, keepdims=True)
            x_exp = np.exp(x)
            x_sum = np.sum(x_exp, axis=1, keepdims=True)
            s = x_exp / x_sum
            return s
        """)},

    # --- Exercise 11: L1 -----------------------------------------------------------------------
    {"exercise": "ex11_L1", "why": "no absolute value",
     "code": _cell("""
        def L1(yhat, y):
            loss = np.sum(y - yhat)
            return float(loss)
        """)},
    {"exercise": "ex11_L1", "why": "a mean instead of a sum",
     "code": _cell("""
        def L1(yhat, y):
            loss = np.mean(np.abs(y - yhat))
            return float(loss)
        """)},
    {"exercise": "ex11_L1", "why": "the absolute value of the sum",
     "code": _cell("""
        def L1(yhat, y):
            loss = np.abs(np.sum(y - yhat))
            return float(loss)
        """)},
    {"exercise": "ex11_L1", "why": "the visible expected value, copied",
     "code": _cell("""
        def L1(yhat, y):
            loss = 1.1
            return float(loss)
        """)},

    # --- Exercise 12: L2 -----------------------------------------------------------------------
    {"exercise": "ex12_L2", "why": "absolute values instead of squares",
     "code": _cell("""
        def L2(yhat, y):
            loss = np.sum(np.abs(y - yhat))
            return float(loss)
        """)},
    {"exercise": "ex12_L2", "why": "the norm: square root of the sum of squares",
     "code": _cell("""
        def L2(yhat, y):
            loss = np.sqrt(np.sum((y - yhat) ** 2))
            return float(loss)
        """)},
    {"exercise": "ex12_L2", "why": "the square of the sum",
     "code": _cell("""
        def L2(yhat, y):
            loss = np.sum(y - yhat) ** 2
            return float(loss)
        """)},
    {"exercise": "ex12_L2", "why": "a mean instead of a sum",
     "code": _cell("""
        def L2(yhat, y):
            loss = np.mean((y - yhat) ** 2)
            return float(loss)
        """)},
    {"exercise": "ex12_L2", "why": "precedence: y - yhat ** 2 squares yhat only",
     "code": _cell("""
        def L2(yhat, y):
            loss = np.sum(y - yhat ** 2)
            return float(loss)
        """)},
]
