"""Grading a class: every submission in ``submitted/`` autograded, its feedback written, the grades
exported and shown as a per-student, per-exercise table.

Each submission is graded by its own ``nbgrader autograde ASSIGNMENT --student STUDENT`` run, so a
submission that nbgrader cannot read, or whose kernel dies, fails alone: it is reported with
nbgrader's reason and every other submission is graded. A submission already graded is graded again
only when it changed since (or when asked to with ``regrade``), and never silently: the report
says which were graded, re-graded, skipped or failed.
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from . import authoring
from .course import Course, nbgrader_errors


@dataclass
class Outcome:
    student: str
    assignment: str
    status: str  # "graded", "re-graded", "skipped", "failed"
    message: str = ""
    seconds: float = 0.0


def course_id(course: Course) -> str:
    """The course id set in the course's nbgrader_config.py."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()
    return config.CourseDirectory.get("course_id", "default_course")


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
            pairs.append((student_dir.name, folder.name))
    return pairs, rejected


def _unchanged_since_grading(course: Course, student: str, assignment: str) -> bool:
    done = course.autograded / student / assignment
    if not done.is_dir():
        return False
    newest = max((p.stat().st_mtime for p in (course.submitted / student / assignment).rglob("*")
                  if p.is_file()), default=0)
    return newest <= min((p.stat().st_mtime for p in done.glob("*.ipynb")), default=0)


def grade_submission(course: Course, student: str, assignment: str,
                     regrade: bool = False) -> Outcome:
    start = time.perf_counter()
    graded_before = (course.autograded / student / assignment).is_dir()
    if graded_before and not regrade and _unchanged_since_grading(course, student, assignment):
        return Outcome(student, assignment, "skipped",
                       "already graded and unchanged since (--regrade grades it again)")
    result = course.nbgrader("autograde", assignment, "--student", student, "--force")
    if result.returncode != 0:
        return Outcome(student, assignment, "failed", "nbgrader could not grade it: " +
                       nbgrader_errors(result), time.perf_counter() - start)
    return Outcome(student, assignment, "re-graded" if graded_before else "graded", "",
                   time.perf_counter() - start)


def write_feedback(course: Course, outcomes: list[Outcome]) -> None:
    """Feedback for every submission graded in this run: one nbgrader run per assignment, and
    one per student where that fails, so that one unreadable notebook costs only its own."""
    done = [o for o in outcomes if o.status in ("graded", "re-graded")]
    for assignment in sorted({o.assignment for o in done}):
        if course.nbgrader("generate_feedback", assignment, "--force").returncode == 0:
            continue
        for o in (o for o in done if o.assignment == assignment):
            result = course.nbgrader("generate_feedback", assignment, "--student", o.student,
                                     "--force")
            if result.returncode != 0:
                o.message = "graded, but its feedback could not be written: " + \
                    nbgrader_errors(result)


def grade_class(course: Course, regrade: bool = False, progress: bool = True) -> list[Outcome]:
    """Grade every submission of ``submitted/`` and write its feedback; return what happened."""
    pairs, outcomes = find_submissions(course)
    for student, assignment in tqdm(pairs, desc="grading", unit="submission",
                                    disable=not progress):
        outcomes.append(grade_submission(course, student, assignment, regrade))
    write_feedback(course, outcomes)
    return outcomes


@dataclass
class Score:
    student: str
    assignment: str
    test_id: str
    exercise: str
    number: int
    points: float
    max_points: float


def scores(course: Course) -> list[Score]:
    """Every graded test cell of every graded submission, from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    found = []
    if not course.gradebook.exists():
        return found
    with Gradebook(course.db_url, course_id(course)) as gb:
        for assignment in course.assignments():
            nb_path = course.source_notebook(assignment)
            exercises = {e.test_id: e for e in authoring.exercises(authoring.read(nb_path))}
            for student in sorted(s.id for s in gb.students):
                try:
                    sub = gb.find_submission_notebook(nb_path.stem, assignment, student)
                except MissingEntry:
                    continue
                for grade in sub.grades:
                    if grade.name not in exercises:
                        continue
                    e = exercises[grade.name]
                    found.append(Score(student, assignment, grade.name, e.name, e.number,
                                       float(grade.score or 0), float(grade.max_score or 0)))
    return found


def export(course: Course, found: list[Score]) -> tuple[Path, Path]:
    """grades.csv (nbgrader's export, a row per student and assignment) and
    grades_by_exercise.csv (a row per student, assignment and exercise, from ``found``)."""
    total = course.root / "grades.csv"
    result = course.nbgrader("export", "--to", str(total))
    if result.returncode != 0:
        raise RuntimeError("nbgrader could not export the grades: " + nbgrader_errors(result))
    detail = course.root / "grades_by_exercise.csv"
    with open(detail, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["student", "assignment", "exercise", "name", "points", "max_points"])
        for s in found:
            writer.writerow([s.student, s.assignment, s.number, s.exercise, f"{s.points:g}",
                             f"{s.max_points:g}"])
    return total, detail


def table(course: Course, found: list[Score], students: list[str] | None = None) -> str:
    """The grades as text: one block per assignment, a row per student, a column per exercise."""
    by_key = {}
    for s in found:
        by_key.setdefault(s.assignment, {}).setdefault(s.student, {})[s.number] = s
    lines = []
    for assignment in course.assignments():
        rows = by_key.get(assignment, {})
        names = [n for n in (students or sorted(rows)) if n in rows]
        if not names:
            continue
        exercises = authoring.exercises(authoring.read(course.source_notebook(assignment)))
        width = max(len(n) for n in names + ["student"])
        total = sum(e.points for e in exercises)
        lines.append(f"{assignment}: exercises "
                     + ", ".join(f"{e.number} {e.name} ({e.points:g})" for e in exercises))
        header = f"  {'student':<{width}} " + " ".join(f"{e.number:>3}" for e in exercises)
        lines.append(header + "   total")
        for name in names:
            cells = [rows[name].get(e.number) for e in exercises]
            marks = " ".join(f"{c.points:>3g}" if c else "  -" for c in cells)
            got = sum(c.points for c in cells if c)
            lines.append(f"  {name:<{width}} {marks}   {got:g}/{total:g}")
        lines.append("")
    return "\n".join(lines)


def outcome_lines(outcomes: list[Outcome]) -> list[str]:
    lines = []
    for o in outcomes:
        took = f" in {o.seconds:.1f} s" if o.seconds else ""
        text = f"{o.status:>9} {o.student}/{o.assignment}{took}"
        if o.message:
            text += ": " + o.message.replace("\n", "\n" + " " * 12)
        lines.append(text)
    return lines


def save_outcomes(course: Course, outcomes: list[Outcome]) -> Path:
    """The grading report of the last run, as JSON beside the gradebook."""
    path = course.root / "grading_report.json"
    path.write_text(json.dumps([o.__dict__ for o in outcomes], indent=1), encoding="utf-8")
    return path
