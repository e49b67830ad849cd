"""Grading a class: every submission in ``submitted/`` autograded, its feedback written, the grades
exported and shown as a per-student, per-exercise table.

Submissions are graded side by side by ``jobs`` grading processes
(:mod:`dlcourse.grader.worker`), each running nbgrader's Autograde with the learner's kernel in the
sandbox and the verdicts made outside it (:mod:`dlcourse.grader.verdicts`). Every submission is
graded on its own: one that nbgrader cannot read, whose kernel dies, or that holds links or
special files fails alone, with a reason, and every other submission is graded. ``submitted/``
is only ever read.

A submission already graded (its record in ``autograded/``) is graded again only when its files
changed since, or when asked to with ``regrade``, and never silently: the report says which were
graded, re-graded, skipped or failed. Re-grading keeps manual grades and comments (nbgrader only
replaces the automatic scores). A run that is killed leaves the gradebook consistent (database
transactions) and the submissions it had not finished without a record: the next run grades them.
"""

from __future__ import annotations

import csv
import json
import os
import selectors
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from . import authoring
from .course import Course, generate_release
from .environment import child_env
from .worker import RECORD, read_record, submission_digest

#: A submission folder larger than this is not graded (a notebook and a picture or two are far
#: smaller).
MAX_SUBMISSION_BYTES = 50 * 2**20


@dataclass
class Outcome:
    student: str
    assignment: str
    status: str  # "graded", "re-graded", "skipped", "failed" ("feedback": feedback written)
    message: str = ""
    seconds: float = 0.0
    isolated: bool = True
    kernel_start: float | None = None  # seconds until its kernel (in the sandbox) answered


def _unsafe_entry(folder: Path) -> str | None:
    """Why a submission folder cannot be graded as it is (links, special files, size), or None."""
    total = 0
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            info = path.lstat()
            rel = path.relative_to(folder)
            if path.is_symlink():
                return (f"{rel} is a symbolic link: a submission holds plain files only "
                        "(links are never followed while grading)")
            if not (path.is_dir() or path.is_file()):
                return f"{rel} is not a plain file: a submission holds plain files only"
            total += info.st_size if path.is_file() else 0
    if total > MAX_SUBMISSION_BYTES:
        return (f"its files weigh {total / 2**20:.0f} MB, more than the "
                f"{MAX_SUBMISSION_BYTES // 2**20} MB a submission may hold")
    return None


def _unreadable(path: Path) -> str | None:
    """Why a submitted notebook cannot be read as a notebook, or None."""
    data = path.read_bytes()
    if not data.strip():
        return f"{path.name} is empty: hand in the notebook saved from Jupyter"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return (f"{path.name} is not UTF-8 text (byte {data[err.start]:#04x} at position "
                f"{err.start}): it was damaged or saved by another program; hand in the "
                "notebook saved from Jupyter")
    try:
        content = json.loads(text)
    except ValueError as err:
        return (f"{path.name} is not a readable notebook (its JSON breaks at line {err.lineno}, "
                f"column {err.colno}): it was cut short or edited by hand; hand in the notebook "
                "saved from Jupyter")
    if not isinstance(content, dict) or not isinstance(content.get("nbformat"), int):
        return f"{path.name} is JSON but not a notebook (it has no nbformat version)"
    if content["nbformat"] < 3:
        return (f"{path.name} is in notebook format {content['nbformat']}, older than nbgrader "
                "reads (3 and 4): open and save it with a current Jupyter")
    return None


def find_submissions(course: Course) -> tuple[list[tuple[str, str]], list[Outcome]]:
    """(student, assignment) pairs to grade, and outcomes for folders that cannot be graded."""
    pairs, rejected = [], []
    if not course.submitted.is_dir():
        return pairs, rejected
    known = set(course.assignments())
    for student_dir in sorted(p for p in course.submitted.iterdir() if p.is_dir()):
        for folder in sorted(p for p in student_dir.iterdir() if p.is_dir()):
            if folder.name not in known:
                rejected.append(Outcome(student_dir.name, folder.name, "failed",
                                        f"no assignment {folder.name!r} in source/ (known: "
                                        f"{', '.join(sorted(known))}): check the folder name"))
                continue
            expected = course.source_notebook(folder.name).name
            if not (folder / expected).is_file():
                found = ", ".join(sorted(p.name for p in folder.glob("*.ipynb"))) or "none"
                rejected.append(Outcome(student_dir.name, folder.name, "failed",
                                        f"no notebook named {expected} in the submission "
                                        f"(notebooks found: {found}): it must keep its name"))
                continue
            unsafe = _unsafe_entry(folder) or _unreadable(folder / expected)
            if unsafe:
                rejected.append(Outcome(student_dir.name, folder.name, "failed",
                                        f"not graded: {unsafe}"))
                continue
            pairs.append((student_dir.name, folder.name))
    return pairs, rejected


