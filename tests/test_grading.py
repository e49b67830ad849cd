"""Grading end to end: the sample class and some broken submissions, graded by nbgrader for real."""

import csv
import json
import math
import os
import time
from pathlib import Path

import mutation
import pytest
from conftest import copy_course

from dlcourse import cli
from dlcourse.grader import authoring, sample
from dlcourse.grader import coordinator as grading


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A copy of the course; broken submissions beside the sample class; `dlcourse demo`."""
    course = copy_course(tmp_path_factory.mktemp("class") / "course")
    week1 = course.source_notebook("week1_numpy_basics").name
    bad_json = course.submitted / "broken_json" / "week1_numpy_basics" / week1
    bad_json.parent.mkdir(parents=True)
    bad_json.write_text('{"cells": [', encoding="utf-8")
    renamed = course.submitted / "renamed" / "week1_numpy_basics" / "my_work.ipynb"
    renamed.parent.mkdir(parents=True)
    renamed.write_text("{}", encoding="utf-8")
    (course.submitted / "renamed" / "week9").mkdir()
    start = time.perf_counter()
    # the two broken submissions fail (and the sample class is graded): exit status 1
    assert cli.main(["--course", str(course.root), "demo"]) == 1
    seconds = time.perf_counter() - start
    print(f"demo graded the sample class in {seconds:.1f} s")
    report = json.loads((course.root / "grading_report.json").read_text())
    assert report["isolated"] is True  # every learner's code ran in the sandbox
    outcomes = {(o["student"], o["assignment"]): o for o in report["submissions"]}
    by_student = {}
    for s in grading.scores(course):
        by_student.setdefault((s.student, s.assignment), {})[s.test_id] = (s.points, s.max_points)
    return course, outcomes, by_student


def failed_tests(by_student, student, assignment):
    return {t for t, (points, _) in by_student[(student, assignment)].items() if points == 0}


def test_every_sample_submission_is_graded(graded):
    course, outcomes, by_student = graded
    for student in sample.STUDENTS:
        for assignment in course.assignments():
            assert outcomes[(student, assignment)]["status"] == "graded"
            assert (student, assignment) in by_student


def test_complete_student_gets_full_marks(graded):
    course, _, by_student = graded
    for assignment in course.assignments():
        grades = by_student[("sample_complete", assignment)]
        assert all(points == top for points, top in grades.values()), (assignment, grades)


def test_empty_student_gets_zero_and_is_told_what_is_not_implemented(graded):
    course, _, by_student = graded
    for assignment in course.assignments():
        grades = by_student[("sample_empty", assignment)]
        assert sum(points for points, _ in grades.values()) == 0
        name = course.source_notebook(assignment).name
        graded_nb = authoring.read(course.autograded / "sample_empty" / assignment / name)
        tests = [c for c in graded_nb.cells if authoring.nbgrader_meta(c).get("grade")]
        questions = [c for c in tests if authoring.nbgrader_meta(c)["grade_id"].startswith(
            authoring.QUIZ_PREFIX)]
        for cell in tests:
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert errors and errors[0].ename == "NotImplementedError", cell.source[:80]
            said = "not answered yet" if cell in questions else "not implemented yet"
            assert said in errors[0].evalue, errors[0].evalue
        html = (course.feedback / "sample_empty" / assignment /
                Path(name).with_suffix(".html").name).read_text()
        assert html.count("not implemented yet") >= len(tests) - len(questions)
        assert html.count("not answered yet") >= len(questions) > 0


def test_half_student_gets_exactly_the_points_of_its_answers(graded):
    """The first half of the exercises, and the first half of the questions answered right (the
    other questions are answered wrongly)."""
    course, _, by_student = graded
    for assignment in course.assignments():
        nb = authoring.read(course.source_notebook(assignment))
        exercises, questions = authoring.exercises(nb), authoring.questions(nb)
        answered = exercises[: math.ceil(len(exercises) / 2)]
        right = questions[: math.ceil(len(questions) / 2)]
        passed = set(by_student[("sample_half", assignment)]) - \
            failed_tests(by_student, "sample_half", assignment)
        assert passed == {e.test_id for e in answered} | {q.test_id for q in right}, assignment
        assert set(by_student[("sample_half", assignment)]) >= {q.test_id for q in questions}


RUN_WITH_OWN_FUNCTIONS = {"week3_shallow_network": {"test_nn_model"}}


def test_raising_student_loses_only_what_it_broke(graded):
    course, _, by_student = graded
    for assignment in course.assignments():
        nb = authoring.read(course.source_notebook(assignment))
        broken = sample.broken_exercise(nb)
        slip = mutation.misconceptions.Entry(id=f"{broken.name}:slip", code="", explanation="",
                                             exercise=broken.solution_id)
        expected = mutation.expected_losses(assignment, slip)
        # week 3 checks nn_model's printing with the learner's own functions: a function whose
        # cell raises before defining it is missing there too
        expected |= RUN_WITH_OWN_FUNCTIONS.get(assignment, set())
        assert failed_tests(by_student, "sample_raises", assignment) == expected, assignment


def test_broken_submissions_are_reported_and_stop_nothing(graded):
    _, outcomes, _ = graded
    broken = outcomes[("broken_json", "week1_numpy_basics")]
    assert broken["status"] == "failed"
    assert broken["message"].startswith("not graded: numpy_basics.ipynb is not a readable "
                                        "notebook (its JSON breaks at line 1, column 12)")
    renamed = outcomes[("renamed", "week1_numpy_basics")]
    assert renamed["status"] == "failed"
    assert renamed["message"].startswith("no notebook named numpy_basics.ipynb in the submission "
                                         "(notebooks found: my_work.ipynb)")
    unknown = outcomes[("renamed", "week9")]
    assert unknown["status"] == "failed" and "no assignment 'week9' in source/" in \
        unknown["message"]


def test_grades_are_exported(graded):
    course, _, by_student = graded
    with open(course.root / "grades.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    students = {r["student_id"] for r in rows}
    assert set(sample.STUDENTS) <= students
    assert len(rows) == len(students) * len(course.assignments())
    for row in rows:
        if row["student_id"] == "sample_complete":
            assert row["score"] == row["max_score"] != "0.0", row
        if row["student_id"] == "sample_empty":
            assert float(row["score"]) == 0, row
    with open(course.root / "grades_by_exercise.csv", newline="") as f:
        detail = list(csv.DictReader(f))
    assert list(detail[0]) == ["student", "assignment", "exercise", "name", "points", "max_points"]
    assert len(detail) == sum(len(v) for v in by_student.values())


def test_grading_again_skips_unchanged_and_regrades_changed_submissions(graded, capsys):
    course, _, _ = graded
    assignment = "week1_numpy_basics"
    changed = course.submitted / "sample_half" / assignment / \
        course.source_notebook(assignment).name
    touched = course.submitted / "sample_complete" / assignment / changed.name
    later = time.time() + 5
    os.utime(touched, (later, later))  # saved again, same content: nothing to grade again
    with open(changed, "a", encoding="utf-8") as f:
        f.write("\n")  # the content changed
    outcomes = {(o.student, o.assignment): o for o in grading.grade_class(course,
                                                                         progress=False)}
    assert outcomes[("sample_half", assignment)].status == "re-graded"
    assert outcomes[("sample_complete", assignment)].status == "skipped"
    assert "unchanged since" in outcomes[("sample_complete", assignment)].message
    assert sum(o.status == "skipped" for o in outcomes.values()) == \
        len(sample.STUDENTS) * len(course.assignments()) - 1


def test_feedback_holds_no_line_of_a_hidden_test(graded):
    import html
    import subprocess
    import sys

    from dlcourse.grader.hidden import segments

    course, _, _ = graded
    pages = 0
    for assignment in course.assignments():
        source = authoring.read(course.source_notebook(assignment))
        hidden = set()
        for c in source.cells:
            for is_hidden, code in segments(c.source):
                if is_hidden:
                    hidden |= {line.strip() for line in code.splitlines()
                               if len(line.strip()) >= 12}
        released = course.release_notebook(assignment).read_text(encoding="utf-8")
        hidden = {line for line in hidden if line not in released}
        for page in course.feedback.glob(f"*/{assignment}/*.html"):
            text = html.unescape(page.read_text(encoding="utf-8"))
            pages += 1
            leaked = sorted(line for line in hidden if line in text)
            assert not leaked, (page, leaked[:3])
            assert "Hidden checks:" in text or "sample_empty" in str(page)
    assert pages == len(sample.STUDENTS) * len(course.assignments())
    tool = Path(__file__).resolve().parents[2] / "shared" / "tools" / "leakcheck.py"
    if tool.exists():  # the independent check, where it stands beside the course
        run = subprocess.run([sys.executable, str(tool), str(course.root), "--feedback"],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stdout[-2000:]
