"""Theory questions: the learner-side format checks, and every question of every week graded for
real, right, wrong, blank and malformed."""

from __future__ import annotations

import copy
import time

import numpy as np
import pytest
from conftest import ASSIGNMENTS, ROOT

from dlcourse import quiz
from dlcourse.checks import CheckFailed
from dlcourse.grader import authoring
from dlcourse.grader.course import Course
from dlcourse.grader.selfcheck import key_leaks
from dlcourse.grader.verdicts import grade_notebook

COURSE = Course(ROOT)


def message(kind, value, **spec) -> str:
    with pytest.raises(quiz.FormatError) as info:
        quiz.normalise(kind, "answer_q1", value, **spec)
    return str(info.value)


# --- normalisation: forgiving where the meaning is clear ------------------------------------------

@pytest.mark.parametrize("kind, spec, value, expected", [
    ("choice", {"options": "abcd"}, "b", "b"),
    ("choice", {"options": "abcd"}, "B ", "b"),
    ("choice", {"options": "abcd"}, " (c)", "c"),
    ("choice", {"options": "abcd"}, "d)", "d"),
    ("choices", {"options": "abcde"}, {"a", "c"}, frozenset("ac")),
    ("choices", {"options": "abcde"}, ["C", " a"], frozenset("ac")),
    ("choices", {"options": "abcde"}, ("a", "a", "e"), frozenset("ae")),
    ("choices", {"options": "abcde"}, "a, c", frozenset("ac")),
    ("choices", {"options": "abcde"}, "ce", frozenset("ce")),
    ("true_false", {}, True, True),
    ("true_false", {}, np.bool_(False), False),
    ("true_false", {}, " true", True),
    ("number", {}, 0.5, 0.5),
    ("number", {}, np.float64(0.25), 0.25),
    ("number", {}, "0.693", 0.693),
    ("number", {}, np.log(2), float(np.log(2))),
    ("number", {"whole": True}, 4.0, 4),
    ("number", {"whole": True}, np.int64(3), 3),
    ("numbers", {"count": 3}, [5, 4.0, np.int32(4)], (5.0, 4.0, 4.0)),
    ("shape", {"dims": 2}, [4, 2], (4, 2)),
    ("shape", {"dims": 2}, (np.int64(4), 2.0), (4, 2)),
    ("shape", {"dims": 2}, "(3072, 500)", (3072, 500)),
    ("shapes", {"count": 2, "dims": 2}, [[3, 3], (3, 1)], ((3, 3), (3, 1))),
])
def test_answers_are_normalised(kind, spec, value, expected):
    got = quiz.normalise(kind, "answer_q1", value, **spec)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize("kind, spec", [
    ("choice", {"options": "abcd"}), ("choices", {"options": "abcde"}), ("true_false", {}),
    ("number", {}), ("numbers", {"count": 3}), ("shape", {"dims": 2}),
    ("shapes", {"count": 4, "dims": 2}),
])
def test_a_blank_answer_is_not_answered_yet(kind, spec):
    with pytest.raises(NotImplementedError) as info:
        quiz.normalise(kind, "answer_q7", None, **spec)
    assert str(info.value).startswith("answer_q7 is not answered yet: replace None by your answer")


# --- malformed answers: a message that says which form is expected --------------------------------

