"""The trust boundary between a learner's kernel and the grader, attacked on the course's own
notebooks: what a learner's function does to its arguments, a search of the kernel for the hidden
reference code, the random state, a test cell the learner's values make run forever, a flood of
output, and a search of everything reachable in the kernel for hidden-test names and lines during
every hidden check of every week.

Each class of attack is tried in several variants; each must earn exactly its honest points.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap

import pytest
from toycourse import ROOT, SETUP, cell, notebook

from dlcourse.grader import authoring
from dlcourse.grader.hidden import segments
from dlcourse.grader.verdicts import grade_notebook

READABLE = [ROOT / "dlcourse", ROOT / "datasets"]


def source_of(assignment: str):
    [path] = (ROOT / "source" / assignment).glob("*.ipynb")
    return path, authoring.read(path)


def grade_with(assignment: str, answers: dict[str, str], *, isolated: bool = True,
               extra_first: str | None = None, timeout: int = 60):
    """Grade the reference solutions of ``assignment`` with some answers replaced; return the
    failed test ids and the result."""
    path, source = source_of(assignment)
    nb = authoring.graded_version(source, answers)
    if extra_first:
        import nbformat

        nb.cells.insert(2, nbformat.v4.new_code_cell(extra_first))
    result = grade_notebook(source, nb, path.parent, timeout=timeout, until_last_test=True,
                            readable=READABLE, isolated=isolated)
    failed = set()
    for c in result.nb.cells:
        meta = authoring.nbgrader_meta(c)
        if meta.get("grade") and any(o.get("output_type") == "error" for o in c.outputs):
            failed.add(meta["grade_id"])
    return failed, result


def reference(assignment: str, solution_id: str) -> str:
    return authoring.solution_code(source_of(assignment)[1])[solution_id]


# --- 1. what a function does to its arguments never reaches the grader's expected values --------

JUNK_BACKWARD_W3 = """
import numpy as np
def backward_propagation(parameters, cache, X, Y):
    # zero the weights and activations the test computes its expected gradients from, and
    # return the gradients those zeros give
    parameters["W2"][...] = 0
    cache["A1"][...] = 0
    m = X.shape[1]
    n_h, n_x = parameters["W1"].shape
    return {"dW1": np.zeros((n_h, n_x)), "db1": np.zeros((n_h, 1)),
            "dW2": np.zeros((1, n_h)), "db2": np.sum(cache["A2"] - Y, axis=1, keepdims=True) / m}
"""

JUNK_BACKWARD_W4 = """
def L_model_backward(AL, Y, caches):
    caches.clear()   # the expected gradients of an empty network: none
    return {}
"""

JUNK_SOFTMAX_W1 = """
import numpy as np
def softmax(x):
    # overwrite the input with zeros: the softmax of zeros is uniform, and so is the result
    x[...] = 0
    return np.full(x.shape, 1.0 / x.shape[1])
"""


@pytest.mark.parametrize("assignment, solution_id, code, test_id", [
    ("week3_shallow_network", "ex6_backward_propagation", JUNK_BACKWARD_W3,
     "test_backward_propagation"),
    ("week4_deep_network", "ex9_L_model_backward", JUNK_BACKWARD_W4, "test_L_model_backward"),
    ("week1_numpy_basics", "ex10_softmax", JUNK_SOFTMAX_W1, "test_softmax"),
], ids=["week3-zeroes-its-inputs", "week4-empties-caches", "week1-overwrites-x"])
def test_a_wrong_answer_gains_nothing_by_changing_its_arguments(assignment, solution_id, code,
                                                                test_id):
    failed, _ = grade_with(assignment, {solution_id: textwrap.dedent(code)})
    assert test_id in failed, failed


def test_a_right_answer_that_changes_its_arguments_afterwards_keeps_its_points():
    code = reference("week4_deep_network", "ex9_L_model_backward")
    code = code.replace("def L_model_backward(AL, Y, caches):",
                        "def L_model_backward(AL, Y, caches):\n    return _clearing(AL, Y, caches)"
                        "\n\n\ndef _right(AL, Y, caches):", 1)
    code += ("\n\n\ndef _clearing(AL, Y, caches):\n    grads = _right(AL, Y, caches)\n"
             "    caches.clear()\n    return grads\n")
    failed, _ = grade_with("week4_deep_network", {"ex9_L_model_backward": code})
    assert "test_L_model_backward" not in failed, failed


# --- 2. the hidden reference code never enters the sandbox --------------------------------------

FIND_BY_GC = """
import gc
found = [o for o in gc.get_objects() if callable(o) and getattr(o, "__name__", "") in
         ("_h_nn_model", "_reference_nn_model")]
