"""Grading on a Dask cluster: ``dlcourse grade --cluster local:N`` (N worker processes on this
machine) or ``--cluster tcp://HOST:PORT`` (a running scheduler, with ``dask worker`` on each
machine).

The work is split so that the course folder stays the one place where grades are written:

* the **coordinator** (the process running ``dlcourse grade``) finds and checks the submissions as
  the local path does, sends each one's files to a worker *as data* (the bytes of every file of
  its folder), and is the only writer of ``autograded/``, ``feedback/``, the record files and the
  gradebook (through nbgrader's own ``SaveAutoGrades`` and ``AssignLatePenalties`` steps, run on
  the graded notebook, as nbgrader's Autograde runs them);
* a **worker** grades in a private copy of the course, made once per worker process from the
  course's files sent as data (``source/``, ``release/``, ``datasets/``, ``nbgrader_config.py``),
  with a private SQLite gradebook, through the same code as a local grading process
  (:func:`dlcourse.grader.worker.grade`: nbgrader's Autograde, the learner's kernel in the
  sandbox), and returns the graded notebook, its feedback and its record as data.

Every worker computes a digest of its copy of the course (the source notebooks and files,
``nbgrader_config.py``, and the ``dlcourse`` package it runs: version and files) once, and refuses
a submission whose course digest, computed by the coordinator, differs, naming what differs.

A worker process that dies while grading loses nothing: it wrote nothing of the course's, and Dask
gives its task to another worker; the coordinator records the submission once, when its result
arrives.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

from .course import Course, CourseError

#: What a worker's copy of the course holds, sent to every worker as data.
COURSE_PARTS = ("source", "release", "datasets")
CONFIG = "nbgrader_config.py"
IGNORED = {".ipynb_checkpoints", "__pycache__"}


# -- the course, as data, and its digest ------------------------------------------------------


def _files(folder: Path, skip: set[str] = IGNORED) -> dict[str, bytes]:
    """Every plain file under ``folder`` (path relative to it, with ``/``), but those in a
    folder named in ``skip`` (caches, by default)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if (path.is_file() and not path.is_symlink()
                and not skip & set(path.relative_to(folder).parts)):
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def course_files(course: Course) -> dict[str, bytes]:
    """The files a worker needs to grade the course: ``source/``, ``release/``, ``datasets/`` and
    ``nbgrader_config.py``, by path in the course folder."""
    files = {CONFIG: (course.root / CONFIG).read_bytes()}
    for part in COURSE_PARTS:
        if (course.root / part).is_dir():
            files.update({f"{part}/{rel}": data
                          for rel, data in _files(course.root / part).items()})
    return files


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def course_digest(root: Path) -> dict[str, str]:
    """What must be the same wherever the course is graded, each part's own fingerprint: the
    files of ``source/``, ``nbgrader_config.py``, and the ``dlcourse`` package (its version and
    every file of it)."""
    import nbgrader

    import dlcourse

    parts = {f"source/{rel}": _sha(data) for rel, data in _files(root / "source").items()}
    parts[CONFIG] = _sha((root / CONFIG).read_bytes())
    package = Path(dlcourse.__file__).resolve().parent
    parts.update({f"dlcourse package: dlcourse/{rel}": _sha(data)
                  for rel, data in _files(package).items() if rel.endswith(".py")})
    parts["dlcourse version"] = dlcourse.__version__
    parts["nbgrader version"] = nbgrader.__version__
    return parts


def differences(mine: dict[str, str], theirs: dict[str, str], limit: int = 5) -> list[str]:
    """What differs between two course digests, in words (at most ``limit`` parts named)."""
    found = []
    for key in sorted(set(mine) | set(theirs)):
        if key not in mine:
            found.append(f"{key} is missing on this worker")
        elif key not in theirs:
            found.append(f"{key} is on this worker only")
        elif mine[key] != theirs[key]:
            found.append(f"{key} differs")
    if len(found) > limit:
        found = found[:limit] + [f"and {len(found) - limit} more"]
    return found


# -- the worker's side --------------------------------------------------------------------------

_lock = threading.Lock()  # one submission at a time per process (shared grading state)
_copies: dict[str, tuple[Course, dict[str, str], object, set[str]]] = {}


def _prepare_process() -> None:
    """This process as a local grading process gets it: the tools on PATH, plots without a
    screen, one BLAS thread, not in nbgrader's grading mode."""
    from .environment import child_env

    os.environ.update({k: v for k, v in child_env().items()
                       if k in ("PATH", "MPLBACKEND") or k.endswith("_NUM_THREADS")})
    os.environ.pop("NBGRADER_EXECUTION", None)
    _quiet()


def _quiet() -> None:
    """No warnings of SQLAlchemy about nbgrader's own sessions on the console."""
    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)


def _worker_directory() -> str | None:
    """The Dask worker's own scratch folder (removed with the worker), or None."""
    try:
        from distributed import get_worker

        return get_worker().local_directory
    except (ImportError, ValueError):
        return None


