"""The grader's side of a notebook: which cells run where, the learner's values seen as data, tests
run outside the learner's kernel. Small notebooks, real kernels in the real sandbox."""

import nbformat
import pytest
from toycourse import ROOT, SETUP, cell, notebook, toy_notebook

from dlcourse.grader import verdicts
from dlcourse.grader.authoring import STUB, nbgrader_meta

READABLE = [ROOT / "dlcourse", ROOT / "datasets"]


def grade(source, submitted, tmp_path, **kwargs):
    kwargs.setdefault("timeout", 20)
    result = verdicts.grade_notebook(source, submitted, tmp_path, readable=READABLE, **kwargs)
    outputs = {}
    for c in result.nb.cells:
        meta = nbgrader_meta(c)
        if meta.get("grade"):
            errors = [o for o in c.outputs if o.output_type == "error"]
            text = "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream")
            outputs[meta["grade_id"]] = (errors[0].ename + ": " + errors[0].evalue
                                         if errors else None, text)
    return result, outputs


def test_plan_runs_given_code_in_the_grader_unless_it_uses_learner_results():
    nb = notebook(cell(SETUP), cell("data = np.arange(3)"),
                  cell("def f(x):\n    return x", "ex1_f", solution=True),
                  cell("fx = f(data)\nlimit = 3"),
                  cell("check('f', f(data), data)", "test_f", grade=True, points=1),
                  cell("data = np.ones(2)"))
    steps = verdicts.plan(nb)
    kinds = [(s.kind, s.trusted, sorted(s.learner_names)) for s in steps]
    assert kinds == [("given", True, []), ("given", True, []), ("answer", False, ["f"]),
                     ("given", False, ["fx", "limit"]), ("test", False, []),
                     ("given", False, [])]


def test_assemble_takes_answers_by_grade_id_and_everything_else_from_source():
    source = toy_notebook()
    submitted = nbformat.from_dict(source)
    submitted.cells[2].source = "def double(x):\n    return x + x"
    submitted.cells[3].source = "print('All checks passed')"  # an edited test cell
    submitted.cells.insert(3, cell("helper = 1"))  # an added cell, after the answer
    steps = verdicts.assemble(verdicts.plan(source), submitted)
    assert [s.kind for s in steps] == ["text", "given", "answer", "extra", "test"]
    assert steps[2].cell.source == "def double(x):\n    return x + x"
    assert steps[3].cell.source == "helper = 1"
    assert steps[4].cell.source == source.cells[3].source
    deleted = nbformat.from_dict(source)
    del deleted.cells[2]
    steps = verdicts.assemble(verdicts.plan(source), deleted)
    assert steps[2].cell.source == STUB


def test_a_right_answer_passes_and_a_forged_check_earns_nothing(tmp_path):
    source = toy_notebook()
    right = verdicts.assemble(verdicts.plan(source), source)  # smoke: the reference passes
    assert right
    _, outputs = grade(source, source, tmp_path)
    assert outputs["test_double"][0] is None
    assert "double(np.arange(3.0)): as expected" in outputs["test_double"][1]
    forged = nbformat.from_dict(source)
    forged.cells[2].source = ("import numpy as np, builtins, dlcourse.checks as c\n"
                              "np.allclose = lambda *a, **k: True\n"
                              "c.check = lambda *a, **k: None\n"
                              "builtins.AssertionError = Exception\n"
                              "def double(x):\n    return x")
    _, outputs = grade(source, forged, tmp_path)
    error, _ = outputs["test_double"]
    assert error.startswith("CheckFailed: ✘ double(3.0): wrong value")


def test_errors_of_the_learner_keep_their_type_and_name_their_function(tmp_path):
    source = notebook(cell(SETUP), cell("def half(x):\n    return x / 2", "ex1_half",
                                        solution=True),
                      cell("def double(x):\n    return 2 * half(x) * 2", "ex2_double",
                           solution=True),
                      cell('with exercise("double"):\n    check("d", double(2.0), 4.0)',
                           "test_double", grade=True, points=1),
                      cell('with exercise("half"):\n    check("h", half(2.0), 1.0)', "test_half",
                           grade=True, points=1))
    submitted = nbformat.from_dict(source)
    submitted.cells[1].source = "def half(x):\n    raise NotImplementedError()"
    _, outputs = grade(source, submitted, tmp_path)
    assert outputs["test_double"][0].startswith(
        "NotImplementedError: double cannot run yet: half, which it uses, is not implemented")
    assert outputs["test_half"][0].startswith("NotImplementedError: half is not implemented yet")


