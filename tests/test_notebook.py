"""The notebook set-up: hints after unfinished exercises, and the grading schedule."""

import nbformat
from toycourse import ROOT, SETUP, cell, notebook, toy_notebook

from dlcourse.grader.execution import execute
from dlcourse.notebook import schedule


def test_name_error_after_an_unfinished_exercise_explains_itself(tmp_path):
    nb = notebook(cell(SETUP),
                  cell("def sigmoid(z):\n    raise NotImplementedError()"),
                  cell("s = sigmoid(0)"),
                  cell("print(s)"),
                  cell("print(undefined_name)"))
    run = execute(nb, tmp_path)
    assert [c.ename for c in run.cells] == [None, None, "NotImplementedError", "NameError",
                                            "NameError"]
    hint = run.cells[3].text
    assert hint.startswith("Hint: name 's' is not defined. This cell uses a result of a cell "
                           "above that has not run successfully yet.")
    assert "Exercises not implemented yet so far: sigmoid" in hint


def test_schedule_follows_nbgrader(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert schedule(2000, 100) == 2000
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert schedule(2000, 100) == 100


def test_grading_mode_reaches_the_kernel(tmp_path):
    nb = notebook(cell("from dlcourse.notebook import schedule\nprint(schedule('full', 'short'))"))
    assert execute(nb, tmp_path).cells[0].text == "full\n"
    assert execute(nb, tmp_path, grading=True).cells[0].text == "short\n"


UNFINISHED = ('def double(x):\n    """Return twice x."""\n    # YOUR CODE HERE\n'
              "    raise NotImplementedError()")
CHECK = 'with exercise("double"):\n    check("double(3.0)", double(3.0), 6.0)'


def validate(tmp_path, solution: str, test: str = CHECK) -> list[str]:
    """What nbgrader's *Validate* shows of the first failing cell of the toy notebook, in lines
    (without colours)."""
    from nbconvert.filters import strip_ansi
    from nbgrader.validator import Validator

    path = tmp_path / "toy.ipynb"
    nbformat.write(toy_notebook(solution=solution, test=test), str(path))
    failed = Validator().validate(str(path))["failed"]
    return strip_ansi(failed[0]["raw_error"]).splitlines()


def test_validate_says_first_which_exercise_is_not_implemented_yet(tmp_path):
    shown = validate(tmp_path, UNFINISHED)
    assert shown == [
        "NotImplementedError: double is not implemented yet",
        "    Write your code in its cell where it says YOUR CODE HERE (and remove the",
        "    `raise NotImplementedError()` line), run that cell, then run this one again."]


def test_validate_shows_a_failed_check_without_a_traceback(tmp_path):
    shown = validate(tmp_path, "def double(x):\n    return 3 * x")
    assert shown[:3] == ["\u2718 double(3.0): wrong value", "    expected: 6.0",
                         "    got:      9.0"]
    assert not any("Traceback" in line or "checks.py" in line for line in shown)


def test_an_unfinished_exercise_called_outside_its_check_is_named(tmp_path):
    nb = notebook(cell(SETUP), cell(UNFINISHED), cell("print(double(2))"))
    assert execute(nb, tmp_path).cells[2].error == (
        "NotImplementedError: double is not implemented yet: write your code in its cell where "
        "it says YOUR CODE HERE (and remove the `raise NotImplementedError()` line), run that "
        "cell, then run this one again.")


def test_a_helper_of_the_course_says_what_is_not_done_yet_in_one_line(tmp_path):
    helper = ROOT / "dlcourse" / "a_helper.py"  # as if raised there; the file need not exist
    raising = ("exec(compile(\"raise NotImplementedError('q1 is not answered yet: answer it "
               f"in its cell')\", {str(helper)!r}, 'exec'))")
    assert validate(tmp_path, "def double(x):\n    return 2 * x", raising) == [
        "NotImplementedError: q1 is not answered yet", "    Answer it in its cell"]
    nb = notebook(cell(SETUP), cell(raising))
    assert execute(nb, tmp_path).cells[1].error == (
        "NotImplementedError: q1 is not answered yet: answer it in its cell")