def _course_copy(files: dict[str, bytes], isolated: bool):
    """This process's copy of the course (made once per course and process), its digest, its
    nbgrader API and the assignments its private gradebook knows."""
    key = _sha(json.dumps(sorted((k, _sha(v)) for k, v in files.items())).encode())
    key += ":isolated" if isolated else ":open"
    if key not in _copies:
        _prepare_process()
        scratch = tempfile.mkdtemp(prefix="dlcourse-worker-", dir=_worker_directory())
        atexit.register(shutil.rmtree, scratch, ignore_errors=True)
        root = Path(scratch) / "course"
        for rel, data in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        course = Course(root)
        digest = course_digest(root)
        # the worker's own gradebook, whatever database the course's gradebook is in
        with open(root / CONFIG, "a", encoding="utf-8") as config:
            config.write(f'\nc.CourseDirectory.db_url = "sqlite:///{root}/gradebook.db"\n')
        from .worker import _warm_up, make_api

        api = make_api(course, isolated)
        _warm_up()
        _copies[key] = (course, digest, api, set())
    return _copies[key]


@functools.cache
def _sandbox_problem() -> str | None:
    """Why this machine cannot run a learner's kernel in the sandbox, or None."""
    from .sandbox import unavailable_reason

    return unavailable_reason()


def grade_remote(files: dict[str, bytes], digest: dict[str, str], student: str,
                 assignment: str, submission: dict[str, bytes], isolated: bool,
                 feedback: bool) -> dict:
    """Grade one submission (its files as data) in this worker's copy of the course; return the
    answer of :func:`dlcourse.grader.worker.grade` with the graded folder, the feedback folder
    and the record as data, or a refusal when the course differs from the coordinator's."""
    from .coordinator import _add_students
    from .worker import RECORD, _errors, grade

    with _lock:
        start = time.perf_counter()
        course, mine, api, released = _course_copy(files, isolated)
        answer = {"student": student, "assignment": assignment, "events": [],
                  "worker": f"{os.uname().nodename}:{os.getpid()}"}
        differ = differences(mine, digest)
        if differ:
            return {**answer, "ok": False, "refused": True,
                    "message": "refused by the worker " + answer["worker"] + ": its course is "
                    "not the coordinator's (" + "; ".join(differ) + "); install the same "
                    "course and dlcourse on every machine"}
        unsafe = isolated and _sandbox_problem()
        if unsafe:
            return {**answer, "ok": False, "refused": True,
                    "message": f"refused by the worker {answer['worker']}: it cannot isolate "
                    f"the learners' code: {unsafe}"}
        if assignment not in released:  # its cells and points, into this worker's gradebook
            result = api.generate_assignment(assignment, force=True)
            if not result.get("success"):
                return {**answer, "ok": False, "message": f"the worker {answer['worker']} could "
                        f"not release {assignment} in its copy of the course: {_errors(result)}"}
            released.add(assignment)
        _add_students(course, [student])
        folder = course.submitted / student / assignment
        for old in (folder, course.autograded / student / assignment,
                    course.feedback / student / assignment):
            shutil.rmtree(old, ignore_errors=True)
        for rel, data in submission.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(data)
        answer = {**answer, **grade(api, course, student, assignment, isolated, feedback)}
        graded = course.autograded / student / assignment
        if answer["ok"]:
            answer["autograded"] = {k: v for k, v in _files(graded).items() if k != RECORD}
            answer["record"] = json.loads((graded / RECORD).read_text(encoding="utf-8"))
            out = course.feedback / student / assignment
            answer["feedback"] = _files(out) if feedback and out.is_dir() else {}
        answer["seconds"] = time.perf_counter() - start
        return answer


# -- the coordinator's side ---------------------------------------------------------------------