def prepare_gradebook(course: Course) -> None:
    """Let several grading processes share the gradebook: SQLite's write-ahead log, in which
    readers never wait for a writer and a killed writer leaves the last committed state."""
    if course.sqlite and course.gradebook.exists():
        with sqlite3.connect(course.gradebook, timeout=120) as db:
            db.execute("PRAGMA journal_mode=WAL")


def register_assignments(course: Course, assignments: list[str]) -> list[str]:
    """Make sure the gradebook knows each assignment (its cells and points), as ``dlcourse
    release`` records them: grading an assignment it does not know fails in nbgrader. Returns
    the assignments it had to release."""
    from nbgrader.api import Gradebook, MissingEntry

    missing = []
    with Gradebook(course.grading_db_url, course.course_id) as gb:
        for assignment in assignments:
            try:
                gb.find_assignment(assignment)
            except MissingEntry:
                missing.append(assignment)
    for assignment in missing:
        print(f"{assignment} was not released yet: releasing it (dlcourse release) so that the "
              "gradebook knows its cells and points", file=sys.stderr)
        generate_release(course, assignment)
    return missing


def _add_students(course: Course, students: list[str]) -> None:
    """Students enter the gradebook here, once, rather than from processes racing to add them."""
    from nbgrader.api import Gradebook

    with Gradebook(course.grading_db_url, course.course_id) as gb:
        known = {s.id for s in gb.students}
        for student in students:
            if student not in known:
                gb.add_student(student)


