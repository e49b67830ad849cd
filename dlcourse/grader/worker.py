"""One grading process: autogrades submissions one after the other with nbgrader's own Autograde
(in this process, through nbgrader's Python API), with its ``Execute`` step replaced by
:class:`dlcourse.grader.preprocessor.SandboxedExecute`, and writes each one's feedback.

``dlcourse grade`` (and ``dlcourse feedback``) starts as many of these as it grades side by side
(``--jobs``) and hands them submissions one at a time: a request is a line of JSON on the process's
standard input (``{"student", "assignment"}``, with ``"feedback": false`` to grade only, or
``"do": "feedback"`` to write feedback only), its answer a line of JSON on its standard output.
Everything else the process prints goes to standard error.

When a submission is completely graded (gradebook, autograded notebook, feedback), a record of it is
written, last and atomically, into its autograded folder (:data:`RECORD`): a run killed half-way
leaves submissions without a record, which the next run grades again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path

from .course import Course

RECORD = ".dlcourse-graded.json"

#: nbgrader's autograde steps before execution, without its cell restoring and metadata check:
#: the graded notebook is rebuilt from source/ by dlcourse.grader.verdicts, whatever the
#: submission did to its cells, so a tampered notebook is graded rather than rejected.
SANITIZE = ["nbgrader.preprocessors.ClearOutput", "nbgrader.preprocessors.DeduplicateIds",
            "nbgrader.preprocessors.OverwriteKernelspec"]
AUTOGRADE = ["dlcourse.grader.preprocessor.SandboxedExecute",
             "nbgrader.preprocessors.IgnorePattern",
             "nbconvert.preprocessors.ClearMetadataPreprocessor",
             "nbgrader.preprocessors.LimitOutput", "nbgrader.preprocessors.SaveAutoGrades",
             "nbgrader.preprocessors.AssignLatePenalties",
             "nbgrader.preprocessors.CheckCellMetadata"]


def submission_digest(folder: Path) -> str:
    """A fingerprint of a submission folder: every file's path and content."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_record(course: Course, student: str, assignment: str) -> dict | None:
    path = course.autograded / student / assignment / RECORD
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _write_record(course: Course, student: str, assignment: str, record: dict) -> None:
    path = course.autograded / student / assignment / RECORD
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def make_api(course: Course, isolated: bool):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    config.merge(PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config())
    config.CourseDirectory.root = str(course.root)
    config.CourseDirectory.db_url = course.grading_db_url
    config.Autograde.sanitize_preprocessors = SANITIZE
    config.Autograde.autograde_preprocessors = AUTOGRADE
    config.SandboxedExecute.course_root = str(course.root)
    config.SandboxedExecute.isolated = isolated
    config.SandboxedExecute.timeout = int(config.Execute.get("timeout", 60) or 60)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def _errors(result: dict, limit: int = 6) -> str:
    lines = (result.get("log") or "").splitlines() + (result.get("error") or "").splitlines()
    errors = [line.strip() for line in lines if "ERROR" in line or "Error" in line]
    return "\n".join((errors or [line.strip() for line in lines])[-limit:])


def grade(api, course: Course, student: str, assignment: str, isolated: bool,
          feedback: bool = True) -> dict:
    """Autograde one submission and (unless ``feedback`` is false) write its feedback; return
    what happened (JSON-able)."""
    from .preprocessor import SandboxedExecute

    start = time.perf_counter()
    digest = submission_digest(course.submitted / student / assignment)
    SandboxedExecute.last = None
    before = _automatic_scores(course, student, assignment)
    try:
        result = api.autograde(assignment, student, force=True, create=True)
    except Exception as err:  # noqa: BLE001 - reported for this submission, as nbgrader's own
        result = {"success": False, "error": f"{type(err).__name__}: {err}"}
    last = SandboxedExecute.last
    answer = {"student": student, "assignment": assignment, "ok": bool(result.get("success")),
              "message": "", "events": last.events if last else [],
              "kernel_start": last.startup_seconds if last else None}
    if not answer["ok"]:
        answer["message"] = "nbgrader could not grade it: " + _errors(result)
        # a submission is graded with all its scores, or failed with none of this run's
        _restore_automatic_scores(course, student, assignment, before)
    else:
        if feedback:
            answer["message"] = write_feedback(api, student, assignment)
        _write_record(course, student, assignment, {
            "digest": digest, "graded_at": time.strftime("%Y-%m-%d %H:%M:%S"),
            "isolated": isolated, "events": answer["events"],
            "misconceptions": last.diagnoses if last else {}})
    answer["seconds"] = time.perf_counter() - start
    return answer


def _automatic_scores(course: Course, student: str, assignment: str) -> dict | None:
    """The automatic scores the gradebook holds for a submission (None: it holds none)."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(course.grading_db_url, course.course_id) as gb:
        try:
            submission = gb.find_submission(assignment, student)
        except MissingEntry:
            return None
        return {(nb.name, grade.name): grade.auto_score
                for nb in submission.notebooks for grade in nb.grades}


def _restore_automatic_scores(course: Course, student: str, assignment: str,
                              before: dict | None) -> None:
    """Undo what a failed grading wrote: a first grading leaves no submission in the gradebook;
    a re-grading leaves the automatic scores of the grading before it (manual ones are never
    touched)."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(course.grading_db_url, course.course_id) as gb:
        try:
            submission = gb.find_submission(assignment, student)
        except MissingEntry:
            return
        if before is None:
            gb.remove_submission(assignment, student)
            return
        for nb in submission.notebooks:
            for grade in nb.grades:
                if (nb.name, grade.name) in before:
                    grade.auto_score = before[(nb.name, grade.name)]
        gb.db.commit()


def write_feedback(api, student: str, assignment: str) -> str:
    """Write the feedback of one graded submission; return what went wrong, if anything."""
    result = api.generate_feedback(assignment, student, force=True)
    if result.get("success"):
        return ""
    return "graded, but its feedback could not be written: " + _errors(result)


def _warm_up() -> None:
    """Import now what grading the first submission needs, while the grader gets ready."""
    import matplotlib.pyplot  # noqa: F401 - the given cells' plots, run by the grader
    import nbclient  # noqa: F401
    from IPython.core.inputtransformer2 import TransformerManager  # noqa: F401
    from nbconvert.exporters import HTMLExporter, NotebookExporter  # noqa: F401
    from nbgrader.converters import Autograde, GenerateFeedback  # noqa: F401

    from .. import checks  # noqa: F401
    from . import verdicts  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    course = Course.at(argv[0])
    isolated = "--no-sandbox" not in argv
    answers = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)  # whatever else is printed goes to standard error
    sys.stdout = sys.stderr
    api = make_api(course, isolated)
    _warm_up()
    for line in sys.stdin:
        task = json.loads(line)
        try:
            if task.get("do") == "feedback":
                start = time.perf_counter()
                message = write_feedback(api, task["student"], task["assignment"])
                answer = {**task, "ok": not message, "message": message, "events": [],
                          "seconds": time.perf_counter() - start}
            else:
                answer = grade(api, course, task["student"], task["assignment"], isolated,
                               feedback=task.get("feedback", True))
        except Exception as err:  # reported for this submission; the process goes on
            answer = {"student": task["student"], "assignment": task["assignment"], "ok": False,
                      "message": f"grading failed: {type(err).__name__}: {err}", "events": []}
        answers.write(json.dumps(answer) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