def test_a_test_can_put_reference_functions_in_place_of_the_learners(tmp_path):
    # the learner's helper is wrong, their derivative right: only the helper loses its points
    source = notebook(cell(SETUP),
                      cell("def sig(x):\n    return 1 / (1 + np.exp(-x))", "ex1_sig",
                           solution=True),
                      cell("def dsig(x):\n    s = sig(x)\n    return s * (1 - s)", "ex2_dsig",
                           solution=True),
                      cell("def _ref(v):\n    return 1 / (1 + np.exp(-v))\n"
                           "_mine = sig\nsig = _ref\ntry:\n"
                           "    check('dsig(0)', dsig(0.0), 0.25)\nfinally:\n    sig = _mine",
                           "test_dsig", grade=True, points=1),
                      cell("check('sig(0)', sig(0.0), 0.5)", "test_sig", grade=True, points=1))
    submitted = nbformat.from_dict(source)
    submitted.cells[1].source = "def sig(x):\n    return x"
    _, outputs = grade(source, submitted, tmp_path)
    assert outputs["test_dsig"][0] is None
    assert outputs["test_sig"][0].startswith("CheckFailed")


CHANGES_ARGUMENTS = [
    # (a learner's `step`, which must return p["w"] - 1 and leave p unchanged)
    ("def step(p):\n    w = p['w'] - 1\n    p['w'][:] = 0\n    return w", "overwrites in place"),
    ("def step(p):\n    w = p['w'] - 1\n    p.clear()\n    return w", "empties the dict"),
    ("def step(p):\n    w = p['w'] - 1\n    p['w'] = np.zeros(3)\n    return w",
     "rebinds an entry"),
    ("def step(p):\n    w = p['w'] - 1\n    p['w'] -= 5\n    p['extra'] = 1\n    return w",
     "changes and adds"),
]


@pytest.mark.parametrize("code, how", CHANGES_ARGUMENTS, ids=[h for _, h in CHANGES_ARGUMENTS])
def test_what_a_function_does_to_its_arguments_never_reaches_the_expected_values(tmp_path, code,
                                                                               how):
    # the expected value is computed *after* the call, from the object the call received: a
    # right answer keeps its value points whatever it does to its arguments afterwards, and a
    # wrong one cannot make the expected value match it by changing them; the property check
    # sees the change through arguments_after
    source = notebook(cell(SETUP + "\nfrom dlcourse.checks import arguments_after"),
                      cell("def step(p):\n    return p['w'] - 1", "ex1_step", solution=True),
                      cell("p = {'w': np.arange(3.0)}\ngot = step(p)\n"
                           "check('step value', got, p['w'] - 1)", "test_value", grade=True,
                           points=1),
                      cell("p = {'w': np.arange(3.0)}\n_, (after,), _ = arguments_after(step, p)\n"
                           "check('p unchanged', after, {'w': np.arange(3.0)})",
                           "test_unchanged", grade=True, points=1))
    right = nbformat.from_dict(source)
    right.cells[1].source = code
    _, outputs = grade(source, right, tmp_path)
    assert outputs["test_value"][0] is None, (how, outputs)
    assert outputs["test_unchanged"][0].startswith("CheckFailed"), (how, outputs)
    wrong = nbformat.from_dict(source)  # junk result, arguments emptied or rewritten to match it
    wrong.cells[1].source = code.replace("return w", "return np.zeros(3)").replace(
        "p['w'][:] = 0", "p['w'][:] = 1")
    _, outputs = grade(source, wrong, tmp_path)
    assert outputs["test_value"][0].startswith("CheckFailed"), (how, outputs)


