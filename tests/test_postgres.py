"""The gradebook on PostgreSQL: release, grade, feedback and the CSV export work on a real
PostgreSQL server (nbgrader's ``db_url``), with the scores a SQLite gradebook gets, and no SQLite
file is made beside."""

from __future__ import annotations

import csv

import nbformat
from conftest import copy_course
from postgres import postgres_url  # noqa: F401 - the fixture

from dlcourse import cli
from dlcourse.grader import authoring

WEEK1 = "week1_numpy_basics"


def test_release_grade_feedback_on_postgres(tmp_path, postgres_url):  # noqa: F811
    from nbgrader.api import Gradebook

    course = copy_course(tmp_path / "course")
    with open(course.root / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(f'\nc.CourseDirectory.db_url = "{postgres_url}"\n')
    assert course.db_url == postgres_url and not course.sqlite
    assert cli.main(["--course", str(course.root), "release", WEEK1]) == 0

    source_nb = authoring.read(course.source_notebook(WEEK1))
    release_nb = authoring.read(course.release_notebook(WEEK1))
    name = course.release_notebook(WEEK1).name
    for student, nb in (("complete", authoring.with_answers(
            release_nb, authoring.solution_code(source_nb))), ("empty", release_nb)):
        target = course.submitted / student / WEEK1 / name
        target.parent.mkdir(parents=True)
        nbformat.write(nb, str(target))

    assert cli.main(["--course", str(course.root), "grade", "--jobs", "2"]) == 0

    with Gradebook(postgres_url, course.course_id) as gb:
        top = gb.find_assignment(WEEK1).max_score
        assert top > 0
        complete = gb.find_submission(WEEK1, "complete")
        empty = gb.find_submission(WEEK1, "empty")
        assert complete.score == top and complete.max_score == top
        assert empty.score == 0
        assert all(g.score == g.max_score for nb in complete.notebooks for g in nb.grades)
    with open(course.root / "grades.csv", newline="", encoding="utf-8") as rows:
        scores = {r["student_id"]: (float(r["score"]), float(r["max_score"]))
                  for r in csv.DictReader(rows) if r["assignment"] == WEEK1}
    assert scores == {"complete": (top, top), "empty": (0.0, top)}
    for student in ("complete", "empty"):
        assert (course.autograded / student / WEEK1 / ".dlcourse-graded.json").is_file()

    feedback = course.feedback / "complete" / WEEK1 / name.replace(".ipynb", ".html")
    feedback.unlink()
    assert cli.main(["--course", str(course.root), "feedback", "--jobs", "2"]) == 0
    assert feedback.is_file()

    assert cli.main(["--course", str(course.root), "report"]) == 0
    with open(course.root / "report" / "scores.csv", newline="", encoding="utf-8") as rows:
        report = {r["student_id"]: float(r["points"]) for r in csv.DictReader(rows)
                  if r["assignment"] == WEEK1}
    assert report == {"complete": top, "empty": 0.0}

    # graded again on a Dask cluster: its coordinator writes this gradebook, a manual grade stays
    with Gradebook(postgres_url, course.course_id) as gb:
        grade = gb.find_submission_notebook(name[:-6], WEEK1, "empty").grades[0]
        grade.manual_score, graded_by_hand = 1, grade.name
        gb.db.commit()
    by_hand = course.feedback / "empty" / WEEK1 / feedback.name
    by_hand.unlink()
    assert cli.main(["--course", str(course.root), "grade", "--regrade",
                     "--cluster", "local:2"]) == 0
    assert by_hand.is_file()  # written by the coordinator, with the manual grade
    with Gradebook(postgres_url, course.course_id) as gb:
        assert gb.find_submission(WEEK1, "complete").score == top
        empty = gb.find_submission_notebook(name[:-6], WEEK1, "empty")
        assert {g.name: g.score for g in empty.grades if g.score} == {graded_by_hand: 1}
    assert not list(course.root.rglob("gradebook.db*"))
