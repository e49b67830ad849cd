"""`dlcourse check` finds each kind of defect and says precisely what it is."""

import nbformat
import pytest
from toycourse import SOLUTION, cell, make_course, toy_notebook

from dlcourse.grader.course import Course, generate_release
from dlcourse.grader.selfcheck import check_course, key_leaks, leaks

QUIZ_ANSWER = ('answer_q1 = None  # your answer: one letter, in quotes\n### BEGIN SOLUTION\n'
               'answer_q1 = "b"\n### END SOLUTION')
QUIZ_TEST = ('from dlcourse import quiz\n\nwith quiz.question("answer_q1") as q:\n'
             '    q.choice(answer_q1, options="abc")\n### BEGIN HIDDEN TESTS\n'
             'q.judge("b", why="Because it is.")\n### END HIDDEN TESTS')


def quiz_notebook():
    """The toy notebook with a theory question after its exercise."""
    return toy_notebook(extra=[
        cell("**Question 1.** Which letter? **(a)**, **(b)** or **(c)**.", markdown=True),
        cell(QUIZ_ANSWER, "quiz_letter_answer", solution=True),
        cell(QUIZ_TEST, "quiz_letter", grade=True, points=1)])


def released(tmp_path, assignments):
    course = Course(make_course(tmp_path / "course", assignments))
    for name in assignments:
        generate_release(course, name)
    return course


def test_a_sound_course_passes(tmp_path):
    course = released(tmp_path, {"toy": toy_notebook()})
    [report] = check_course(course, echo=lambda line: None)
    assert report.ok, report.problems
    assert "2/2 points, 1 exercises" in report.notes[0]


def test_a_question_keeps_its_blank_answer_and_its_key_is_proved_absent(tmp_path):
    course = released(tmp_path, {"quiz": quiz_notebook()})
    release = nbformat.read(str(course.release_notebook("quiz")), 4)
    assert release.cells[5].source == "answer_q1 = None  # your answer: one letter, in quotes"
    assert release.cells[2].source.endswith("# YOUR CODE HERE\n    raise NotImplementedError()")
    [report] = check_course(course, echo=lambda line: None)
    assert report.ok, report.problems  # the blank answer fails with "not answered yet"
    assert "3/3 points, 1 exercises, 1 questions" in report.notes[0]
    source = nbformat.read(str(course.source_notebook("quiz")), 4)
    assert key_leaks(source, release) == []
    release.cells[5].source = 'answer_q1 = "b"'
    assert key_leaks(source, release) == [
        "quiz_letter: its key is a value in the code of the student version",
        'quiz_letter: its key is written in the student version: "b"']


@pytest.fixture(scope="module")
def defects(tmp_path_factory):
    """One course, one defect per assignment, checked in one run."""
    wrong = SOLUTION.replace("return 2 * x", "return x + 1")
    given = toy_notebook(extra=[cell(
        "try:\n    y = double(2.0)\nexcept NotImplementedError:\n    y = None\nprint(y + 1)")])
    vacuous = toy_notebook(test="with exercise('double'):\n    pass")
    course = released(tmp_path_factory.mktemp("defects"), {
        "stale": toy_notebook(), "failing": toy_notebook(solution=wrong),
        "confusing": given, "vacuous": vacuous, "leaky": toy_notebook(),
        "stored": toy_notebook()})
    # after the release: change a source, leak a line, store an output
    stale = course.source_notebook("stale")
    nb = nbformat.read(str(stale), 4)
    nb.cells[0].source += "\nOne more sentence."
    nbformat.write(nb, str(stale))
    leaky = course.release_notebook("leaky")
    nb = nbformat.read(str(leaky), 4)
    nb.cells.append(cell("check('double(np.arange(3.0))', double(np.arange(3.0)), "
                         "np.arange(3.0) * 2)".replace("'", '"')))
    nbformat.write(nb, str(leaky))
    stored = course.source_notebook("stored")
    nb = nbformat.read(str(stored), 4)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="hello")]
    nbformat.write(nb, str(stored))
    reports = check_course(course, echo=lambda line: None)
    return {r.assignment: r.problems for r in reports}


def test_release_out_of_date_with_source(defects):
    assert defects["stale"] == ["release/stale/stale.ipynb is out of date with source/ "
                                "(cell 0 differs): run `dlcourse release`"]


def test_failing_source_test_is_named(defects):
    [problem] = defects["failing"]
    assert problem.startswith("source/failing: cell 3 (test_double) fails: CheckFailed: ")


def test_confusing_error_in_the_student_version(defects):
    [problem] = defects["confusing"]
    assert problem == ("release/confusing: cell 4 (None): confusing error for a learner who has "
                       "not started: TypeError: unsupported operand type(s) for +: 'NoneType' "
                       "and 'int'")


def test_a_test_that_passes_with_nothing_implemented(defects):
    [problem] = defects["vacuous"]
    assert "a test cell must fail with 'not implemented yet' in the student version, but it "\
        "passes with nothing implemented" in problem


def test_a_leaked_hidden_test_line(defects):
    problems = defects["leaky"]
    assert "release/leaky: line of a solution or hidden test in the student version: "\
        'check("double(np.arange(3.0))", double(np.arange(3.0)), np.arange(3.0) * 2)' in problems
    assert any("is out of date" in p for p in problems)


def test_stored_outputs_in_source(defects):
    assert defects["stored"][0].startswith("source/stored: cells [1] hold outputs: clear them")


def test_leaks_finds_solution_lines_and_markers():
    source = toy_notebook(solution=SOLUTION.replace("return 2 * x", "return x * 2.0000"))
    release = toy_notebook(solution="def double(x):\n    return x * 2.0000\n### BEGIN SOLUTION",
                           test="pass")
    found = leaks(source, release)
    assert found == ["marker left in the student version: ### BEGIN SOLUTION",
                     "line of a solution or hidden test in the student version: "
                     "return x * 2.0000"]
