"""Reading instructor notebooks: exercise pairing, reference answers, derived versions."""

import re

import pytest
from toycourse import cell, notebook

from dlcourse.grader import authoring

SOLUTION = "def f(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"


def test_exercises_pair_solution_and_test_cells_in_order():
    nb = notebook(cell(SOLUTION, "ex1_f", solution=True),
                  cell("assert f(1) == 2", "test_f", grade=True, points=2),
                  cell("def g(): ...", "ex2_g", solution=True),
                  cell("assert g() is None", "test_g", grade=True, points=1))
    assert authoring.exercises(nb) == [
        authoring.Exercise(1, "f", "ex1_f", "test_f", 2.0),
        authoring.Exercise(2, "g", "ex2_g", "test_g", 1.0)]


@pytest.mark.parametrize("cells, message", [
    ([cell(SOLUTION, "ex1_f", solution=True)], "solution cell 'ex1_f' has no test cell 'test_f'"),
    ([cell("assert 1", "test_f", grade=True, points=1)],
     "test cell 'test_f' has no solution cell ex<N>_f"),
    ([cell(SOLUTION, "sigmoid", solution=True)], "solution cell 'sigmoid' is not named"),
])
def test_unpaired_or_misnamed_cells_are_refused(cells, message):
    with pytest.raises(ValueError, match=message.replace("<", ".").replace(">", ".")):
        authoring.exercises(notebook(*cells))


def test_solution_code_drops_only_the_markers():
    nb = notebook(cell(SOLUTION, "ex1_f", solution=True))
    assert authoring.solution_code(nb) == {"ex1_f": "def f(x):\n    return 2 * x"}


def test_with_answers_replaces_only_the_named_cells_and_copies():
    nb = notebook(cell(SOLUTION, "ex1_f", solution=True), cell("x = 1"))
    answered = authoring.with_answers(nb, {"ex1_f": "def f(x):\n    return x"})
    assert answered.cells[0].source == "def f(x):\n    return x"
    assert answered.cells[1].source == "x = 1"
    assert nb.cells[0].source == SOLUTION  # the original is untouched
    with pytest.raises(KeyError, match="ex9_h"):
        authoring.with_answers(nb, {"ex9_h": ""})


def test_graded_version_fills_every_other_cell_with_the_reference():
    nb = notebook(cell(SOLUTION, "ex1_f", solution=True),
                  cell(SOLUTION.replace("f", "g"), "ex2_g", solution=True))
    graded = authoring.graded_version(nb, {"ex2_g": "g = None"})
    assert graded.cells[0].source == "def f(x):\n    return 2 * x"
    assert graded.cells[1].source == "g = None"


def test_reference_namespace_runs_given_definitions_and_solutions_only():
    nb = notebook(cell("%matplotlib inline\nimport numpy as np"),
                  cell("def helper(x):\n    return x + 1\n\nprint('a demonstration')\n"
                       "raise RuntimeError('demonstrations are not executed')"),
                  cell(SOLUTION, "ex1_f", solution=True),
                  cell("assert False", "test_f", grade=True, points=1),
                  cell(SOLUTION.replace("def f", "def g"), "ex2_g", solution=True))
    ns = authoring.reference_namespace(nb, {"seed": 1})
    assert ns["helper"](1) == 2 and ns["f"](2) == 4 and ns["g"](3) == 6 and ns["seed"] == 1
    assert "f" in authoring.reference_namespace(nb, only=["ex1_f"])
    assert "g" not in authoring.reference_namespace(nb, only=["ex1_f"])


QUIZ_ANSWER = 'answer_q1 = None  # your answer: a tuple\n### BEGIN SOLUTION\nanswer_q1 = (4, 2)\n' \
    '### END SOLUTION'


def quiz_test(check="q.shape(answer_q1, dims=2)", judge="q.judge((4, 2), why='Rows first.')",
              label="answer_q1"):
    return (f'from dlcourse import quiz\n\nwith quiz.question("{label}") as q:\n    {check}\n'
            f"### BEGIN HIDDEN TESTS\n{judge}\n### END HIDDEN TESTS")


def test_questions_are_read_apart_from_the_exercises():
    nb = notebook(cell(SOLUTION, "ex1_f", solution=True),
                  cell("assert f(1) == 2", "test_f", grade=True, points=2),
                  cell(QUIZ_ANSWER, "quiz_w1_shape_answer", solution=True),
                  cell(quiz_test(), "quiz_w1_shape", grade=True, points=2))
    assert [e.solution_id for e in authoring.exercises(nb)] == ["ex1_f"]
    [q] = authoring.questions(nb)
    assert (q.number, q.slug, q.answer_id, q.test_id, q.points, q.variable, q.kind, q.spec,
            q.key) == (1, "w1_shape", "quiz_w1_shape_answer", "quiz_w1_shape", 2.0, "answer_q1",
                       "shape", {"dims": 2}, (4, 2))
    assert q.is_right([4, 2]) and not q.is_right((2, 4))
    assert q.answer_code(q.wrong_value()) == "answer_q1 = (5, 2)"


@pytest.mark.parametrize("cells, message", [
    ([cell(QUIZ_ANSWER, "quiz_s_answer", solution=True)],
     "answer cell 'quiz_s_answer' has no test cell 'quiz_s'"),
    ([cell(quiz_test(), "quiz_s", grade=True, points=1)],
     "test cell 'quiz_s' has no answer cell 'quiz_s_answer'"),
    ([cell(QUIZ_ANSWER, "quiz_s", solution=True)], "answer cell 'quiz_s' is not named"),
    ([cell(QUIZ_ANSWER, "quiz_s_answer", solution=True),
      cell(quiz_test(judge="pass"), "quiz_s", grade=True, points=1)],
     "no q.judge(KEY, why=...) in a hidden part"),
    ([cell(QUIZ_ANSWER, "quiz_s_answer", solution=True),
      cell(quiz_test().replace("### BEGIN HIDDEN TESTS\n", ""), "quiz_s", grade=True, points=1)],
     "no q.judge(KEY, why=...) in a hidden part"),
    ([cell(QUIZ_ANSWER, "quiz_s_answer", solution=True),
      cell(quiz_test(judge="q.judge((4, -2), why='')"), "quiz_s", grade=True, points=1)],
     "its key is not a valid answer"),
    ([cell(QUIZ_ANSWER, "quiz_s_answer", solution=True),
      cell(quiz_test(judge="q.judge(KEY, why='')"), "quiz_s", grade=True, points=1)],
     "the key must be a literal"),
    ([cell(QUIZ_ANSWER, "quiz_s_answer", solution=True),
      cell(quiz_test(label="answer_q2"), "quiz_s", grade=True, points=1)],
     "must name the variable it checks"),
])
def test_malformed_questions_are_refused(cells, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        authoring.questions(notebook(*cells))
