"""The notebook set-up: hints after unfinished exercises, and the grading schedule."""

from toycourse import SETUP, cell, notebook

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
