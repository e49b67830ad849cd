"""The tests of the tests: every wrong answer of the misconception catalogue loses exactly its
exercise's points, and the grader diagnoses it as itself (see mutation.py)."""

import mutation
import pytest

ITEMS = mutation.all_entries()
IDS = [f"{a}-{e.id}-{i}" for a, i, e in ITEMS]


@pytest.fixture(scope="session")
def graded():
    return mutation.grade_all(ITEMS, workers=2)


def test_every_exercise_has_at_least_three_wrong_answers(course):
    for assignment in course.assignments():
        nb = mutation.authoring.read(course.source_notebook(assignment))
        counts = {e.solution_id: 0 for e in mutation.authoring.exercises(nb)}
        for a, _, entry in ITEMS:
            if a == assignment:
                counts[entry.exercise] += 1
        thin = [k for k, n in counts.items() if n < 3]
        assert not thin, f"{assignment}: fewer than three wrong answers for {thin}"


@pytest.mark.parametrize("assignment, index, entry", ITEMS, ids=IDS)
def test_wrong_answer_loses_exactly_its_points(graded, assignment, index, entry):
    result = graded[(assignment, index)]
    expected = mutation.expected_losses(assignment, entry)
    assert result["failed"] == expected, (
        f"{entry.id}: expected to fail {sorted(expected)}, failed {sorted(result['failed'])}; "
        f"errors: {result['errors']}")


@pytest.mark.parametrize("assignment, index, entry", ITEMS, ids=IDS)
def test_wrong_answer_is_diagnosed_as_itself_and_nothing_else(graded, assignment, index, entry):
    problem = mutation.diagnosis_problem(assignment, entry, graded[(assignment, index)])
    assert problem is None, f"{entry.id} (entry {index}): {problem}"


@pytest.mark.parametrize("assignment, index, entry", ITEMS, ids=IDS)
def test_the_callers_of_a_wrong_function_get_no_misdiagnosis(graded, assignment, index, entry):
    # a learner's model fails because their optimize is wrong: the model's test names no
    # misconception (its calls show optimize's mistake, not one of model's)
    elsewhere = mutation.diagnosed_elsewhere(assignment, entry, graded[(assignment, index)])
    assert not elsewhere, f"{entry.id} (entry {index}): {elsewhere}"