"""
FIND_BY_GLOBALS = """
found = []
for helper in (initialize_parameters, forward_propagation, backward_propagation):
    scope = getattr(helper, "__globals__", {})
    found += [v for k, v in scope.items() if k.startswith("_h_") and callable(v)]
    found += [v for k, v in get_ipython().user_ns.items() if k.startswith("_h_") and callable(v)]
found = [f for f in found if getattr(f, "__name__", "").endswith("nn_model")]
"""
FIND_BY_SOURCE = """
import inspect, gc
found = []
for o in gc.get_objects():
    if isinstance(o, str) and "def _h_nn_model" in o:
        scope = {"np": __import__("numpy")}
        exec(o, scope)
        found.append(scope["_h_nn_model"])
        break
"""


@pytest.mark.parametrize("search", [FIND_BY_GC, FIND_BY_GLOBALS, FIND_BY_SOURCE],
                         ids=["gc-objects", "stand-in-globals", "source-text"])
def test_a_learner_cannot_find_and_call_the_hidden_reference(search):
    code = ("import numpy as np\n\ndef nn_model(X, Y, n_h, num_iterations=10000, "
            "print_cost=False):\n" + textwrap.indent(textwrap.dedent(search), "    ")
            + "    if found:\n        return found[0](X, Y, n_h, num_iterations)[0]\n"
            "    return {'W1': np.zeros((n_h, X.shape[0])), 'b1': np.zeros((n_h, 1)),\n"
            "            'W2': np.zeros((Y.shape[0], n_h)), 'b2': np.zeros((Y.shape[0], 1))}\n")
    failed, _ = grade_with("week3_shallow_network", {"ex8_nn_model": code})
    assert "test_nn_model" in failed, failed


SPY = '''
import gc, sys, time, json, types
import dlcourse.kernel.agent as _agent_module
_spy_seen, _spy_last, _spy_count, _spy_words = set(), [0.0], [0], set()

def _spy_strings(obj, depth=0):
    if isinstance(obj, str):
        _spy_seen.add(obj[:2000])
    elif isinstance(obj, (list, tuple, set, frozenset)) and depth < 6:
        for item in obj:
            _spy_strings(item, depth + 1)
    elif isinstance(obj, dict) and depth < 6:
        for key, value in obj.items():
            _spy_strings(key, depth + 1)
            _spy_strings(value, depth + 1)

def _spy_harvest():
    for o in gc.get_objects():
        if isinstance(o, str):
            _spy_seen.add(o[:2000])
        elif isinstance(o, types.FunctionType):
            _spy_seen.add(o.__name__)
            _spy_seen.update(k for k in o.__globals__ if isinstance(k, str))
            _spy_strings(o.__code__.co_consts)
            _spy_seen.update(o.__code__.co_names)
        elif isinstance(o, dict):  # strings are not tracked by the collector: their holders are
            _spy_seen.update(k for k in o if isinstance(k, str))
            _spy_seen.update(v[:2000] for v in list(o.values()) if isinstance(v, str))
        elif isinstance(o, (list, tuple)):
            _spy_seen.update(v[:2000] for v in o if isinstance(v, str))
    _spy_count[0] += 1
    if _spy_count[0] % 10 == 1:
        _spy_words.update(_spy_libraries())
    with open(SPY_FILE, "w") as f:
        json.dump({"seen": sorted(_spy_seen), "libraries": sorted(_spy_words)}, f)

def _spy_libraries():
    """Every name the imported libraries use (their globals, and their functions' names,
    variables and constants): a hidden test's name that a library also uses is no evidence."""
    words = set()
    def code_words(code, depth=0):
        words.update(code.co_names)
        words.update(code.co_varnames)
        for const in code.co_consts:
            if isinstance(const, str):
                words.add(const)
            elif isinstance(const, types.CodeType) and depth < 10:
                code_words(const, depth + 1)
    for name, module in list(sys.modules.items()):
        if name == "__main__" or module is None:
            continue
        for key, value in list(vars(module).items()):
            words.add(key)
            for item in (value, *getattr(value, "__dict__", {}).values()):
                code = getattr(getattr(item, "__func__", item), "__code__", None)
                if isinstance(code, types.CodeType):
                    code_words(code)
    return words

