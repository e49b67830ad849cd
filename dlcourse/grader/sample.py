"""A sample class, made from the course itself, to see grading work end to end.

Four students hand in every assignment:

* ``sample_complete`` answers every exercise with the reference solution, and every theory
  question right;
* ``sample_empty`` hands in the student version untouched;
* ``sample_half`` answers the first half of the exercises (rounded up) and leaves the rest, and
  answers the first half of the questions (rounded up) right and the others wrongly;
* ``sample_raises`` answers everything, questions included, but the cell of the middle exercise
  raises an error before its function is defined (a slip left in while debugging).

The submissions are derived from ``source/`` and ``release/`` each time, never stored, so they
always match the current course.
"""

from __future__ import annotations

import shutil

import nbformat

from . import authoring
from .course import Course

STUDENTS = ("sample_complete", "sample_empty", "sample_half", "sample_raises")
SLIP = "scale = 1 / 0  # a slip left in while debugging: this line raises ZeroDivisionError\n"


def answers_for(student: str, source_nb) -> dict[str, str]:
    """The code each sample student writes in the solution cells (by grade id)."""
    reference = authoring.solution_code(source_nb)
    exercises = authoring.exercises(source_nb)
    if student == "sample_complete":
        return reference
    if student == "sample_empty":
        return {}
    if student == "sample_half":
        keep = exercises[: (len(exercises) + 1) // 2]
        questions = authoring.questions(source_nb)
        right = questions[: (len(questions) + 1) // 2]
        wrong = questions[len(right):]
        return {**{e.solution_id: reference[e.solution_id] for e in keep},
                **{q.answer_id: q.answer_code(q.key) for q in right},
                **{q.answer_id: q.answer_code(q.wrong_value()) for q in wrong}}
    if student == "sample_raises":
        broken = broken_exercise(source_nb)
        return {**reference, broken.solution_id: SLIP + reference[broken.solution_id]}
    raise ValueError(f"no sample student {student!r}")


def broken_exercise(source_nb) -> authoring.Exercise:
    """The exercise whose cell raises in ``sample_raises``' submission: the middle one."""
    exercises = authoring.exercises(source_nb)
    return exercises[len(exercises) // 2]


def write_sample_class(course: Course) -> list[str]:
    """Write the sample submissions into ``submitted/``, replacing earlier sample ones only.

    Returns the lines to show the user. Submissions of any other student are never touched.
    """
    lines = []
    for student in STUDENTS:
        folder = course.submitted / student
        if folder.exists():
            shutil.rmtree(folder)
            lines.append(f"replaced the earlier sample submissions of {student}")
        for assignment in course.assignments():
            source_nb = authoring.read(course.source_notebook(assignment))
            release_nb = authoring.read(course.release_notebook(assignment))
            submission = authoring.with_answers(release_nb, answers_for(student, source_nb))
            target = folder / assignment / course.release_notebook(assignment).name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(submission, str(target))
    lines.append(f"wrote {len(STUDENTS)} sample students x {len(course.assignments())} "
                 f"assignments into {course.submitted}")
    return lines
