"""The misconception catalogue: reading it, the instructor's reference code the grader runs, and the
diagnosis of a failed exercise by the behaviour of the learner's function."""

import math
import textwrap
import threading
import time

import numpy as np
import pytest
from toycourse import cell, make_course, notebook, toy_notebook

from dlcourse.grader import authoring
from dlcourse.grader import misconceptions as mc
from dlcourse.grader.course import Course, generate_release
from dlcourse.grader.selfcheck import Report, check_release_in_sync

# --- reading a catalogue --------------------------------------------------------------------------

CATALOGUE = '''
"""Misconceptions of a small course."""
from textwrap import dedent

DEPENDENTS = {"ex1_double": ["test_quadruple"]}

CATALOGUE = [
    {"id": "double:adds-one", "exercise": "ex1_double",
     "explanation": ("Doubling multiplies by 2;"
                     "   adding 1 shifts instead."),
     "code": """
        def double(x):
            return x + 1
        """},
    {"id": "double:adds-one",
     "code": dedent("""
        def double(x):
            y = x
            y += 1
            return y
        """)},
    {"id": "double:squares", "exercise": "ex1_double", "explanation": "Squaring is not doubling.",
     "code": "def double(x):\\n    return x * x", "loses": ["test_double"]},
]
'''


def write_catalogue(root, text, assignment="toy"):
    folder = root / "source" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    (folder / mc.FILENAME).write_text(textwrap.dedent(text), encoding="utf-8")


def test_load_reads_entries_variants_and_dependents(tmp_path):
    write_catalogue(tmp_path, CATALOGUE)
    entries = mc.load(tmp_path, "toy")
    assert [e.id for e in entries] == ["double:adds-one", "double:adds-one", "double:squares"]
    first, variant, squares = entries
    assert first.code == "def double(x):\n    return x + 1"  # dedented, no blank ends
    assert first.explanation == "Doubling multiplies by 2; adding 1 shifts instead."
    assert (variant.exercise, variant.explanation) == (first.exercise, first.explanation)
    assert first.loses is None and squares.loses == ("test_double",)
    assert first.function == "double"
    catalogue = mc.read(tmp_path, "toy")
    assert catalogue.dependents == {"ex1_double": ["test_quadruple"]}
    assert list(catalogue.families()) == ["double:adds-one", "double:squares"]
    assert catalogue.explanation("double:squares") == "Squaring is not doubling."
    assert catalogue.upstream("test_quadruple") == ["test_double"]
    assert catalogue.upstream("test_double") == []


def test_an_assignment_without_a_catalogue_has_no_entries(tmp_path):
    (tmp_path / "source" / "toy").mkdir(parents=True)
    assert mc.load(tmp_path, "toy") == []
    assert mc.read(tmp_path, "toy") is None


ENTRY = '{"id": "double:adds-one", "exercise": "ex1_double", "explanation": "E.", "code": "x = 1"}'


@pytest.mark.parametrize("text, said", [
    ("CATALOGUE = [\n    {'id': 'double:x',\n", "line "),
    ("ENTRIES = []", "it must define CATALOGUE, a list of entries"),
    ("CATALOGUE = [1 / 0]", "running it raised ZeroDivisionError"),
    ("CATALOGUE = ['double:x']", "entry 0 is a str, not a dict"),
    (f"CATALOGUE = [{ENTRY.replace('double:adds-one', 'adds one')}]",
     "entry 0 (adds one): 'id' must read '<function>:<slug>'"),
    (f"CATALOGUE = [{ENTRY.replace('explanation', 'explain')}]",
     "entry 0 (double:adds-one): unknown key 'explain'"),
    (f"CATALOGUE = [{ENTRY.replace('ex1_double', 'ex1_triple')}]",
     "entry 0 (double:adds-one): its id must start with 'triple'"),
    (f"CATALOGUE = [{ENTRY}, {{'id': 'double:adds-one', 'explanation': 'F.', 'code': 'x'}}]",
     "entry 1 (double:adds-one): a variant of double:adds-one has its exercise and explanation"),
    (f"CATALOGUE = [{ENTRY.replace('x = 1', '')}]", "entry 0 (double:adds-one): 'code'"),
    (f"CATALOGUE = [{ENTRY.replace('x = 1', 'def double(:')}]",
     "entry 0 (double:adds-one): its code does not compile"),
    (f"CATALOGUE = [{ENTRY[:-1]}, 'loses': 'test_double'}}]",
     "entry 0 (double:adds-one): 'loses' must be a list of test ids"),
    (f"CATALOGUE = [{ENTRY}]\nDEPENDENTS = ['test_double']", "DEPENDENTS must be a dict"),
])
def test_a_malformed_catalogue_is_refused_with_the_file_and_the_entry_named(tmp_path, text, said):
    write_catalogue(tmp_path, text)
    with pytest.raises(mc.CatalogueError) as raised:
        mc.load(tmp_path, "toy")
    message = str(raised.value)
    assert message.startswith(f"source/toy/{mc.FILENAME}: "), message
    assert said in message, message


