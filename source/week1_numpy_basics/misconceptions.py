"""Misconceptions of week 1 (NumPy basics): plausible wrong answers to its exercises, what each one
shows a learner, and the points it must lose.

The grader runs these answers on the inputs the tests gave a learner's function to tell which
misconception a failed exercise shows; the course's tests grade every entry to prove that the
hidden tests catch it. This file stays out of the student versions (nbgrader_config.py). Its
format is described in dlcourse/grader/misconceptions.py: each entry has an id
"<function>:<slug>", the solution cell it answers, the whole code of that cell, the explanation
a learner reads, and "loses" when its lost tests are not its own test and its DEPENDENTS';
entries that share an id are variants of one misconception (they take its exercise and
explanation from its first entry).
"""

# The exercises whose test cells call other exercises' functions: a wrong answer to the key costs
# those tests' points too. The hidden tests of sigmoid_derivative and tanh_derivative put a
# reference sigmoid / tanh in place, so a wrong sigmoid or tanh costs the derivative's points only
# when it breaks the derivative's visible check (it fails on any array, say); the entries that do
# not say so in "loses".
DEPENDENTS = {
    # the visible check of sigmoid_derivative calls the learner's sigmoid
    "ex2_sigmoid": ["test_sigmoid_derivative"],
    # the visible check of tanh_derivative calls the learner's tanh
    "ex4_tanh": ["test_tanh_derivative"],
}