def connect(cluster: str):
    """A Dask client of ``cluster``: ``local:N`` (a LocalCluster of N worker processes, one
    thread each, without dashboard) or a scheduler's address (``tcp://HOST:PORT``)."""
    from dask.distributed import Client, LocalCluster

    if cluster.startswith("local:"):
        try:
            workers = int(cluster.split(":", 1)[1])
        except ValueError:
            raise ValueError(f"--cluster {cluster}: local:N takes a number of worker "
                             "processes, local:2 say") from None
        local = LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                             dashboard_address=None)
        return Client(local), local
    try:
        client = Client(cluster, timeout="30s")
    except OSError as err:
        raise CourseError(f"no Dask scheduler answered at {cluster} ({err}): start one (dask "
                          "scheduler) and its workers (dask worker ADDRESS), or grade with "
                          "--cluster local:N") from None
    try:
        client.wait_for_workers(1, timeout=120)
    except TimeoutError:
        client.close()
        raise CourseError(f"the Dask scheduler at {cluster} has no worker (none joined in two "
                          "minutes): start them with dask worker ADDRESS") from None
    return client, None


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for rel, data in files.items():
        path = folder / rel
        if ".." in Path(rel).parts or Path(rel).is_absolute():
            raise ValueError(f"a worker returned a file outside its folder: {rel}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _has_manual_grades(course: Course, student: str, assignment: str) -> bool:
    from nbgrader.api import Gradebook

    with Gradebook(course.grading_db_url, course.course_id) as gb:
        submission = gb.find_submission(assignment, student)
        return any(g.manual_score is not None for nb in submission.notebooks
                   for g in nb.grades) or any(c.manual_comment for nb in submission.notebooks
                                              for c in nb.comments)


def save_grades(course: Course, student: str, assignment: str) -> None:
    """Write the scores of the graded notebooks in ``autograded/`` into the gradebook, as
    nbgrader's Autograde does: the submission (with its timestamp), then its ``SaveAutoGrades``
    and ``AssignLatePenalties`` steps on each notebook."""
    import nbformat
    from nbgrader.api import Gradebook
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades

    timestamp = CourseDirectory().get_existing_timestamp(
        str(course.submitted / student / assignment))
    with Gradebook(course.grading_db_url, course.course_id) as gb:
        if timestamp:
            gb.update_or_create_submission(assignment, student, timestamp=timestamp)
        else:
            gb.update_or_create_submission(assignment, student)
        notebooks = [nb.name for nb in gb.find_assignment(assignment).notebooks]
    for name in notebooks:
        path = course.autograded / student / assignment / f"{name}.ipynb"
        nb = nbformat.read(str(path), as_version=nbformat.NO_CONVERT)
        resources = {"nbgrader": {"notebook": name, "assignment": assignment,
                                  "student": student, "db_url": course.grading_db_url}}
        for step in (SaveAutoGrades(config=course.settings),
                     AssignLatePenalties(config=course.settings)):
            nb, resources = step.preprocess(nb, resources)


def grade_on_cluster(course: Course, todo: list[tuple[str, str, bool]], cluster: str,
                     isolated: bool, progress: bool, feedback: bool) -> list:
    """Grade the submissions of ``todo`` ((student, assignment, graded before)) on ``cluster``;
    return their outcomes, as :func:`dlcourse.grader.coordinator.grade_class` does."""
    from dask.distributed import as_completed
    from tqdm import tqdm

    from .coordinator import _outcome
    from .worker import RECORD, _write_record, submission_digest

    _quiet()
    client, local = connect(cluster)
    outcomes, api = [], None
    try:
        [files] = client.scatter([course_files(course)], broadcast=True, hash=False)
        digest = course_digest(course.root)
        futures = {}
        for task in todo:
            student, assignment, _ = task
            folder = course.submitted / student / assignment
            submission = _files(folder, skip=set())  # all of it, as the local path grades it
            future = client.submit(grade_remote, files, digest, student, assignment, submission,
                                   isolated, feedback, pure=False,
                                   key=f"grade-{student}-{assignment}-{time.time_ns()}")
            futures[future] = (task, time.perf_counter(), submission_digest(folder))
        bar = tqdm(total=len(todo), desc="grading", unit="submission", disable=not progress)
        try:
            for future in as_completed(futures):
                task, started, handed_in = futures[future]
                student, assignment, _ = task
                try:
                    answer = future.result()
                except Exception as err:  # noqa: BLE001 - reported for this submission
                    answer = {"ok": False, "events": [],
                              "message": f"grading failed on the cluster: "
                              f"{type(err).__name__}: {err}"}
                if answer.get("ok"):
                    try:
                        answer["record"]["digest"] = handed_in  # the files as they were sent
                        api = _record(course, student, assignment, answer, feedback, isolated,
                                      api, RECORD, _write_record)
                    except Exception as err:  # noqa: BLE001 - reported for this submission
                        answer = {**answer, "ok": False,
                                  "message": f"graded, but its grades could not be saved: "
                                  f"{type(err).__name__}: {err}"}
                outcomes.append(_outcome(task, answer, time.perf_counter() - started,
                                         isolated))
                bar.update(1)
                bar.set_postfix_str(f"{student}/{assignment}", refresh=False)
        finally:
            bar.close()
    finally:
        client.close()
        if local is not None:
            local.close()
    return outcomes


def _record(course, student, assignment, answer, feedback, isolated, api, record_name,
            write_record):
    """Write one graded submission into the course: its record goes first (a crash half-way
    leaves it to grade again), then the autograded folder, the gradebook, the feedback, and its
    record last. Returns the nbgrader API it made to write feedback, if it had to."""
    graded = course.autograded / student / assignment
    (graded / record_name).unlink(missing_ok=True)
    _write_files(graded, answer["autograded"])
    save_grades(course, student, assignment)
    if feedback:
        if _has_manual_grades(course, student, assignment):
            # the worker's feedback knows only the automatic scores: write it here instead
            from .worker import make_api, write_feedback

            api = api or make_api(course, isolated)
            answer["message"] = write_feedback(api, student, assignment)
        else:
            _write_files(course.feedback / student / assignment, answer["feedback"])
    write_record(course, student, assignment, answer["record"])
    return api


def main() -> int:
    """``python -m dlcourse.grader.cluster COURSE``: the course digest, part by part (to compare
    two machines)."""
    for key, value in sorted(course_digest(Path(sys.argv[1])).items()):
        print(f"{value[:16]}  {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