REQUIRED = {
    "week1_numpy_basics": ["sigmoid:math-exp", "sigmoid_derivative:plus", "relu:keeps-negatives",
                           "normalize_rows:columns", "softmax:unstable", "softmax:columns",
                           "L1:no-abs", "L2:norm"],
    "week2_logistic_regression": ["propagate:cost-not-averaged", "optimize:ascent",
                                  "predict:probabilities"],
    "week3_shallow_network": ["forward_propagation:sigmoid-hidden",
                              "backward_propagation:sigmoid-derivative"],
    "week4_deep_network": ["compute_cost:one-term", "linear_backward:dW-not-averaged",
                           "L_model_backward:dAL-sign"],
}


def test_the_course_catalogues_fit_their_notebooks(course):
    for assignment in course.assignments():
        catalogue = mc.read(course.root, assignment)
        assert catalogue is not None, f"source/{assignment} has no {mc.FILENAME}"
        nb = authoring.read(course.source_notebook(assignment))
        exercises = {e.solution_id: e for e in authoring.exercises(nb)}
        tests = {authoring.nbgrader_meta(c)["grade_id"] for c in nb.cells
                 if authoring.nbgrader_meta(c).get("grade")}
        for entry in catalogue.entries:
            assert entry.exercise in exercises, (assignment, entry.id)
            assert set(entry.loses or ()) <= tests, (assignment, entry.id, entry.loses)
        for exercise, dependents in catalogue.dependents.items():
            assert exercise in exercises and set(dependents) <= tests, (assignment, exercise)
        families = catalogue.families()
        missing = [i for i in REQUIRED.get(assignment, []) if i not in families]
        assert not missing, f"{assignment}: no entry {missing}"


def test_the_required_families_have_their_variants(course):
    families = mc.read(course.root, "week1_numpy_basics").families()
    l1 = [e.code for e in families["L1:no-abs"]]
    assert any("y - yhat" in c and "abs" not in c for c in l1)  # the sign both ways
    assert any("yhat - y" in c and "abs" not in c for c in l1)
    softmax = [e.code for e in families["softmax:columns"]]
    assert any("np.max" in c for c in softmax) and any("np.max" not in c for c in softmax)


# --- the catalogue stays with the instructor ------------------------------------------------------

def test_the_catalogue_is_never_released(course, tmp_path):
    for assignment in course.assignments():
        assert (course.source / assignment / mc.FILENAME).is_file()
        assert not (course.release / assignment / mc.FILENAME).exists(), (
            f"release/{assignment}/{mc.FILENAME}: the catalogue is in a student version")
    toy = Course(make_course(tmp_path / "course", {"toy": toy_notebook()}))
    write_catalogue(toy.root, CATALOGUE)
    generate_release(toy, "toy")
    assert sorted(p.name for p in (toy.release / "toy").iterdir()) == ["toy.ipynb"]
    report = Report("toy")
    check_release_in_sync(toy, "toy", report)  # what `dlcourse check` compares
    assert report.ok, report.problems


# --- the instructor's code in the grader ----------------------------------------------------------

def test_the_reference_namespace_holds_definitions_and_reference_answers_only():
    nb = notebook(
        cell("import numpy as np\nimport math\nSCALE = 2\nNAMES = ('a', 'b')\nsetup = print"),
        cell("data = np.arange(3)\nraise RuntimeError('a given cell that computes')"),
        cell("def helper(x):\n    return x + SCALE\n\nfor i in range(10**9):\n    pass"),
        cell("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
             "ex1_double", solution=True),
        cell("### BEGIN SOLUTION\nm = data.shape[0]\n### END SOLUTION", "ex2_size",
             solution=True),
        cell("check('double', double(3), 6)", "test_double", grade=True, points=1),
        cell("%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.plot([1, 2])"))
    start = time.perf_counter()
    namespace = mc.reference_namespace(nb)
    assert time.perf_counter() - start < 5  # the loop of a billion steps never ran
    assert namespace["double"](4) == 8 and namespace["helper"](1) == 3
    assert namespace["SCALE"] == 2 and namespace["NAMES"] == ("a", "b")
    assert "data" not in namespace and "m" not in namespace and "setup" not in namespace
    assert "plt" in namespace  # imports are definitions
    again = mc.reference_namespace(nb)
    assert again is not namespace and again["double"] is namespace["double"]  # kept, copied


