"""The course as shipped: all four weeks there, `dlcourse check` passing, nothing leaked."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ASSIGNMENTS, ROOT

from dlcourse.grader import authoring
from dlcourse.grader.selfcheck import check_course

LEAKCHECK = ROOT.parent / "shared" / "tools" / "leakcheck.py"


def test_the_four_weeks_are_there(course):
    assert course.assignments() == ASSIGNMENTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_graded_cells_follow_the_conventions(course, assignment):
    nb = authoring.read(course.source_notebook(assignment))
    exercises = authoring.exercises(nb)
    assert len(exercises) >= 3
    assert [e.number for e in exercises] == list(range(1, len(exercises) + 1))
    assert all(1 <= e.points <= 3 for e in exercises)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "outputs stored in source"
    questions = authoring.questions(nb)
    hidden = [c for c in nb.cells if "BEGIN HIDDEN TESTS" in c.source]
    assert len(hidden) == len(exercises) + len(questions), "every test cell has hidden tests"
    total = sum(e.points for e in exercises)
    intro = " ".join(c.source for c in nb.cells[:3] if c.cell_type == "markdown")
    assert f"{total:g} points" in intro, f"the introduction states the total, {total:g} points"
    asked = sum(q.points for q in questions)
    assert re.search(rf"\b{asked:g} points\b", intro.replace("**", "")), \
        f"the introduction states the points of the questions, {asked:g} points"
    assert f"{total + asked:g} points" in intro.replace("**", ""), "and the two together"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_week_asks_theory_questions(course, assignment):
    """At least eight questions a week, each of one point or two, numbered in notebook order, its
    heading and its answer variable (answer_q<N>) giving its number."""
    nb = authoring.read(course.source_notebook(assignment))
    questions = authoring.questions(nb)
    assert len(questions) >= 8
    assert [q.number for q in questions] == list(range(1, len(questions) + 1))
    assert all(q.points in (1, 2) for q in questions)
    for q in questions:
        assert q.answer_id == f"quiz_{q.slug}_answer" and q.test_id == f"quiz_{q.slug}"
        assert q.variable == f"answer_q{q.number}"
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert f"**Question {q.number} — " in text


def test_dlcourse_check_passes(course):
    """Every source notebook runs in full with all its tests passing; release/ is in sync and
    leaks nothing; every student version fails only with 'not implemented yet'."""
    lines = []
    reports = check_course(course, jobs=2, echo=lines.append)
    print("\n".join(lines))
    assert [r.assignment for r in reports] == ASSIGNMENTS
    problems = [p for r in reports for p in r.problems]
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(not LEAKCHECK.exists(), reason="the shared leak checker is not beside the "
                    "course")
def test_independent_leak_check():
    result = subprocess.run([sys.executable, str(LEAKCHECK), str(ROOT)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("leaked 0 of ")


def test_release_holds_one_student_notebook_per_assignment(course):
    for assignment in ASSIGNMENTS:
        released = sorted(p.name for p in (Path(course.release) / assignment).glob("*.ipynb"))
        assert released == [course.source_notebook(assignment).name]
