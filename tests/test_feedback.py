"""A learner's feedback shows the visible checks in full and only a summary of the hidden ones:
how many passed, what failed and its likely cause, explanations; never the hidden code, inputs,
expected values, or what the learner's code printed while the hidden checks called it."""

import copy

import nbformat
import numpy as np  # noqa: F401 - the toy notebooks' tests use it
import pytest
from toycourse import ROOT, SETUP, cell, notebook

from dlcourse.grader import authoring
from dlcourse.grader.feedback import PLACEHOLDER, HideHiddenTests
from dlcourse.grader.verdicts import grade_notebook

READABLE = [ROOT / "dlcourse", ROOT / "datasets"]

TEST = """with exercise("double"):
    check("double(3.0)", double(3.0), 6.0)
### BEGIN HIDDEN TESTS
with exercise("double"):
    _secret_input = np.arange(7.0) * 13.25
    for _k in range(4):
        check(f"double of a vector, case {_k}", double(_secret_input + _k),
              2 * (_secret_input + _k))
    check("double keeps the shape", double(np.ones((2, 3))).shape, (2, 3))
print("Why: doubling is linear, so it works element by element.")
### END HIDDEN TESTS"""


def graded(answer: str):
    source = notebook(cell(SETUP), cell("def double(x):\n    return 2 * x", "ex1_double",
                                        solution=True),
                      cell(TEST, "test_double", grade=True, points=2))
    submitted = nbformat.from_dict(copy.deepcopy(source))
    submitted.cells[1].source = answer
    import tempfile

    return grade_notebook(source, submitted, tempfile.mkdtemp(), timeout=20,
                          readable=READABLE).nb


def feedback_of(nb, reveal=False):
    nb = copy.deepcopy(nb)
    nb, _ = HideHiddenTests(reveal=reveal).preprocess(nb, {})
    test = [c for c in nb.cells if authoring.nbgrader_meta(c).get("grade")][0]
    text = test.source + "\n" + "\n".join(
        o.get("text", "") + o.get("evalue", "") + "\n".join(o.get("traceback", []))
        for o in test.outputs)
    return test, text


SPY = ("def double(x):\n    import numpy as np\n"
       "    if np.size(x) > 1:\n        print('I SAW', np.asarray(x).tolist())\n")


@pytest.mark.parametrize("answer, passed", [
    (SPY + "    return 2 * x", 5),
    (SPY + "    return 2 * x if np.size(x) < 7 else x + x[0] * 0 + 1", 1),
    (SPY + "    return x * 2.0 if np.ndim(x) != 2 else np.zeros(3)", 4),
], ids=["right", "wrong-on-vectors", "wrong-shape"])
def test_feedback_hides_the_hidden_part(answer, passed):
    nb = graded(answer)
    test, text = feedback_of(nb)
    assert PLACEHOLDER in test.source and "_secret_input" not in test.source
    assert "✔ double(3.0): as expected" in text  # the visible check, in full
    assert f"Hidden checks: {passed} of 5 passed." in text
    assert "I SAW" not in text and "13.25" not in text and "39.75" not in text
    assert "expected:" not in text or "double(3.0)" in text.split("expected:")[0][-200:]
    assert "Why: doubling is linear" in text  # an explanation is always shown
    if passed < 5:
        assert "✘ double" in text and "A hidden check of this exercise failed" in text
    # the instructor's copy keeps it all
    instructor = [c for c in nb.cells if authoring.nbgrader_meta(c).get("grade")][0]
    assert "_secret_input" in instructor.source
    assert "I SAW" in "".join(o.get("text", "") for o in instructor.outputs)


def test_reveal_shows_the_hidden_tests_in_full():
    nb = graded(SPY + "    return 2 * x if np.size(x) < 7 else x + 1")
    test, text = feedback_of(nb, reveal=True)
    assert "_secret_input" in test.source and "expected:" in text


def test_a_visible_failure_is_shown_as_in_the_notebook():
    nb = graded("def double(x):\n    return 3 * x")
    test, text = feedback_of(nb)
    assert "expected: 6.0" in text and "got:      9.0" in text
    assert "none ran" in text