CATALOGUE = [
    # --- Exercise 1: basic_sigmoid ----------------------------------------------------------------
    # sign of the exponent: math.exp(x)
    {"id": "basic_sigmoid:exponent-sign",
     "exercise": "ex1_basic_sigmoid",
     "explanation": ("Your function gives 1 / (1 + e^x), the sigmoid of -x: it falls where the "
                     "sigmoid rises (near 0 for large inputs instead of near 1). Check the sign "
                     "of the exponent, and keep 1 as the numerator."),
     "code": """
        def basic_sigmoid(x):
            s = 1 / (1 + math.exp(x))
            return s
        """},
    # e^-x / (1 + e^-x), the sigmoid of -x
    {"id": "basic_sigmoid:exponent-sign",
     "code": """
        def basic_sigmoid(x):
            s = math.exp(-x) / (1 + math.exp(-x))
            return s
        """},
    # precedence: 1 / 1 + math.exp(-x)
    {"id": "basic_sigmoid:precedence",
     "exercise": "ex1_basic_sigmoid",
     "explanation": ("Python divides before it adds, so without parentheses around the "
                     "denominator your expression computes 1 + e^-x, which is not between 0 and "
                     "1. Group the whole denominator before dividing."),
     "code": """
        def basic_sigmoid(x):
            s = 1 / 1 + math.exp(-x)
            return s
        """},
    # returns a one-element array, not a number
    {"id": "basic_sigmoid:array-result",
     "exercise": "ex1_basic_sigmoid",
     "explanation": ("basic_sigmoid should return one plain number (a float), but yours returns "
                     "a NumPy array holding that number. Return the value itself."),
     "code": """
        def basic_sigmoid(x):
            s = np.array([1 / (1 + math.exp(-x))])
            return s
        """},
    # --- Exercise 2: sigmoid ----------------------------------------------------------------------
    # math.exp: fails on arrays
    {"id": "sigmoid:math-exp",
     "exercise": "ex2_sigmoid",
     "explanation": ("math.exp (like every math function) works on one number at a time, so your"
                     " sigmoid raises a TypeError as soon as it is given an array. NumPy's "
                     "exponential works on every entry of an array at once, and on single "
                     "numbers too."),
     "code": """
        def sigmoid(x):
            s = 1 / (1 + math.exp(-x))
            return s
        """},
    # variant: math.pow of e: also one number at a time
    {"id": "sigmoid:math-exp",
     "code": """
        def sigmoid(x):
            return 1.0 / (1.0 + math.pow(math.e, -x))
        """},
    # sign of the exponent: np.exp(x)
    {"id": "sigmoid:exponent-sign",
     "exercise": "ex2_sigmoid",
     "explanation": ("Your function gives 1 / (1 + e^x), the sigmoid of -x: it falls where the "
                     "sigmoid rises (near 0 for large inputs instead of near 1). Check the sign "
                     "of the exponent, and keep 1 as the numerator."),
     "loses": ["test_sigmoid"],  # s(1 - s) is the same for sigmoid(-x)
     "code": """
        def sigmoid(x):
            s = 1 / (1 + np.exp(x))
            return s
        """},
    # precedence: 1 / 1 + np.exp(-x)
    {"id": "sigmoid:precedence",
     "exercise": "ex2_sigmoid",
     "explanation": ("Python divides before it adds, so without parentheses around the "
                     "denominator your expression computes 1 + e^-x, which is not between 0 and "
                     "1. Group the whole denominator before dividing."),
     "code": """
        def sigmoid(x):
            s = 1 / 1 + np.exp(-x)
            return s
        """},
    # the visible expected output, copied
    {"id": "sigmoid:copied-output",
     "exercise": "ex2_sigmoid",
     "explanation": ("Your sigmoid returns the numbers of the example whatever it is given, so "
                     "it is right for that one input only. Compute the result from x, so that it"
                     " works for any values and any shape."),
     "loses": ["test_sigmoid"],  # right on the derivative's visible check
     "code": """
        def sigmoid(x):
            s = np.array([0.73105858, 0.88079708, 0.95257413])
            return s
        """},
    # a loop with math.exp over the entries: vectors only
    {"id": "sigmoid:loop-over-entries",
     "exercise": "ex2_sigmoid",
     "explanation": ("A Python loop over x with math.exp works for a vector, but looping over a "
                     "matrix gives whole rows, which math.exp cannot take. NumPy's element-wise "
                     "operations handle arrays of any shape without a loop."),
     "loses": ["test_sigmoid"],  # right on the derivative's visible check (a vector)
     "code": """
        def sigmoid(x):
            s = np.array([1 / (1 + math.exp(-v)) for v in x])
            return s
        """},
    # a list comprehension returned as a list
    {"id": "sigmoid:returns-list",
     "exercise": "ex2_sigmoid",
     "explanation": ("Your sigmoid builds a Python list in a loop, so it returns a list rather "
                     "than a NumPy array of the shape of x (and the loop fails on a matrix or a "
                     "number). Apply NumPy's operations to the whole array instead."),
     "code": """
        def sigmoid(x):
            s = [1 / (1 + math.exp(-v)) for v in x]
            return s
        """},
    # --- Exercise 3: sigmoid_derivative -----------------------------------------------------------
    # s * (1 + s)
    {"id": "sigmoid_derivative:plus",
     "exercise": "ex3_sigmoid_derivative",
     "explanation": ("The slope of the sigmoid is s(1 - s) with s = sigmoid(x); your code adds "
                     "where it should subtract, so the slope grows as s nears 1 instead of "
                     "vanishing. Check the sign inside the parentheses."),
     "code": """
        def sigmoid_derivative(x):
            s = sigmoid(x)
            ds = s * (1 + s)
            return ds
        """},
    # variant: s + s**2, expanded
    {"id": "sigmoid_derivative:plus",
     "code": """
        def sigmoid_derivative(x):
            ds = sigmoid(x) + sigmoid(x) ** 2
            return ds
        """},
    # returns the sigmoid itself
    {"id": "sigmoid_derivative:returns-sigmoid",
     "exercise": "ex3_sigmoid_derivative",
     "explanation": ("Your function returns the sigmoid itself, not its slope. Compute s = "
                     "sigmoid(x) first, then use it in the formula of the derivative."),
     "code": """
        def sigmoid_derivative(x):
            s = sigmoid(x)
            ds = s
            return ds
        """},
    # x * (1 - x): x instead of sigmoid(x)
    {"id": "sigmoid_derivative:uses-x",
     "exercise": "ex3_sigmoid_derivative",
     "explanation": ("The formula s(1 - s) has s = sigmoid(x) in both places; your code uses x "
                     "itself in at least one of them. Compute the sigmoid of x first and use "
                     "that value throughout."),
     "code": """
        def sigmoid_derivative(x):
            ds = x * (1 - x)
            return ds
        """},
    # sigmoid(x) * (1 - x)
    {"id": "sigmoid_derivative:uses-x",
     "code": """
        def sigmoid_derivative(x):
            s = sigmoid(x)
            ds = s * (1 - x)
            return ds
        """},
    # --- Exercise 4: tanh -------------------------------------------------------------------------
    # no denominator: (e^x - e^-x) / 2 is sinh
    {"id": "tanh:no-denominator",
     "exercise": "ex4_tanh",
     "explanation": ("(e^x - e^-x) / 2 is the hyperbolic sine, not tanh: tanh divides the "
                     "difference of the two exponentials by their sum, which keeps it between -1"
                     " and 1."),
     "code": """
        def tanh(x):
            t = (np.exp(x) - np.exp(-x)) / 2
            return t
        """},
    # missing parentheses around the numerator
    {"id": "tanh:precedence",
     "exercise": "ex4_tanh",
     "explanation": ("Python divides before it subtracts, so only e^-x is divided by the sum in "
                     "your expression. Put parentheses around the numerator as well as the "
                     "denominator."),
     "code": """
        def tanh(x):
            t = np.exp(x) - np.exp(-x) / (np.exp(x) + np.exp(-x))
            return t
        """},
    # math.exp: fails on arrays
    {"id": "tanh:math-exp",
     "exercise": "ex4_tanh",
     "explanation": ("math.exp works on one number at a time, so your tanh raises a TypeError as"
                     " soon as it is given an array. NumPy's exponential works on every entry of"
                     " an array."),
     "code": """
        def tanh(x):
            t = (math.exp(x) - math.exp(-x)) / (math.exp(x) + math.exp(-x))
            return t
        """},
    # numerator the wrong way round: tanh(-x)
    {"id": "tanh:sign",
     "exercise": "ex4_tanh",
     "explanation": ("Your numerator is the wrong way round, which gives tanh(-x): negative "
                     "where tanh is positive. tanh(x) has the same sign as x."),
     "loses": ["test_tanh"],  # 1 - t**2 is the same for -t
     "code": """
        def tanh(x):
            t = (np.exp(-x) - np.exp(x)) / (np.exp(x) + np.exp(-x))
            return t
        """},
    # 2 * sigmoid(x) - 1 instead of 2 * sigmoid(2x) - 1
    {"id": "tanh:sigmoid-identity",
     "exercise": "ex4_tanh",
     "explanation": ("tanh(x) equals 2 sigmoid(2x) - 1, with 2x inside the sigmoid; 2 sigmoid(x)"
                     " - 1 is a flatter curve (it is tanh(x / 2)). Use the identity with 2x, or "
                     "write tanh from the exponentials."),
     "code": """
        def tanh(x):
            t = 2 * sigmoid(x) - 1
            return t
        """},
    # --- Exercise 5: tanh_derivative --------------------------------------------------------------
    # 1 - tanh(x), not squared
    {"id": "tanh_derivative:not-squared",
     "exercise": "ex5_tanh_derivative",
     "explanation": ("The slope of tanh is 1 - t^2 with t = tanh(x); your code leaves out the "
                     "square, so the slope is wrong everywhere except at 0."),
     "code": """
        def tanh_derivative(x):
            t = tanh(x)
            dt = 1 - t
            return dt
        """},
    # 1 - x**2: x instead of tanh(x)
    {"id": "tanh_derivative:uses-x",
     "exercise": "ex5_tanh_derivative",
     "explanation": ("The formula 1 - t^2 needs t = tanh(x), not x itself: compute the tanh of x"
                     " first, then square it."),
     "code": """
        def tanh_derivative(x):
            dt = 1 - x ** 2
            return dt
        """},
    # (1 - tanh(x))**2
    {"id": "tanh_derivative:square-misplaced",
     "exercise": "ex5_tanh_derivative",
     "explanation": ("(1 - t)^2 is not 1 - t^2: the square belongs to t alone, before it is "
                     "subtracted from 1."),
     "code": """
        def tanh_derivative(x):
            t = tanh(x)
            dt = (1 - t) ** 2
            return dt
        """},
    # --- Exercise 6: relu -------------------------------------------------------------------------
    # Python's max(0, x): fails on arrays
    {"id": "relu:python-max",
     "exercise": "ex6_relu",
     "explanation": ("Python's max compares whole objects, so it cannot compare each entry of an"
                     " array with 0 (it raises 'the truth value of an array is ambiguous'). "
                     "NumPy has an element-wise maximum that does."),
     "code": """
        def relu(x):
            r = max(0, x)
            return r
        """},
    # np.max(x, 0): a reduction, not an entry-wise maximum
    {"id": "relu:reduction",
     "exercise": "ex6_relu",
     "explanation": ("np.max reduces an array to its largest values (along an axis); it does not"
                     " compare each entry with 0. ReLU needs the element-wise maximum of 0 and "
                     "each entry, which keeps the shape of x."),
     "code": """
        def relu(x):
            r = np.max(x, 0)
            return r
        """},
    # x * (x < 0): keeps the negative entries
    {"id": "relu:keeps-negatives",
     "exercise": "ex6_relu",
     "explanation": ("ReLU keeps the positive entries and replaces the negative ones by 0; your "
                     "function does the opposite and keeps the negative entries. Check the "
                     "direction of the comparison."),
     "code": """
        def relu(x):
            r = x * (x < 0)
            return r
        """},
    # variant: the minimum instead of the maximum
    {"id": "relu:keeps-negatives",
     "code": """
        def relu(x):
            r = np.minimum(0, x)
            return r
        """},
    # x[x < 0] = 0: changes the caller's array
    {"id": "relu:in-place",
     "exercise": "ex6_relu",
     "explanation": ("Your function writes into the array it was given, so the caller's data "
                     "changes as a side effect. Build and return a new array, and leave the "
                     "argument as it was."),
     "code": """
        def relu(x):
            x[x < 0] = 0
            r = x
            return r
        """},
    # --- Exercise 7: relu_derivative --------------------------------------------------------------
    # returns x
    {"id": "relu_derivative:returns-x",
     "exercise": "ex7_relu_derivative",
     "explanation": ("Your function returns x itself; the slope of ReLU is 1 where x is positive"
                     " and 0 elsewhere, whatever the size of x."),
     "code": """
        def relu_derivative(x):
            dr = x
            return dr
        """},
    # x >= 0: slope 1 at 0, against the convention
    {"id": "relu_derivative:slope-at-zero",
     "exercise": "ex7_relu_derivative",
     "explanation": ("At exactly 0 the course takes the slope of ReLU to be 0, as the exercise "
                     "states, but your comparison gives 1 there. Use a strict comparison."),
     "code": """
        def relu_derivative(x):
            dr = (x >= 0).astype(float)
            return dr
        """},
    # booleans: x > 0 without astype
    {"id": "relu_derivative:booleans",
     "exercise": "ex7_relu_derivative",
     "explanation": ("A comparison like x > 0 gives an array of booleans (True/False), but the "
                     "derivative is a float array of 1.0 and 0.0. Convert the booleans to "
                     "floats."),
     "code": """
        def relu_derivative(x):
            dr = x > 0
            return dr
        """},
    # assignments into x: changes the caller's array
    {"id": "relu_derivative:in-place",
     "exercise": "ex7_relu_derivative",
     "explanation": ("Your function writes into the array it was given, so the caller's data "
                     "changes as a side effect. Build and return a new array, and leave the "
                     "argument as it was."),
     "code": """
        def relu_derivative(x):
            x[x > 0] = 1
            x[x <= 0] = 0
            dr = x
            return dr
        """},
    # relu(x) / x: nan at 0
    {"id": "relu_derivative:divides-by-x",
     "exercise": "ex7_relu_derivative",
     "explanation": ("Dividing relu(x) by x gives the right slope everywhere except at 0, where "
                     "0 / 0 is nan. Decide the slope by comparing x with 0 instead."),
     "code": """
        def relu_derivative(x):
            with np.errstate(invalid="ignore"):
                dr = np.maximum(0, x) / x
            return dr
        """},
    # --- Exercise 8: image2vector -----------------------------------------------------------------
    # hard-coded shape of the example: (3*3*2, 1)
    {"id": "image2vector:hard-coded-shape",
     "exercise": "ex8_image2vector",
     "explanation": ("Your function reshapes to the size of the example image (18 numbers), "
                     "typed in or read from the notebook's variables, so it fails on an image of"
                     " any other size. Read the sizes from the image the function is given (its "
                     ".shape)."),
     "code": """
        def image2vector(image):
            v = image.reshape((3 * 3 * 2, 1))
            return v
        """},
    # the notebook's global length, height, depth
    {"id": "image2vector:hard-coded-shape",
     "code": """
        def image2vector(image):
            v = image.reshape(length * height * depth, 1)
            return v
        """},
    # a row, reshape(1, -1), not a column
    {"id": "image2vector:row",
     "exercise": "ex8_image2vector",
     "explanation": ("The result must be a column, of shape (number of entries, 1); yours is a "
                     "row, of shape (1, number of entries)."),
     "code": """
        def image2vector(image):
            v = image.reshape(1, -1)
            return v
        """},
    # flatten(): shape (n,), not (n, 1)
    {"id": "image2vector:flat",
     "exercise": "ex8_image2vector",
     "explanation": ("flatten (like ravel) gives a 1-D array of shape (n,), which is neither a "
                     "row nor a column; the exercise asks for a column vector of shape (n, 1)."),
     "code": """
        def image2vector(image):
            v = image.flatten()
            return v
        """},
    # reshape(image.shape[0], -1): one row per line
    {"id": "image2vector:one-row-per-line",
     "exercise": "ex8_image2vector",
     "explanation": ("Reshaping to (image.shape[0], -1) keeps one row per line of the image: a "
                     "matrix, not a column. Every number of the image must go into a single "
                     "column."),
     "code": """
        def image2vector(image):
            v = image.reshape(image.shape[0], -1)
            return v
        """},
    # Fortran order: the channels before the pixels
    {"id": "image2vector:fortran-order",
     "exercise": "ex8_image2vector",
     "explanation": ("order='F' reads the image first axis fastest (the first channel of every "
                     "pixel, then the next channel...), not pixel by pixel. NumPy's default "
                     "order reads the last axis fastest: the channels of one pixel, then the "
                     "next pixel."),
     "code": """
        def image2vector(image):
            v = image.reshape(image.size, 1, order="F")
            return v
        """},
    # --- Exercise 9: normalize_rows ---------------------------------------------------------------
    # no keepdims: norms of shape (n,) broadcast wrong
    {"id": "normalize_rows:no-keepdims",
     "exercise": "ex9_normalize_rows",
     "explanation": ("The norms along axis 1 come as a flat array of shape (n,), which "
                     "broadcasts along the columns, not the rows: the division fails or divides "
                     "by the wrong numbers. Keep the reduced axis (keepdims=True) so that they "
                     "form a column."),
     "code": """
        def normalize_rows(x):
            x_norm = np.linalg.norm(x, axis=1)
            x_normalized = x / x_norm
            return x_normalized
        """},
    # norms of the columns (axis=0)
    {"id": "normalize_rows:columns",
     "exercise": "ex9_normalize_rows",
     "explanation": ("Your function divides by the norms of the columns, not of the rows (axis=0"
                     " reduces down the columns). Each row must be divided by its own length, "
                     "computed along axis 1."),
     "code": """
        def normalize_rows(x):
            x_norm = np.linalg.norm(x, axis=0, keepdims=True)
            x_normalized = x / x_norm
            return x_normalized
        """},
    # variant: the column norms written out, without keepdims
    {"id": "normalize_rows:columns",
     "code": """
        def normalize_rows(x):
            x_normalized = x / np.sqrt(np.sum(x * x, axis=0))
            return x_normalized
        """},
    # one norm for the whole matrix
    {"id": "normalize_rows:whole-matrix",
     "exercise": "ex9_normalize_rows",
     "explanation": ("Your function divides every entry by one norm, that of the whole matrix, "
                     "so the rows do not get length 1. Compute one norm per row, along axis 1."),
     "code": """
        def normalize_rows(x):
            x_norm = np.linalg.norm(x)
            x_normalized = x / x_norm
            return x_normalized
        """},
    # no square root: divides by the sum of squares
    {"id": "normalize_rows:sum-of-squares",
     "exercise": "ex9_normalize_rows",
     "explanation": ("The length of a row is the square root of the sum of its squares; without "
                     "the square root you divide by the squared length, and the rows do not get "
                     "length 1."),
     "code": """
        def normalize_rows(x):
            x_norm = np.sum(x ** 2, axis=1, keepdims=True)
            x_normalized = x / x_norm
            return x_normalized
        """},
    # hard-coded reshape(2, 1) of the norms
    {"id": "normalize_rows:hard-coded-shape",
     "exercise": "ex9_normalize_rows",
     "explanation": ("Reshaping the norms to (2, 1) works for the example's two rows only; a "
                     "matrix with another number of rows fails. Let NumPy keep the reduced axis "
                     "(keepdims=True), or read the number of rows from x."),
     "code": """
        def normalize_rows(x):
            x_norm = np.linalg.norm(x, axis=1).reshape(2, 1)
            x_normalized = x / x_norm
            return x_normalized
        """},
    # x = x.astype(float); x /= x_norm: in place
    {"id": "normalize_rows:in-place",
     "exercise": "ex9_normalize_rows",
     "explanation": ("/= divides the caller's array in place, so the caller's data changes as a "
                     "side effect (converting it to floats first only hides this for integer "
                     "input). Compute the quotient into a new array."),
     "code": """
        def normalize_rows(x):
            x_norm = np.linalg.norm(x, axis=1, keepdims=True)
            if x.dtype.kind != "f":
                x = x.astype(float)
            x /= x_norm
            x_normalized = x
            return x_normalized
        """},
    # --- Exercise 10: softmax ---------------------------------------------------------------------
    # unstable: no max subtracted, overflows on 1000
    {"id": "softmax:unstable",
     "exercise": "ex10_softmax",
     "explanation": ("np.exp of a large number overflows to inf, and inf / inf is nan, so your "
                     "softmax breaks on large inputs. Subtracting each row's maximum first "
                     "changes nothing mathematically (it cancels in the division) and keeps "
                     "every exponential at most 1."),
     "code": """
        def softmax(x):
            x_exp = np.exp(x)
            x_sum = np.sum(x_exp, axis=1, keepdims=True)
            s = x_exp / x_sum
            return s
        """},
    # variant: in one line
    {"id": "softmax:unstable",
     "code": """
        def softmax(x):
            s = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)
            return s
        """},
    # sums over the columns (axis=0)
    {"id": "softmax:columns",
     "exercise": "ex10_softmax",
     "explanation": ("Your softmax normalises the columns (axis=0), but each row of x is one "
                     "example whose entries must add up to 1. Work along axis 1, for the maximum"
                     " as well as for the sum."),
     "code": """
        def softmax(x):
            x_max = np.max(x, axis=1, keepdims=True)
            x_exp = np.exp(x - x_max)
            x_sum = np.sum(x_exp, axis=0, keepdims=True)
            s = x_exp / x_sum
            return s
        """},
    # variant: no maximum subtracted
    {"id": "softmax:columns",
     "code": """
        def softmax(x):
            x_exp = np.exp(x)
            s = x_exp / np.sum(x_exp, axis=0, keepdims=True)
            return s
        """},
    # variant: the maximum and the sum of each column
    {"id": "softmax:columns",
     "code": """
        def softmax(x):
            x_exp = np.exp(x - np.max(x, axis=0))
            s = x_exp / x_exp.sum(axis=0)
            return s
        """},
    # divides by the sum of the whole matrix
    {"id": "softmax:whole-sum",
     "exercise": "ex10_softmax",
     "explanation": ("Dividing by the sum over the whole matrix makes all the entries together "
                     "add up to 1, not each row. Take one sum per row, along axis 1."),
     "code": """
        def softmax(x):
            x_max = np.max(x, axis=1, keepdims=True)
            x_exp = np.exp(x - x_max)
            x_sum = np.sum(x_exp)
            s = x_exp / x_sum
            return s
        """},
    # subtracts the max of the whole matrix: 0/0 far below it
    {"id": "softmax:global-max",
     "exercise": "ex10_softmax",
     "explanation": ("Subtracting the largest value of the whole matrix protects only the row "
                     "that holds it: in a row far below it every exponential underflows to 0, "
                     "and 0 / 0 is nan. Subtract each row's own maximum."),
     "code": """
        def softmax(x):
            x_max = np.max(x)
            x_exp = np.exp(x - x_max)
            x_sum = np.sum(x_exp, axis=1, keepdims=True)
            s = x_exp / x_sum
            return s
        """},
    # max without keepdims: (m,) broadcast along the rows
    {"id": "softmax:no-keepdims",
     "exercise": "ex10_softmax",
     "explanation": ("A maximum or a sum along axis 1 without keepdims=True has shape (m,), "
                     "which broadcasts along the columns rather than the rows: the shapes clash,"
                     " or a row is combined with another row's number. Keep the reduced axis so "
                     "that it is a column."),
     "code": """
        def softmax(x):
            x_max = np.max(x, axis=1)
            x_exp = np.exp(x - x_max)
            x_sum = np.sum(x_exp, axis=1, keepdims=True)
            s = x_exp / x_sum
            return s
        """},
    # sum without keepdims: (m,) broadcast along the rows
    {"id": "softmax:no-keepdims",
     "code": """
        def softmax(x):
            x_max = np.max(x, axis=1, keepdims=True)
            x_exp = np.exp(x - x_max)
            x_sum = np.sum(x_exp, axis=1)
            s = x_exp / x_sum
            return s
        """},
    # x -= x_max: changes the caller's array
    {"id": "softmax:in-place",
     "exercise": "ex10_softmax",
     "explanation": ("-= subtracts in the caller's array, so the caller's data changes as a side"
                     " effect. Compute the difference into a new array."),
     "code": """
        def softmax(x):
            x -= np.max(x, axis=1, keepdims=True)
            x_exp = np.exp(x)
            x_sum = np.sum(x_exp, axis=1, keepdims=True)
            s = x_exp / x_sum
            return s
        """},
    # --- Exercise 11: L1 --------------------------------------------------------------------------
    # no absolute value
    {"id": "L1:no-abs",
     "exercise": "ex11_L1",
     "explanation": ("The absolute value must be taken of each difference before adding them up:"
                     " without it (or with it only around the sum), positive and negative errors"
                     " cancel out and a bad prediction can look perfect."),
     "code": """
        def L1(yhat, y):
            loss = np.sum(y - yhat)
            return float(loss)
        """},
    # variant: the differences the other way round
    {"id": "L1:no-abs",
     "code": """
        def L1(yhat, y):
            loss = np.sum(yhat - y)
            return float(loss)
        """},
    # the absolute value of the sum
    {"id": "L1:no-abs",
     "code": """
        def L1(yhat, y):
            loss = np.abs(np.sum(y - yhat))
            return float(loss)
        """},
    # a mean instead of a sum
    {"id": "L1:mean",
     "exercise": "ex11_L1",
     "explanation": ("The L1 loss of this exercise is the sum of the absolute differences, not "
                     "their mean: do not divide by the number of examples."),
     "code": """
        def L1(yhat, y):
            loss = np.mean(np.abs(y - yhat))
            return float(loss)
        """},
    # the visible expected value, copied
    {"id": "L1:copied-output",
     "exercise": "ex11_L1",
     "explanation": ("Your function returns the value of the example whatever it is given. "
                     "Compute the loss from yhat and y, so that it is right for any vectors."),
     "code": """
        def L1(yhat, y):
            loss = 1.1
            return float(loss)
        """},
    # --- Exercise 12: L2 --------------------------------------------------------------------------
    # absolute values instead of squares
    {"id": "L2:abs",
     "exercise": "ex12_L2",
     "explanation": ("The L2 loss adds up the squares of the differences, not their absolute "
                     "values (that is the L1 loss)."),
     "code": """
        def L2(yhat, y):
            loss = np.sum(np.abs(y - yhat))
            return float(loss)
        """},
    # the norm: square root of the sum of squares
    {"id": "L2:norm",
     "exercise": "ex12_L2",
     "explanation": ("The L2 loss of this exercise is the sum of the squared differences, with "
                     "no square root: the square root gives the length (the Euclidean norm) of y"
                     " - yhat instead."),
     "code": """
        def L2(yhat, y):
            loss = np.sqrt(np.sum((y - yhat) ** 2))
            return float(loss)
        """},
    # variant: NumPy's norm
    {"id": "L2:norm",
     "code": """
        def L2(yhat, y):
            loss = np.linalg.norm(y - yhat)
            return float(loss)
        """},
    # the square of the sum
    {"id": "L2:square-of-sum",
     "exercise": "ex12_L2",
     "explanation": ("Squaring the sum lets positive and negative differences cancel out before "
                     "the square. Square each difference first, then add them up."),
     "code": """
        def L2(yhat, y):
            loss = np.sum(y - yhat) ** 2
            return float(loss)
        """},
    # a mean instead of a sum
    {"id": "L2:mean",
     "exercise": "ex12_L2",
     "explanation": ("The L2 loss of this exercise is the sum of the squared differences, not "
                     "their mean: do not divide by the number of examples."),
     "code": """
        def L2(yhat, y):
            loss = np.mean((y - yhat) ** 2)
            return float(loss)
        """},
    # precedence: y - yhat ** 2 squares yhat only
    {"id": "L2:precedence",
     "exercise": "ex12_L2",
     "explanation": ("Python raises to a power before it subtracts, so y - yhat ** 2 squares "
                     "yhat alone. Put parentheses around the difference before squaring it."),
     "code": """
        def L2(yhat, y):
            loss = np.sum(y - yhat ** 2)
            return float(loss)
        """},
]
