"""The tests of the tests: every plausible wrong answer loses exactly its exercise's points."""

import mutation
import pytest

ITEMS = mutation.all_mutants()


@pytest.fixture(scope="session")
def graded():
    return mutation.grade_all(ITEMS, workers=2)


def test_every_exercise_has_at_least_two_wrong_answers(course):
    for assignment in course.assignments():
        nb = mutation.authoring.read(course.source_notebook(assignment))
        counts = {e.solution_id: 0 for e in mutation.authoring.exercises(nb)}
        for a, _, mutant in ITEMS:
            if a == assignment:
                counts[mutant["exercise"]] += 1
        thin = [k for k, n in counts.items() if n < 2]
        assert not thin, f"{assignment}: fewer than two wrong answers for {thin}"


@pytest.mark.parametrize("assignment, index, mutant", ITEMS,
                         ids=[f"{a}-{m['exercise']}-{i}" for a, i, m in ITEMS])
def test_wrong_answer_loses_exactly_its_points(graded, assignment, index, mutant):
    failed, errors = graded[(assignment, index)]
    expected = mutation.expected_losses(assignment, mutant)
    assert failed == expected, (
        f"{mutant['why']}: expected to fail {sorted(expected)}, failed {sorted(failed)}; "
        f"errors: {errors}")
