"""What a new instructor meets on a fresh copy of the course: grading before releasing, the venv not
activated, a broken submission in the class, a kernel that cannot import the course."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
from conftest import copy_course

import dlcourse
from dlcourse import cli
from dlcourse.grader import authoring
from dlcourse.grader import coordinator as grading


def test_grade_on_a_fresh_copy_without_the_venv_on_path(tmp_path):
    course = copy_course(tmp_path / "course")
    assert not course.gradebook.exists()  # nothing released into a gradebook yet
    assignment = "week1_numpy_basics"
    source = authoring.read(course.source_notebook(assignment))
    release = authoring.read(course.release_notebook(assignment))
    good = course.submitted / "ada" / assignment / course.release_notebook(assignment).name
    good.parent.mkdir(parents=True)
    nbformat.write(authoring.with_answers(release, authoring.solution_code(source)), str(good))
    broken = course.submitted / "bob" / assignment / good.name
    broken.parent.mkdir(parents=True)
    broken.write_text('{"cells": [', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",)}
    env["PATH"] = "/usr/bin:/bin"  # the venv is not activated: nbgrader's alembic is not on it
    run = subprocess.run([str(Path(sys.executable).parent / "dlcourse"), "--course",
                          str(course.root), "grade", "--jobs", "1"], env=env,
                         capture_output=True, text=True, timeout=600)
    output = run.stdout + run.stderr
    assert "Traceback" not in output, output[-3000:]
    assert run.returncode == 1, output[-3000:]  # a submission failed: the exit status says so
    assert "was not released yet: releasing it" in output
    assert "JSON breaks at line" in output
    scores = {(s.student, s.test_id): s.points for s in grading.scores(course)}
    total = sum(p for (student, _), p in scores.items() if student == "ada")
    exercises, questions = authoring.exercises(source), authoring.questions(source)
    assert total == sum(e.points for e in exercises) + sum(q.points for q in questions)
    assert not any(student == "bob" for student, _ in scores)


def test_grade_refuses_when_a_kernel_cannot_import_the_course(tmp_path, monkeypatch, capsys):
    # as with a virtual environment whose editable install points at another checkout: the
    # sandbox binds this folder, the kernel's Python looks for the package elsewhere
    course = copy_course(tmp_path / "course")
    (course.submitted / "ada" / "week1_numpy_basics").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere" / "dlcourse"
    elsewhere.mkdir(parents=True)
    monkeypatch.setattr(dlcourse, "__file__", str(elsewhere / "__init__.py"))
    code = cli.main(["--course", str(course.root), "grade"])
    err = capsys.readouterr().err
    assert code == 2
    assert "a learner's kernel cannot run the course here" in err
    assert "ModuleNotFoundError" in err or "No module named" in err, err
    assert not (course.autograded / "ada").exists()  # nothing graded, nothing scored 0
