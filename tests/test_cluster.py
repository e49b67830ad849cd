"""Grading on a Dask cluster (``dlcourse grade --cluster``): the same scores as local grading
processes, nothing lost or recorded twice when a worker process dies mid-submission, and work
refused by a worker whose course differs from the coordinator's."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time

import nbformat
import pytest
from conftest import copy_course

from dlcourse.grader import authoring, cluster, sample
from dlcourse.grader import coordinator as grading
from dlcourse.grader.course import generate_release
from dlcourse.grader.environment import put_tools_on_path
from dlcourse.grader.worker import RECORD

WEEK1 = "week1_numpy_basics"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A copy of the course with the four sample students' week-1 submissions, not graded."""
    put_tools_on_path()  # as the course command does: nbgrader starts alembic by name
    course = copy_course(tmp_path_factory.mktemp("cluster") / "template")
    source_nb = authoring.read(course.source_notebook(WEEK1))
    release_nb = authoring.read(course.release_notebook(WEEK1))
    for student in sample.STUDENTS:
        target = course.submitted / student / WEEK1 / course.release_notebook(WEEK1).name
        target.parent.mkdir(parents=True)
        nbformat.write(authoring.with_answers(release_nb, sample.answers_for(student, source_nb)),
                       str(target))
    generate_release(course, WEEK1)  # the gradebook knows it, in every copy of this one
    return course


def fresh(template, tmp_path, name):
    root = tmp_path / name
    shutil.copytree(template.root, root)
    return type(template)(root)


def by_cell(course):
    return {(s.student, s.test_id): (s.points, s.max_points) for s in grading.scores(course)}


@pytest.fixture(scope="module")
def local_scores(template, tmp_path_factory):
    """The class graded by local grading processes (``--jobs 2``): what the cluster must give."""
    course = fresh(template, tmp_path_factory.mktemp("jobs"), "course")
    outcomes = grading.grade_class(course, progress=False, jobs=2)
    assert [o.status for o in outcomes] == ["graded"] * len(sample.STUDENTS), outcomes
    return by_cell(course)


def check_class(course, outcomes, local_scores, students=sample.STUDENTS):
    """Every one of ``students`` graded once, with the scores local grading gives."""
    assert sorted((o.student, o.status) for o in outcomes) == sorted(
        (s, "graded") for s in students), [o.__dict__ for o in outcomes]
    assert by_cell(course) == {k: v for k, v in local_scores.items() if k[0] in students}
    name = course.release_notebook(WEEK1).name
    for student in students:
        folder = course.autograded / student / WEEK1
        assert (folder / RECORD).is_file() and (folder / name).is_file()
        assert (course.feedback / student / WEEK1 / name.replace(".ipynb", ".html")).is_file()
    totals = {}
    for (student, _), (points, top) in local_scores.items():
        got, most = totals.get(student, (0, 0))
        totals[student] = (got + points, most + top)
    assert totals["sample_complete"][0] == totals["sample_complete"][1] > 0
    assert totals["sample_empty"][0] == 0


def test_local_cluster_grades_as_local_processes(template, tmp_path, local_scores):
    course = fresh(template, tmp_path, "course")
    start = time.perf_counter()
    outcomes = grading.grade_class(course, progress=False, cluster="local:2")
    print(f"graded {len(outcomes)} submissions on local:2 in {time.perf_counter() - start:.1f} s")
    check_class(course, outcomes, local_scores)
    # graded and unchanged: skipped next time, as on the local path
    again = grading.grade_class(course, progress=False, cluster="local:2")
    assert {o.status for o in again} == {"skipped"}


def test_a_killed_worker_loses_nothing(template, tmp_path, local_scores):
    from dask.distributed import Client, LocalCluster

    course = fresh(template, tmp_path, "course")
    students = ("sample_complete", "sample_empty", "sample_half")
    for student in set(sample.STUDENTS) - set(students):
        shutil.rmtree(course.submitted / student)
    killed = []
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                      dashboard_address=None) as local, Client(local) as client:

        def kill_one_mid_submission():
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline and not killed:
                busy = [w for w, keys in client.processing().items() if keys]
                if busy:
                    time.sleep(8)  # well into grading a submission (its kernel running)
                    busy = [w for w, keys in client.processing().items() if keys]
                    if busy:
                        pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                        os.kill(pid, signal.SIGKILL)
                        killed.append(pid)
                        return
                time.sleep(0.5)

        killer = threading.Thread(target=kill_one_mid_submission, daemon=True)
        killer.start()
        outcomes = grading.grade_class(course, progress=False, cluster=local.scheduler_address)
        killer.join(timeout=5)
    assert killed, "no worker was killed while grading"
    check_class(course, outcomes, local_scores, students)


def test_worker_refuses_a_different_course(template, tmp_path, monkeypatch):
    course = fresh(template, tmp_path, "course")
    for student in sample.STUDENTS[1:]:
        shutil.rmtree(course.submitted / student)
    real = cluster.course_digest

    def changed(root):  # the coordinator runs another version of the grader
        parts = real(root)
        parts["dlcourse package: dlcourse/grader/verdicts.py"] = "0" * 64
        return parts

    monkeypatch.setattr(cluster, "course_digest", changed)
    [outcome] = grading.grade_class(course, progress=False, cluster="local:1")
    assert outcome.status == "failed"
    assert "refused" in outcome.message
    assert "dlcourse/grader/verdicts.py differs" in outcome.message, outcome.message
    assert not (course.autograded / sample.STUDENTS[0] / WEEK1).exists()
    assert grading.scores(course) == []
