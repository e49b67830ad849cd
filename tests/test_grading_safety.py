"""Nothing is lost while grading: manual grades survive a re-grade, a killed run leaves a consistent
gradebook and the next run completes it, and grading without the sandbox happens only when asked
for, and says so. Real nbgrader, real gradebook, a class of week 1 submissions."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import nbformat
import pytest
from conftest import copy_course

from dlcourse import cli
from dlcourse.grader import authoring, sandbox
from dlcourse.grader import coordinator as grading
from dlcourse.grader.course import generate_release

ASSIGNMENT = "week1_numpy_basics"


def _write_class(course, students):
    source = authoring.read(course.source_notebook(ASSIGNMENT))
    release = authoring.read(course.release_notebook(ASSIGNMENT))
    complete = authoring.with_answers(release, authoring.solution_code(source))
    for student in students:
        folder = course.submitted / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(complete, str(folder / "numpy_basics.ipynb"))


@pytest.fixture()
def small_class(tmp_path):
    course = copy_course(tmp_path / "course")
    generate_release(course, ASSIGNMENT)
    return course


def _full(course):
    """The points of a complete week 1: its code exercises and its theory questions."""
    nb = authoring.read(course.source_notebook(ASSIGNMENT))
    return sum(e.points for e in authoring.exercises(nb)) + \
        sum(q.points for q in authoring.questions(nb))


def _totals(course):
    totals = {}
    for s in grading.scores(course):
        totals[s.student] = totals.get(s.student, 0) + s.points
    return totals


def test_regrading_keeps_manual_grades_and_comments(small_class):
    from nbgrader.api import Gradebook

    course = small_class
    _write_class(course, ["ada"])
    assert cli.main(["--course", str(course.root), "grade", "--jobs", "1"]) == 0
    with Gradebook(course.db_url, "nndl") as gb:
        grade = gb.find_grade("test_sigmoid", "numpy_basics", ASSIGNMENT, "ada")
        grade.manual_score = 1.5
        comment = gb.find_comment("ex2_sigmoid", "numpy_basics", ASSIGNMENT, "ada")
        comment.manual_comment = "Nicely vectorised."
        gb.db.commit()
    assert cli.main(["--course", str(course.root), "grade", "--regrade", "--jobs", "1",
                     "--no-feedback"]) == 0
    feedback = course.feedback / "ada" / ASSIGNMENT / "numpy_basics.html"
    assert "Nicely vectorised." not in feedback.read_text()  # written before the comment
    assert cli.main(["--course", str(course.root), "feedback", "--jobs", "1"]) == 0
    assert "Nicely vectorised." in feedback.read_text()  # now with the manual grading
    report = json.loads((course.root / "grading_report.json").read_text())
    assert [o["status"] for o in report["submissions"]] == ["re-graded"]
    with Gradebook(course.db_url, "nndl") as gb:
        grade = gb.find_grade("test_sigmoid", "numpy_basics", ASSIGNMENT, "ada")
        assert (grade.manual_score, grade.auto_score, grade.score) == (1.5, 2.0, 1.5)
        comment = gb.find_comment("ex2_sigmoid", "numpy_basics", ASSIGNMENT, "ada")
        assert comment.manual_comment == "Nicely vectorised."


def test_a_killed_run_leaves_a_consistent_gradebook_and_the_next_completes_it(small_class):
    course = small_class
    students = [f"student{i}" for i in range(8)]
    _write_class(course, students)
    before = {p: p.read_bytes() for p in course.submitted.rglob("*.ipynb")}
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep +
           os.environ["PATH"]}
    run = subprocess.Popen([sys.executable, "-m", "dlcourse", "--course", str(course.root),
                            "grade", "--jobs", "2"], env=env, start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(course.autograded.glob("*/*/.dlcourse-graded.json")):
        assert time.monotonic() < deadline and run.poll() is None
        time.sleep(0.2)
    os.killpg(run.pid, signal.SIGKILL)  # the grader and its grading processes, mid-run
    run.wait()
    finished = {p.parts[-3] for p in course.autograded.glob("*/*/.dlcourse-graded.json")}
    assert 1 <= len(finished) < len(students)
    with sqlite3.connect(course.gradebook) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert cli.main(["--course", str(course.root), "grade", "--jobs", "2"]) == 0
    report = json.loads((course.root / "grading_report.json").read_text())
    status = {o["student"]: o["status"] for o in report["submissions"]}
    assert {s for s, v in status.items() if v == "skipped"} == finished
    assert all(v in ("graded", "re-graded") for s, v in status.items() if s not in finished)
    assert _totals(course) == {s: _full(course) for s in students}
    assert {p: p.read_bytes() for p in course.submitted.rglob("*.ipynb")} == before


def test_without_the_sandbox_grading_refuses_unless_asked(small_class, monkeypatch, capsys):
    course = small_class
    _write_class(course, ["ada"])
    monkeypatch.setattr(sandbox, "unavailable_reason", lambda: "bwrap was not found (test)")
    assert cli.main(["--course", str(course.root), "grade"]) == 2
    err = capsys.readouterr().err
    assert "cannot be isolated here: bwrap was not found (test)" in err and "--no-sandbox" in err
    assert not course.autograded.exists()
    assert cli.main(["--course", str(course.root), "grade", "--no-sandbox", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "graded ada/week1_numpy_basics" in out and "[WITHOUT isolation]" in out
    report = json.loads((course.root / "grading_report.json").read_text())
    assert report["isolated"] is False and "WITHOUT isolation" in report["note"]
    assert _totals(course) == {"ada": _full(course)}


def test_the_sandbox_starts_here():
    # the course's CI installs bubblewrap: grading here must be isolated
    assert sandbox.unavailable_reason() is None