_spy_decode = _agent_module.wire.decode
def _spying_decode(data, *args, **kwargs):
    value = _spy_decode(data, *args, **kwargs)
    _spy_strings(value)
    if time.monotonic() - _spy_last[0] > 1.0:
        _spy_last[0] = time.monotonic()
        _spy_harvest()
    return value
_agent_module.wire.decode = _spying_decode
'''


def _hidden_names_and_lines(source_nb) -> tuple[set[str], set[str]]:
    """Names bound and lines written only in hidden blocks (not in visible code or solutions)."""
    hidden_code, public_code = [], []
    for c in source_nb.cells:
        for hidden, code in segments(c.source):
            (hidden_code if hidden else public_code).append(code)
    public_text = "\n".join(public_code)
    names = set()
    for block in hidden_code:
        try:
            tree = ast.parse(textwrap.dedent(block))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
    names = {n for n in names if len(n) >= 4 and n not in public_text}
    lines = {line.strip() for block in hidden_code for line in block.splitlines()}
    lines = {line for line in lines if len(line) >= 20 and line not in public_text}
    return names, lines


@pytest.mark.parametrize("assignment", ["week1_numpy_basics", "week2_logistic_regression",
                                        "week3_shallow_network", "week4_deep_network"])
def test_nothing_of_the_hidden_tests_is_reachable_in_the_kernel(assignment, tmp_path):
    # the learner's kernel spies on every value the grader sends and, once a second while the
    # hidden checks run, on everything the garbage collector reaches and every function's globals
    spy_file = tmp_path / "seen.json"
    failed, result = grade_with(assignment, {}, isolated=False, timeout=240,
                                extra_first=f"SPY_FILE = {str(spy_file)!r}\n" + SPY)
    assert not failed, failed  # the reference solutions, spied on, still pass
    spied = json.loads(spy_file.read_text())
    seen, libraries = set(spied["seen"]), set(spied["libraries"])
    assert len(seen) > 1000  # the spy did look
    names, lines = _hidden_names_and_lines(source_of(assignment)[1])
    assert names and lines
    leaked_names = (names & seen) - libraries
    leaked_lines = {line for line in lines if any(line in s for s in seen if len(s) >= 20)}
    assert not leaked_names, sorted(leaked_names)[:20]
    assert not leaked_lines, sorted(leaked_lines)[:5]


def test_the_kernel_search_finds_a_hidden_line_that_is_there(tmp_path):
    # the control: a hidden line planted in the kernel by the learner's own cell is found
    names, lines = _hidden_names_and_lines(source_of("week1_numpy_basics")[1])
    planted = sorted(lines)[0]
    spy_file = tmp_path / "seen.json"
    grade_with("week1_numpy_basics", {}, isolated=False,
               extra_first=f"SPY_FILE = {str(spy_file)!r}\n_planted = {planted!r}\n" + SPY)
    seen = set(json.loads(spy_file.read_text())["seen"])
    assert any(planted in s for s in seen)


# --- 3. a test cell that the learner's values make run forever is stopped in the grader --------

@pytest.mark.parametrize("answer, test", [
    ("def size():\n    return 10 ** 12",
     "_n = 0\nfor _ in range(size()):\n    _n += 1\ncheck('size', _n, 3)"),
    ("def size():\n    return -1",
     "_k, _s = 1, size()\nwhile _k != _s:\n    _k += 2\ncheck('size', _k, 3)"),
    ("def size():\n    return 10 ** 10",
     "check('sum', sum(i * i for i in range(size())), 14)"),
], ids=["huge-range", "never-equal", "slow-sum"])
def test_a_test_cell_has_a_time_limit_in_the_grader(answer, test, tmp_path):
    source = notebook(cell(SETUP), cell("def size():\n    return 3", "ex1_size", solution=True),
                      cell(test, "test_size", grade=True, points=1),
                      cell("def two():\n    return 2", "ex2_two", solution=True),
                      cell("check('two', two(), 2)", "test_two", grade=True, points=1))
    import nbformat

    submitted = nbformat.from_dict(source)
    submitted.cells[1].source = answer
    result = grade_notebook(source, submitted, tmp_path, timeout=3, readable=READABLE)
    errors = {authoring.nbgrader_meta(c)["grade_id"]: [o for o in c.outputs
                                                       if o.output_type == "error"]
              for c in result.nb.cells if authoring.nbgrader_meta(c).get("grade")}
    assert errors["test_size"] and errors["test_size"][0].ename == "TestTimeout"
    assert "longer than" in errors["test_size"][0].evalue
    assert not errors["test_two"]  # the rest of the notebook is graded
    assert result.seconds < 3 + 10 + 15


# --- 5. a flood of output does not exhaust the grader ------------------------------------------

FLOODS = {
    "one-write-of-600-MB": "import sys\nsys.stdout.write('x' * (600 * 2**20))\nsys.stdout.flush()",
    "html-of-100-MB": "from IPython.display import HTML, display\ndisplay(HTML('<b>' * 2**25))",
    "stderr-in-20-MB-pieces": "import sys\nfor _ in range(15):\n"
                              "    sys.stderr.write('y' * (20 * 2**20))\n    sys.stderr.flush()",
    # around the kernel's own cap: only the grader's bound on messages is left
    "around-the-cap": "import sys\ntype(sys.stdout).write(sys.stdout, 'z' * (300 * 2**20))\n"
                      "sys.stdout.flush()",
}


@pytest.mark.parametrize("flood", list(FLOODS), ids=list(FLOODS))
def test_a_flood_of_output_is_dropped_as_it_arrives(flood, tmp_path):
    # graded in a process of its own, whose peak memory is measured
    script = textwrap.dedent(f"""
        import json, resource, sys
        sys.path.insert(0, {str(ROOT / 'tests')!r})
        from toycourse import ROOT, toy_notebook, cell
        import nbformat
        from dlcourse.grader.verdicts import grade_notebook
        source = toy_notebook()
        submitted = nbformat.from_dict(source)
        submitted.cells.insert(2, nbformat.v4.new_code_cell({FLOODS[flood]!r}))
        result = grade_notebook(source, submitted, {str(tmp_path)!r}, timeout=15,
                                readable=[ROOT / "dlcourse", ROOT / "datasets"])
        test = [c for c in result.nb.cells
                if c.metadata.get("nbgrader", {{}}).get("grade_id") == "test_double"][0]
        flood = [c for c in result.nb.cells if c.source == {FLOODS[flood]!r}][0]
        print(json.dumps({{"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                          "test_failed": any(o.output_type == "error" for o in test.outputs),
                          "flood_chars": sum(len(json.dumps(o)) for o in flood.outputs),
                          "flood": json.dumps(flood.outputs)[-400:]}}))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["rss_mb"] < 600, report  # the grader never held the flood
    assert report["flood_chars"] < 3_000_000, report
    if flood != "around-the-cap":
        assert not report["test_failed"], report  # the honest answer keeps its points
        assert "dropped" in report["flood"], report  # and the cut is explained where it is