def test_the_reference_namespace_of_a_course_notebook_runs_no_demonstration(course):
    nb = authoring.read(course.source_notebook("week1_numpy_basics"))
    namespace = mc.reference_namespace(nb)
    for name in ("basic_sigmoid", "sigmoid", "softmax", "L1", "L2", "np", "math"):
        assert name in namespace, name
    for name in ("image", "x1", "points", "on_circle"):  # data and plots of given cells
        assert name not in namespace, name
    assert namespace["sigmoid"](0.0) == 0.5


# --- diagnosis ------------------------------------------------------------------------------------

def entry(ident, code, exercise=None):
    name = ident.split(":")[0]
    return mc.Entry(ident, exercise or f"ex1_{name}", textwrap.dedent(code).strip(),
                    f"The explanation of {ident}.")


def calls_of(function, *argument_lists, name=None):
    """The calls a test would record of ``function`` (a learner's), one per argument list."""
    calls = []
    for args in argument_lists:
        call = mc.Call(name or function.__name__, args, {}, np.random.get_state())
        try:
            call.result = function(*args)
        except Exception as err:
            call.error = f"{type(err).__name__}: {err}"
            calls.append(call)
            break  # the test stops at the error
        calls.append(call)
    return calls


SIGMOIDS = [
    entry("sigmoid:math-exp", "def sigmoid(x):\n    return 1 / (1 + math.exp(-x))"),
    entry("sigmoid:exponent-sign", "def sigmoid(x):\n    return 1 / (1 + np.exp(x))"),
    entry("sigmoid:precedence", "def sigmoid(x):\n    return 1 / 1 + np.exp(-x)"),
]
NAMESPACE = {"np": np, "math": math}
INPUTS = [(np.array([1.0, 2.0, 3.0]),), (np.linspace(-3, 3, 12).reshape(3, 4),), (0.5,)]


def test_a_sigmoid_with_math_exp_is_told_so_and_one_with_np_exp_is_not():
    def learner_math(z):
        import math as m
        return 1.0 / (1.0 + m.exp(-z))

    def learner_numpy(z):
        return 1.0 / (1.0 + np.exp(-z))

    calls = calls_of(learner_math, *INPUTS, name="sigmoid")
    assert calls[0].error.startswith("TypeError")
    assert mc.diagnose(SIGMOIDS, calls, NAMESPACE) == ["sigmoid:math-exp"]
    assert mc.diagnose(SIGMOIDS, calls_of(learner_numpy, *INPUTS, name="sigmoid"),
                       NAMESPACE) == []


def test_two_learners_with_the_same_mistake_written_differently_get_the_same_diagnosis():
    entries = [
        entry("L1:no-abs", "def L1(yhat, y):\n    return float(np.sum(y - yhat))"),
        entry("L1:no-abs", "def L1(yhat, y):\n    return float(np.sum(yhat - y))"),
        entry("L1:mean", "def L1(yhat, y):\n    return float(np.mean(np.abs(y - yhat)))"),
    ]

    def first(yhat, y):  # no absolute value, the differences one way...
        return -float((yhat - y).sum())

    def second(yhat, y):  # ...and the other, in a loop
        total = 0.0
        for p, t in zip(yhat, y, strict=True):
            total += p - t
        return total

    rng = np.random.default_rng(0)
    inputs = [(rng.random(7), (rng.random(7) > 0.5).astype(float)) for _ in range(2)]
    for learner in (first, second):
        assert mc.diagnose(entries, calls_of(learner, *inputs, name="L1"), NAMESPACE) == \
            ["L1:no-abs"]


def test_an_unanswered_exercise_matches_nothing():
    def stub(x):
        raise NotImplementedError()

    stubs = calls_of(stub, *INPUTS, name="sigmoid")
    also_a_stub = entry("sigmoid:not-started", "def sigmoid(x):\n    raise NotImplementedError()")
    assert mc.diagnose([*SIGMOIDS, also_a_stub], stubs, NAMESPACE) == []
    assert mc.diagnose(SIGMOIDS, [], NAMESPACE) == []  # no call: no evidence