@pytest.mark.parametrize("kind, spec, value, says", [
    ("choice", {"options": "abcd"}, "e", "'e' is not one of the options: give one letter in "
     "quotes, a, b, c or d"),
    ("choice", {"options": "abcd"}, "bc", "this question has one right option: give one letter"),
    ("choice", {"options": "abcd"}, ["b"], "this question has one right option: give one letter "
     "in quotes, a, b, c or d, not a list"),
    ("choice", {"options": "abcd"}, 2, "give one letter in quotes, a, b, c or d; answer_q1 is "
     "an int"),
    ("choice", {"options": "abcd"}, np.zeros(3), "(did you forget the quotes?)"),
    ("choice", {"options": "abcd"}, " ", "an empty string"),
    ("choices", {"options": "abcde"}, ["a", "z"], "'z' is not one of the options a, b, c, d or e"),
    ("choices", {"options": "abcde"}, [1], "every item must be a letter in quotes, and 1 is an "
     "int"),
    ("choices", {"options": "abcde"}, set(), "no letter given"),
    ("choices", {"options": "abcde"}, 3.0, "; answer_q1 is a float"),
    ("true_false", {}, 1, "give True or False (without quotes); answer_q1 is an int 1"),
    ("true_false", {}, "yes", "give True or False (without quotes)"),
    ("number", {}, "many", "a number; 'many' is text that is not one: write it without quotes"),
    ("number", {}, [0.7], "give a number; answer_q1 is a list"),
    ("number", {}, True, "give a number; answer_q1 is a bool"),
    ("number", {}, float("nan"), "nan is not a finite number"),
    ("number", {"whole": True}, 4.5, "give a whole number; 4.5 is not one"),
    ("numbers", {"count": 3}, (5, 4), "give a tuple of 3 numbers, in the order the question "
     "gives; it holds 2"),
    ("numbers", {"count": 3}, 5, "give a tuple of 3 numbers"),
    ("numbers", {"count": 3}, (5, "x", 4), "answer_q1[1]: a number; 'x' is text"),
    ("shape", {"dims": 2}, 7, "a shape is written in parentheses"),
    ("shape", {"dims": 2}, (4,), "give a shape: a tuple of 2 whole numbers, (rows, columns); "
     "(4,) has 1"),
    ("shape", {"dims": 2}, (4, -2), "-2 is not a size"),
    ("shape", {"dims": 2}, (4, 2.5), "2.5 is not a size"),
    ("shape", {"dims": 2}, np.zeros((4, 2)), "not an array (x.shape is the shape of an array x)"),
    ("shapes", {"count": 4, "dims": 2}, ((4, 2), (4, 1)), "give a tuple of 4 shapes, in the order "
     "the question gives; it holds 2"),
    ("shapes", {"count": 2, "dims": 2}, (4, 2), "each a tuple of sizes"),
    ("shapes", {"count": 2, "dims": 2}, ((4, 2), (4,)), "answer_q1[1]: give a shape"),
])
def test_malformed_answers_say_what_is_expected(kind, spec, value, says):
    text = message(kind, value, **spec)
    assert text.startswith("\u2718 answer_q1") and says in text, text


def test_the_format_checks_cannot_know_the_key():
    """They take no key: their messages depend on the answer and the form asked for only."""
    import inspect

    for kind, check in quiz.NORMALISERS.items():
        assert "key" not in inspect.signature(check).parameters, kind


# --- the test cell's side: with quiz.question(...) as q ----------------------------------------