def test_an_honest_function_that_keeps_its_arguments_passes_arguments_after(tmp_path):
    source = notebook(cell(SETUP + "\nfrom dlcourse.checks import arguments_after"),
                      cell("def step(p):\n    return {'w': p['w'] - 1}", "ex1_step",
                           solution=True),
                      cell("p = {'w': np.arange(3.0)}\ngot, (after,), kw = "
                           "arguments_after(step, p)\n"
                           "check('step', got, {'w': p['w'] - 1})\n"
                           "check('unchanged', after, p)\ncheck('no kwargs', len(kw), 0)",
                           "test_step", grade=True, points=1))
    _, outputs = grade(source, source, tmp_path)
    assert outputs["test_step"][0] is None, outputs


def test_the_global_random_state_goes_into_a_call_and_not_back(tmp_path):
    source = notebook(cell(SETUP),
                      cell("def draw():\n    return np.random.randn(3)", "ex1_draw",
                           solution=True),
                      cell("np.random.seed(7)\nmine = draw()\nafter = np.random.randn()\n"
                           "np.random.seed(7)\nref = np.random.randn(3)\n"
                           "check('draw', mine, ref)\n"
                           "np.random.seed(7)\n"
                           "check('the state is the grader s own', after, np.random.randn())",
                           "test_draw", grade=True, points=1))
    _, outputs = grade(source, source, tmp_path)
    assert outputs["test_draw"][0] is None, outputs


@pytest.mark.parametrize("attack", [
    "np.random.set_state(('MT19937', np.zeros(624, dtype=np.uint32), 0, 0, 0.0))",
    "np.random.seed(0)",
    "np.random.set_state(('MT19937', np.full(624, 4294967295, dtype=np.uint32), 623, 1, 9e9))",
])
def test_a_random_state_left_by_the_learner_never_reaches_the_grader(tmp_path, attack):
    # an all-zero Mersenne Twister makes np.random.randn never return; a chosen seed would make
    # the grader's next inputs predictable
    source = notebook(cell(SETUP),
                      cell("def draw():\n    return 1.0", "ex1_draw", solution=True),
                      cell("np.random.seed(3)\ndraw()\nx = np.random.randn(2)\n"
                           "np.random.seed(3)\ncheck('inputs as the grader drew them', x, "
                           "np.random.randn(2))", "test_draw", grade=True, points=1))
    submitted = nbformat.from_dict(source)
    submitted.cells[1].source = f"def draw():\n    {attack}\n    return 1.0"
    result, outputs = grade(source, submitted, tmp_path)
    assert outputs["test_draw"][0] is None, outputs
    assert result.seconds < 15


def test_a_dead_kernel_fails_every_later_test_and_says_why(tmp_path):
    source = toy_notebook()
    submitted = nbformat.from_dict(source)
    submitted.cells[2].source = "import os\nos._exit(0)"
    result, outputs = grade(source, submitted, tmp_path)
    assert outputs["test_double"][0].startswith("KernelGone: not run: the kernel stopped")
    assert any("kernel stopped" in e for e in result.events)


@pytest.mark.parametrize("isolated", [True, False])
def test_without_isolation_the_verdicts_are_the_same(tmp_path, isolated):
    source = toy_notebook()
    _, outputs = grade(source, source, tmp_path, isolated=isolated)
    assert outputs["test_double"][0] is None


def test_what_the_learners_function_prints_reaches_the_test_in_full(tmp_path):
    source = notebook(cell(SETUP),
                      cell("def talk(n):\n    for i in range(n):\n        print('line', i)\n"
                           "    return n", "ex1_talk", solution=True),
                      cell("import contextlib, io\nfor _n in (1, 300, 2):\n"
                           "    _out = io.StringIO()\n"
                           "    with contextlib.redirect_stdout(_out):\n        talk(_n)\n"
                           "    check('lines', _out.getvalue().splitlines(),"
                           " [f'line {i}' for i in range(_n)])",
                           "test_talk", grade=True, points=1))
    _, outputs = grade(source, source, tmp_path)
    assert outputs["test_talk"][0] is None, outputs