def test_results_agree_as_the_checks_see_them():
    def returns(value):
        return [mc.Call("f", (), {}, None, result=value)]

    def diagnosed(code, value):
        return mc.diagnose([entry("f:x", code)], returns(value), NAMESPACE) == ["f:x"]

    assert diagnosed("def f():\n    return np.array([1.0, np.nan])", np.array([1.0, np.nan]))
    assert diagnosed("def f():\n    return 0.1 + 0.2", 0.3)  # within the checks' tolerance
    assert not diagnosed("def f():\n    return 0", 0.0)  # an int is not a float
    assert not diagnosed("def f():\n    return np.zeros((2, 1), dtype=int)", np.zeros((2, 1)))
    assert not diagnosed("def f():\n    return np.zeros((2, 1))", np.zeros((2, 1), dtype=int))
    assert not diagnosed("def f():\n    return np.zeros(2)", np.zeros((2, 1)))
    assert not diagnosed("def f():\n    return np.array(0.5)", 0.5)  # a 0-d array, not a float
    assert diagnosed("def f():\n    return {'w': np.ones(2), 'b': 0.0}",
                     {"w": np.ones(2), "b": 0.0})
    assert diagnosed("def f():\n    return 1 / 0", None) is False
    errors = [mc.Call("f", (), {}, None, error="LearnerError: AxisError: axis 2 is out of bounds")]
    axis = entry("f:axis", "def f():\n    return np.sum(np.ones(2), axis=2)")
    assert mc.diagnose([axis], errors, NAMESPACE) == ["f:axis"]


def test_an_entry_that_raises_or_loops_does_not_stop_the_diagnosis(monkeypatch):
    monkeypatch.setattr(mc, "CALL_SECONDS", 0.5)
    entries = [entry("sigmoid:loops", "def sigmoid(x):\n    while True:\n        pass"),
               entry("sigmoid:raises", "def sigmoid(x):\n    return undefined_name"),
               entry("sigmoid:catches", "def sigmoid(x):\n    try:\n        while True:\n"
                     "            pass\n    except Exception:\n        return 0.5"),
               *SIGMOIDS]
    calls = calls_of(lambda z: 1 / (1 + np.exp(z)), *INPUTS, name="sigmoid")
    start = time.perf_counter()
    assert mc.diagnose(entries, calls, NAMESPACE) == ["sigmoid:exponent-sign"]
    assert time.perf_counter() - start < 5


def test_outside_the_main_thread_a_slow_entry_is_left_behind(monkeypatch):
    monkeypatch.setattr(mc, "CALL_SECONDS", 0.3)
    slow = entry("sigmoid:slow", "def sigmoid(x):\n    import time\n    time.sleep(2)\n"
                 "    return 1 / (1 + np.exp(x))")
    calls = calls_of(lambda z: 1 / (1 + np.exp(z)), *INPUTS, name="sigmoid")
    found = []
    worker = threading.Thread(target=lambda: found.append(mc.diagnose([slow, *SIGMOIDS], calls,
                                                                      NAMESPACE)))
    start = time.perf_counter()
    worker.start()
    worker.join(10)
    assert found == [["sigmoid:exponent-sign"]]
    assert time.perf_counter() - start < 2


def test_an_entry_draws_the_random_numbers_the_learner_drew_and_leaves_the_state_alone():
    init = [entry("init:uniform", "def init(n):\n    return np.random.rand(n, 1) * 0.01"),
            entry("init:not-scaled", "def init(n):\n    return np.random.randn(n, 1)")]
    np.random.seed(3)
    calls = calls_of(lambda n: np.random.rand(n, 1) * 0.01, (4,), (2,), name="init")
    state = np.random.get_state()
    assert mc.diagnose(init, calls, NAMESPACE) == ["init:uniform"]
    assert all(np.array_equal(a, b) for a, b in zip(np.random.get_state()[1:3], state[1:3],
                                                    strict=True))


def test_an_entry_is_run_on_copies_of_the_arguments_with_its_own_function_replaced():
    namespace = {"np": np, "helper": lambda v: v * 10, "scale": lambda v: v}
    scales = [entry("scale:in-place", "def scale(v):\n    v *= 2\n    return helper(v)"),
              entry("scale:right", "def scale(v):\n    return helper(v * 2)")]
    given = np.ones(3)
    call = mc.Call("scale", (given,), {}, None, result=np.full(3, 20.0))
    assert mc.diagnose(scales, [call], namespace) == ["scale:in-place", "scale:right"]
    assert np.array_equal(given, np.ones(3))
    assert namespace["scale"](1) == 1  # the namespace itself is left as it was


def test_a_cell_that_defines_values_is_diagnosed_from_its_inputs_and_values():
    shapes = [entry("shapes:m-rows", "m = X.shape[0]", "ex1_shapes"),
              entry("shapes:size", "m = X.size", "ex1_shapes")]
    data = np.zeros((2, 400))
    call = mc.Call("shapes", (), {"X": data}, None, result={"m": 2})
    assert mc.diagnose(shapes, [call], NAMESPACE) == ["shapes:m-rows"]