def test_a_well_formed_answer_is_acknowledged_not_judged(capsys, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    with quiz.question("answer_q3") as q:
        q.choice(" B", options="abcd")
    assert capsys.readouterr().out == (
        '\u2714 answer_q3: "b" is a well-formed answer; whether it is right is known when your '
        "notebook is graded\n")


def test_a_missing_answer_variable_is_not_answered_yet():
    with pytest.raises(NotImplementedError, match="answer_q3 is not answered yet, or its cell "
                       "has not run"):
        with quiz.question("answer_q3") as q:
            q.choice(answer_q3, options="abcd")  # noqa: F821 - the point of the test


def test_another_missing_name_is_not_hidden():
    with pytest.raises(NameError):
        with quiz.question("answer_q3") as q:
            q.choice(undefined_helper("b"), options="abcd")  # noqa: F821


def test_judge_explains_and_passes_a_right_answer(capsys):
    with quiz.question("answer_q2") as q:
        q.shapes([[3, 3], [3, 1]], count=2, dims=2)
    q.judge(((3, 3), (3, 1)), why="Broadcasting repeats b.\n\nnp.dot is the matrix product.")
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == ["Why: Broadcasting repeats b.", "Why: np.dot is the matrix product.",
                         "\u2714 answer_q2: right"]


def test_judge_explains_and_fails_a_wrong_answer_without_naming_the_key(capsys):
    q = quiz.question("answer_q4")
    q.number(0.5)
    with pytest.raises(CheckFailed) as info:
        q.judge(0.6931471805599453, why="With w = 0 every a is 0.5, " * 12, tolerance=0.001)
    out = capsys.readouterr().out.splitlines()
    assert len(out) > 1 and all(line.startswith(quiz.EXPLANATION_PREFIX) for line in out)
    assert all(len(line) <= quiz.WIDTH for line in out)
    assert str(info.value) == ("\u2718 answer_q4: not the right answer (the explanation above "
                               "says why)")
    q.value = 0.6925
    q.judge(0.6931471805599453, why="within the tolerance", tolerance=0.001)


def test_judge_needs_a_check_first_and_a_valid_key():
    with pytest.raises(RuntimeError, match="comes after the check"):
        quiz.question("answer_q1").judge("a", why="")
    q = quiz.question("answer_q1")
    q.choice("a", options="abc")
    with pytest.raises(ValueError, match="the key of answer_q1 is not a valid answer"):
        q.judge("d", why="")


# --- the course's questions ----------------------------------------------------------------------

def source_of(assignment):
    return authoring.read(COURSE.source_notebook(assignment))


def release_of(assignment):
    return authoring.read(COURSE.release_notebook(assignment))


QUESTIONS = [(a, q) for a in ASSIGNMENTS for q in authoring.questions(source_of(a))]
IDS = [f"{a.split('_')[0]}-{q.test_id}" for a, q in QUESTIONS]

#: A malformed answer of each form, and what its message must say.
MALFORMED = {
    "choice": ("z", "is not one of the options"),
    "choices": (["a", "z"], "'z' is not one of the options"),
    "true_false": ("maybe", "give True or False"),
    "number": ([1, 2], "give a"),
    "numbers": ((1, 2), "in the order the question gives; it holds 2"),
    "shape": (7, "a shape is written in parentheses"),
    "shapes": (((1, 2),), "in the order the question gives; it holds 1"),
}


def answer_code(q: authoring.Question, state: str, release_nb) -> str:
    if state == "right":
        return q.answer_code(q.key)
    if state == "wrong":
        return q.answer_code(q.wrong_value())
    if state == "malformed":
        return f"{q.variable} = {MALFORMED[q.kind][0]!r}"
    [cell] = [c for c in release_nb.cells if authoring.nbgrader_meta(c).get("grade_id") ==
              q.answer_id]
    return cell.source  # blank: the student version's answer cell, untouched


def questions_only(nb):
    """The notebook's theory questions (text, answer and test cells), nothing else: graded in a
    few seconds rather than with the whole chapter's code."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if c.cell_type == "code" and str(
        authoring.nbgrader_meta(c).get("grade_id", "")).startswith(authoring.QUIZ_PREFIX)]
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Every question of every week graded four times by the course's grader (the learner's
    kernel in the sandbox, the tests outside it): all right, all wrong, all blank, all malformed.
    Returns {(assignment, state): {test id: (printed text, error name, error text)}}."""
    folder = tmp_path_factory.mktemp("quiz")
    results, start = {}, time.perf_counter()
    for assignment in ASSIGNMENTS:
        source, release = source_of(assignment), release_of(assignment)
        small = questions_only(source)
        questions = authoring.questions(small)
        for state in ("right", "wrong", "blank", "malformed"):
            answers = {q.answer_id: answer_code(q, state, release) for q in questions}
            submitted = authoring.with_answers(questions_only(release), answers)
            result = grade_notebook(small, submitted, folder, timeout=60, until_last_test=True,
                                    readable=[ROOT / "dlcourse", ROOT / "datasets"])
            cells = {}
            for cell in result.nb.cells:
                meta = authoring.nbgrader_meta(cell)
                if not meta.get("grade"):
                    continue
                text = "".join(o.get("text", "") for o in cell.outputs
                               if o.get("output_type") == "stream")
                errors = [o for o in cell.outputs if o.get("output_type") == "error"]
                cells[meta["grade_id"]] = (text, errors[0]["ename"] if errors else None,
                                           errors[0]["evalue"] if errors else "")
            results[(assignment, state)] = cells
    print(f"\n{len(QUESTIONS)} questions graded 4 times in {time.perf_counter() - start:.1f} s")
    return results


def points(q, outcome) -> float:
    """What nbgrader gives the test cell: its points unless it holds an error."""
    return 0.0 if outcome[1] else q.points


def explanation(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(quiz.EXPLANATION_PREFIX)]


@pytest.mark.parametrize("assignment, q", QUESTIONS, ids=IDS)
def test_a_right_answer_gets_full_points_and_the_explanation(graded, assignment, q):
    outcome = graded[(assignment, "right")][q.test_id]
    assert points(q, outcome) == q.points, outcome
    assert explanation(outcome[0]) and f"\u2714 {q.variable}: right" in outcome[0]


@pytest.mark.parametrize("assignment, q", QUESTIONS, ids=IDS)
def test_a_wrong_answer_gets_nothing_and_the_explanation(graded, assignment, q):
    text, ename, evalue = outcome = graded[(assignment, "wrong")][q.test_id]
    assert points(q, outcome) == 0
    assert ename == "CheckFailed" and "not the right answer" in evalue, outcome
    assert len(" ".join(explanation(text))) > 150, "an explanation of the idea, not a verdict"
    assert quiz.shown(q.key) not in evalue


@pytest.mark.parametrize("assignment, q", QUESTIONS, ids=IDS)
def test_a_blank_answer_gets_nothing_and_is_not_answered_yet(graded, assignment, q):
    text, ename, evalue = outcome = graded[(assignment, "blank")][q.test_id]
    assert points(q, outcome) == 0
    assert ename == "NotImplementedError" and f"{q.variable} is not answered yet" in evalue
    assert not explanation(text), "a blank answer is not judged"


@pytest.mark.parametrize("assignment, q", QUESTIONS, ids=IDS)
def test_a_malformed_answer_gets_the_format_message(graded, assignment, q):
    text, ename, evalue = outcome = graded[(assignment, "malformed")][q.test_id]
    assert points(q, outcome) == 0
    assert ename == "FormatError" and MALFORMED[q.kind][1] in evalue, outcome
    assert not explanation(text), "a malformed answer is not judged"
    if q.kind != "true_false":  # "give True or False" names both: that is the form
        assert quiz.shown(q.key) not in evalue and quiz.shown(q.key) not in text


def test_each_week_totals_its_questions(graded):
    for assignment in ASSIGNMENTS:
        questions = authoring.questions(source_of(assignment))
        right = graded[(assignment, "right")]
        assert sum(points(q, right[q.test_id]) for q in questions) == \
            sum(q.points for q in questions) >= 8
        for state in ("wrong", "blank", "malformed"):
            outcomes = graded[(assignment, state)]
            assert sum(points(q, outcomes[q.test_id]) for q in questions) == 0, state


# --- the student versions ------------------------------------------------------------------------

@pytest.mark.parametrize("assignment, q", QUESTIONS, ids=IDS)
def test_the_student_version_holds_a_blank_answer_and_no_key(assignment, q):
    source, release = source_of(assignment), release_of(assignment)
    by_id = {authoring.nbgrader_meta(c).get("grade_id"): c for c in release.cells}
    [original] = [c for c in source.cells if authoring.nbgrader_meta(c).get("grade_id") ==
                  q.answer_id]
    stub = original.source.split("### BEGIN SOLUTION")[0].rstrip("\n")
    assert by_id[q.answer_id].source == stub
    assert stub.startswith(f"{q.variable} = None  # your answer: ")
    assert "judge(" not in by_id[q.test_id].source and "HIDDEN" not in by_id[q.test_id].source


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_key_is_in_the_student_versions(assignment):
    assert key_leaks(source_of(assignment), release_of(assignment)) == []


def test_a_key_in_a_student_version_is_found():
    source, release = source_of("week3_shallow_network"), release_of("week3_shallow_network")
    q = authoring.questions(source)[1]
    answered = authoring.with_answers(release, {q.answer_id: q.answer_code(q.key)})
    assert f"{q.test_id}: its key is a value in the code of the student version" in \
        key_leaks(source, answered)
    told = copy.deepcopy(release)
    for i, cell in enumerate(told.cells):
        if authoring.nbgrader_meta(cell).get("grade_id") == q.answer_id:
            told.cells[i - 1].source += "\n\nHint: the answer is " + quiz.shown(q.key)
    assert key_leaks(source, told) == [f"{q.test_id}: its key is written in the student version: "
                                       f"{quiz.shown(q.key)}"]