class _Worker:
    """One grading process and the submission it is grading."""

    def __init__(self, course: Course, isolated: bool):
        args = [sys.executable, "-m", "dlcourse.grader.worker", str(course.root)]
        if not isolated:
            args.append("--no-sandbox")
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, cwd=course.root,
                                     env=child_env(), bufsize=1)
        self.task: tuple[str, str, bool] | None = None
        self.started = 0.0

    def give(self, task: tuple[str, str, bool], request: dict) -> None:
        self.task, self.started = task, time.perf_counter()
        self.proc.stdin.write(json.dumps({"student": task[0], "assignment": task[1],
                                          **request}) + "\n")
        self.proc.stdin.flush()

    def stop(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()


def _outcome(task: tuple[str, str, bool], answer: dict | None, seconds: float,
             isolated: bool) -> Outcome:
    student, assignment, before = task
    if answer is None:
        return Outcome(student, assignment, "failed", "the grading process stopped while "
                       "grading it (out of memory, or killed); grade again to retry", seconds,
                       isolated)
    message = answer.get("message") or ""
    events = answer.get("events") or []
    if events:
        message = "; ".join(filter(None, [message, *events]))
    status = ("re-graded" if before else "graded") if answer.get("ok") else "failed"
    return Outcome(student, assignment, status, message, answer.get("seconds", seconds), isolated,
                   answer.get("kernel_start"))


def grade_class(course: Course, regrade: bool = False, progress: bool = True,
                jobs: int | None = None, isolated: bool = True,
                feedback: bool = True, cluster: str | None = None) -> list[Outcome]:
    """Grade every submission of ``submitted/`` (``jobs`` at a time, or on the Dask ``cluster``
    :mod:`dlcourse.grader.cluster` connects to) and write its feedback (unless ``feedback`` is
    false); return what happened, submission by submission."""
    pairs, outcomes = find_submissions(course)
    # the grading processes start now, and get ready while the submissions are sorted out
    workers = ([_Worker(course, isolated) for _ in range(_jobs(jobs, len(pairs)))]
               if pairs and not cluster else [])
    todo = []
    for student, assignment in pairs:
        record = read_record(course, student, assignment)
        before = record is not None or (course.autograded / student / assignment).is_dir()
        if record and not regrade and record.get("digest") == submission_digest(
                course.submitted / student / assignment):
            outcomes.append(Outcome(student, assignment, "skipped", "already graded and "
                                    "unchanged since (--regrade grades it again)",
                                    isolated=record.get("isolated", True)))
            continue
        todo.append((student, assignment, before))
    # the longest first, so that no process is left grading a long one alone at the end; the size
    # of an assignment's notebook is a fair guess of its grading time
    weight = {a: course.source_notebook(a).stat().st_size for a in {t[1] for t in todo}}
    todo.sort(key=lambda t: -weight[t[1]])
    for worker in workers[len(todo):]:
        worker.stop()
    if todo:
        register_assignments(course, sorted({assignment for _, assignment, _ in todo}))
        prepare_gradebook(course)
        _add_students(course, sorted({student for student, _, _ in todo}))
        if cluster:
            from .cluster import grade_on_cluster

            return outcomes + grade_on_cluster(course, todo, cluster, isolated, progress,
                                               feedback)
        outcomes += _run(course, todo, workers[: len(todo)], isolated, progress,
                         {"feedback": feedback})
    return outcomes


def _jobs(jobs: int | None, tasks: int) -> int:
    return max(1, min(jobs or os.cpu_count() or 1, tasks))


def feedback_class(course: Course, progress: bool = True,
                   jobs: int | None = None) -> list[Outcome]:
    """Write the feedback of every graded submission again (after manual grading, say: the
    feedback shows the scores and comments of the gradebook as they are now)."""
    todo = sorted((p.parts[-3], p.parts[-2], True)
                  for p in course.autograded.glob(f"*/*/{RECORD}"))
    if not todo:
        return []
    workers = [_Worker(course, True) for _ in range(_jobs(jobs, len(todo)))]
    outcomes = _run(course, todo, workers, True, progress, {"do": "feedback"}, desc="feedback")
    for o in outcomes:
        o.status = "feedback" if o.status != "failed" else "failed"
    return outcomes


def _run(course: Course, todo: list, workers: list[_Worker], isolated: bool, progress: bool,
         request: dict, desc: str = "grading") -> list[Outcome]:
    queue, done = list(todo), []
    selector = selectors.DefaultSelector()
    bar = tqdm(total=len(todo), desc=desc, unit="submission", disable=not progress)
    try:
        for worker in workers:
            selector.register(worker.proc.stdout, selectors.EVENT_READ, worker)
            worker.give(queue.pop(0), request)
            if not queue:
                break
        while len(done) < len(todo):
            for key, _ in selector.select():
                worker = key.data
                line = worker.proc.stdout.readline()
                answer = json.loads(line) if line.strip() else None
                took = time.perf_counter() - worker.started
                done.append(_outcome(worker.task, answer, took, isolated))
                bar.update(1)
                bar.set_postfix_str(f"{worker.task[0]}/{worker.task[1]}", refresh=False)
                worker.task = None
                if answer is None:  # the process died: replace it
                    selector.unregister(worker.proc.stdout)
                    worker.stop()
                    if not queue:
                        continue
                    worker = _Worker(course, isolated)
                    selector.register(worker.proc.stdout, selectors.EVENT_READ, worker)
                if queue:
                    worker.give(queue.pop(0), request)
    finally:
        bar.close()
        for key in list(selector.get_map().values()):
            key.data.stop()
    return done


@dataclass
class Score:
    student: str
    assignment: str
    test_id: str
    exercise: str  # the exercise's name, or the question's slug
    number: int  # the exercise's number, or the question's
    points: float
    max_points: float
    question: bool = False  # a theory question (test id quiz_...), not a code exercise

    @property
    def label(self) -> str:
        """``3`` for exercise 3, ``Q3`` for question 3."""
        return f"Q{self.number}" if self.question else str(self.number)


def scores(course: Course) -> list[Score]:
    """Every graded test cell of every graded submission, from the gradebook: the code exercises
    and the theory questions."""
    from nbgrader.api import Gradebook, MissingEntry

    found = []
    if course.sqlite and not course.gradebook.exists():
        return found
    with Gradebook(course.db_url, course.course_id) as gb:
        for assignment in course.assignments():
            nb_path = course.source_notebook(assignment)
            nb = authoring.read(nb_path)
            graded = {e.test_id: (e.name, e.number, False) for e in authoring.exercises(nb)}
            graded.update({q.test_id: (q.slug, q.number, True) for q in authoring.questions(nb)})
            for student in sorted(s.id for s in gb.students):
                try:
                    sub = gb.find_submission_notebook(nb_path.stem, assignment, student)
                except MissingEntry:
                    continue
                for grade in sub.grades:
                    if grade.name not in graded:
                        continue
                    name, number, question = graded[grade.name]
                    found.append(Score(student, assignment, grade.name, name, number,
                                       float(grade.score or 0), float(grade.max_score or 0),
                                       question))
    return found


def export(course: Course, found: list[Score]) -> tuple[Path, Path]:
    """grades.csv (nbgrader's export, a row per student and assignment) and
    grades_by_exercise.csv (a row per student, assignment and exercise, from ``found``)."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins import CsvExportPlugin

    total = course.root / "grades.csv"
    with Gradebook(course.db_url, course.course_id) as gb:
        CsvExportPlugin(to=str(total)).export(gb)  # what `nbgrader export` writes
    detail = course.root / "grades_by_exercise.csv"
    with open(detail, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["student", "assignment", "exercise", "name", "points", "max_points"])
        for s in found:
            writer.writerow([s.student, s.assignment, s.label, s.exercise, f"{s.points:g}",
                             f"{s.max_points:g}"])
    return total, detail


def table(course: Course, found: list[Score], students: list[str] | None = None) -> str:
    """The grades as text: one block per assignment, a row per student, a column per exercise,
    then the points of the theory questions (all together) and the total."""
    by_key = {}
    for s in found:
        by_key.setdefault(s.assignment, {}).setdefault(s.student, {})[s.label] = s
    lines = []
    for assignment in course.assignments():
        rows = by_key.get(assignment, {})
        names = [n for n in (students or sorted(rows)) if n in rows]
        if not names:
            continue
        nb = authoring.read(course.source_notebook(assignment))
        exercises, questions = authoring.exercises(nb), authoring.questions(nb)
        width = max(len(n) for n in names + ["student"])
        total = sum(e.points for e in exercises) + sum(q.points for q in questions)
        asked = sum(q.points for q in questions)
        lines.append(f"{assignment}: exercises "
                     + ", ".join(f"{e.number} {e.name} ({e.points:g})" for e in exercises)
                     + (f"; {len(questions)} questions ({asked:g})" if questions else ""))
        header = f"  {'student':<{width}} " + " ".join(f"{e.number:>3}" for e in exercises)
        lines.append(header + ("  questions" if questions else "") + "   total")
        for name in names:
            cells = [rows[name].get(str(e.number)) for e in exercises]
            marks = " ".join(f"{c.points:>3g}" if c else "  -" for c in cells)
            answered = [rows[name].get(f"Q{q.number}") for q in questions]
            got = sum(c.points for c in cells + answered if c)
            if questions:
                quiz = sum(c.points for c in answered if c)
                marks += f"  {f'{quiz:g}/{asked:g}':>9}"
            lines.append(f"  {name:<{width}} {marks}   {got:g}/{total:g}")
        lines.append("")
    return "\n".join(lines)


def outcome_lines(outcomes: list[Outcome]) -> list[str]:
    lines = []
    for o in outcomes:
        took = f" in {o.seconds:.1f} s" if o.seconds else ""
        text = f"{o.status:>9} {o.student}/{o.assignment}{took}"
        if not o.isolated and o.status != "failed":
            text += " [WITHOUT isolation]"
        if o.message:
            text += ": " + o.message.replace("\n", "\n" + " " * 12)
        lines.append(text)
    return lines


def save_outcomes(course: Course, outcomes: list[Outcome]) -> Path:
    """The grading report of the last run, as JSON beside the gradebook."""
    path = course.root / "grading_report.json"
    report = {"isolated": all(o.isolated for o in outcomes),
              "note": "" if all(o.isolated for o in outcomes) else
              "graded WITHOUT isolation (--no-sandbox): the learners' code ran with the "
              "grader's rights",
              "submissions": [o.__dict__ for o in outcomes]}
    path.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return path
