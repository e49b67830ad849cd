"""The class report for instructors: how the class did, where it struggles, and why.

``dlcourse report`` writes into ``report/`` of the course folder (or ``--out DIR``):

* ``report.html``, one self-contained page that opens offline (inline CSS, plots embedded as PNG):
  per assignment, a histogram of the learners' total scores; for each code exercise and each
  theory question (grade id ``quiz_...``) apart, the share of learners with full points; the
  misconceptions diagnosed most often, with their counts, their explanation and the learners who
  show them; and the learners whose total over all assignments is below a threshold (by default
  50 % of all the points);
* ``scores.csv``, a row per learner and assignment (not submitted: 0 points);
* ``misconceptions.csv``, a row per learner, assignment, exercise and misconception diagnosed.

Scores come from the gradebook, through nbgrader's own API (so manual grades count, and any
database nbgrader supports will do); misconceptions from the record that grading writes for each
graded submission (``autograded/<student>/<assignment>/.dlcourse-graded.json``, its
``"misconceptions"``: ``{test id: [misconception ids]}``), and their explanations from the
assignment's catalogue (:mod:`dlcourse.grader.misconceptions`).
"""

from __future__ import annotations

import base64
import csv
import html
import io
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import authoring
from . import misconceptions as catalogue_files
from .course import Course

QUIZ_PREFIX = "quiz_"
#: Misconceptions listed per assignment on the page (all of them are in misconceptions.csv).
TOP_MISCONCEPTIONS = 12


@dataclass
class Graded:
    """One graded test cell of an assignment: a code exercise or a theory question."""

    test_id: str
    label: str  # "3 softmax" for exercise 3, "Q2 zero_weights" for question 2
    points: float
    question: bool


@dataclass
class Seen:
    """A misconception diagnosed in a submission."""

    student: str
    assignment: str
    exercise: str  # the grade id of the solution cell (ex2_sigmoid)
    misconception: str


@dataclass
class ClassData:
    course_id: str
    students: list[str]
    assignments: list[str]
    graded: dict[str, list[Graded]]  # per assignment, in notebook order
    submitted: dict[tuple[str, str], dict[str, float]]  # (student, assignment) -> {test: points}
    seen: list[Seen]
    catalogues: dict[str, catalogue_files.Catalogue | None]
    exercise_labels: dict[str, dict[str, str]]  # assignment -> {solution grade id: label}
    warnings: list[str] = field(default_factory=list)

    def maximum(self, assignment: str) -> float:
        return sum(g.points for g in self.graded[assignment])

    def total(self, student: str, assignment: str) -> float | None:
        """The learner's points for an assignment, None when it was not graded."""
        got = self.submitted.get((student, assignment))
        return None if got is None else sum(got.values())


@dataclass
class Written:
    folder: Path
    html: Path
    scores: Path
    misconceptions: Path
    warnings: list[str]


# --- reading --------------------------------------------------------------------------------------

def collect(course: Course) -> ClassData:
    """Everything the report shows: the gradebook's scores, the records' misconceptions, the
    catalogues' explanations."""
    from .coordinator import scores

    assignments = course.assignments()
    graded, exercise_labels = {}, {}
    for assignment in assignments:
        nb = authoring.read(course.source_notebook(assignment))
        graded[assignment] = _graded_cells(nb)
        exercise_labels[assignment] = {e.solution_id: f"{e.number} {e.name}"
                                       for e in authoring.exercises(nb)}
    submitted: dict[tuple[str, str], dict[str, float]] = {}
    for score in scores(course):
        submitted.setdefault((score.student, score.assignment), {})[score.test_id] = score.points
    students = sorted(set(_students(course)) | {s for s, _ in submitted})
    data = ClassData(course.course_id, students, assignments, graded, submitted, [], {},
                     exercise_labels)
    for assignment in assignments:
        try:
            data.catalogues[assignment] = catalogue_files.read(course.root, assignment)
        except catalogue_files.CatalogueError as error:
            data.catalogues[assignment] = None
            data.warnings.append(f"explanations missing for {assignment}: {error}")
    for student in students:
        for assignment in assignments:
            data.seen += _misconceptions(course, data, student, assignment)
    return data


def _graded_cells(nb) -> list[Graded]:
    exercises = {e.test_id: e for e in authoring.exercises(nb)}
    found, questions = [], 0
    for cell in nb.cells:
        meta = authoring.nbgrader_meta(cell)
        if not meta.get("grade"):
            continue
        test_id = meta["grade_id"]
        question = test_id.startswith(QUIZ_PREFIX)
        if question:
            questions += 1
            label = f"Q{questions} {test_id[len(QUIZ_PREFIX):]}"
        elif test_id in exercises:
            label = f"{exercises[test_id].number} {exercises[test_id].name}"
        else:
            label = test_id
        found.append(Graded(test_id, label, float(meta.get("points", 0) or 0), question))
    return found


def _students(course: Course) -> list[str]:
    """Every learner of the gradebook (through nbgrader's API), graded or not."""
    from nbgrader.api import Gradebook

    if course.sqlite and not course.gradebook.exists():
        return []
    with Gradebook(course.db_url, course.course_id) as gb:
        return [s.id for s in gb.students]


def _misconceptions(course: Course, data: ClassData, student: str,
                    assignment: str) -> list[Seen]:
    """The misconceptions of one graded submission, from its record (absent or malformed parts
    count as none)."""
    from .worker import read_record

    record = read_record(course, student, assignment) or {}
    found = record.get("misconceptions")
    if not isinstance(found, dict):
        return []
    catalogue = data.catalogues.get(assignment)
    exercise_of = {e.id: e.exercise for e in catalogue.entries} if catalogue else {}
    by_test = {f"test_{sid.split('_', 1)[1]}": sid for sid in data.exercise_labels[assignment]}
    seen, keys = [], set()
    for test_id, ids in found.items():
        if not isinstance(ids, list):
            continue
        for ident in ids:
            if not isinstance(ident, str):
                continue
            exercise = exercise_of.get(ident) or by_test.get(test_id) or str(test_id)
            if (exercise, ident) not in keys:
                keys.add((exercise, ident))
                seen.append(Seen(student, assignment, exercise, ident))
    return seen


# --- writing --------------------------------------------------------------------------------------

def write_report(course: Course, threshold: float = 50.0, out: Path | None = None) -> Written:
    """Write report.html, scores.csv and misconceptions.csv into ``out`` (default: the course's
    ``report/``); ``threshold`` is the percentage of all the points below which a learner is
    listed."""
    data = collect(course)
    folder = Path(out) if out is not None else course.root / "report"
    folder.mkdir(parents=True, exist_ok=True)
    scores_csv = folder / "scores.csv"
    with open(scores_csv, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student_id", "assignment", "submitted", "points", "max_points",
                         "exercise_points", "exercise_max_points", "question_points",
                         "question_max_points"])
        for student in data.students:
            for assignment in data.assignments:
                got = data.submitted.get((student, assignment))
                cells = data.graded[assignment]
                parts = [(sum((got or {}).get(g.test_id, 0.0) for g in cells
                              if g.question == kind), sum(g.points for g in cells
                                                          if g.question == kind))
                         for kind in (False, True)]
                writer.writerow([student, assignment, "yes" if got is not None else "no",
                                 _number(sum(p for p, _ in parts)),
                                 _number(data.maximum(assignment)),
                                 _number(parts[0][0]), _number(parts[0][1]),
                                 _number(parts[1][0]), _number(parts[1][1])])
    misconceptions_csv = folder / "misconceptions.csv"
    with open(misconceptions_csv, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student_id", "assignment", "exercise", "misconception"])
        for s in sorted(data.seen, key=lambda s: (s.student, data.assignments.index(s.assignment),
                                                  _exercise_order(data, s), s.misconception)):
            writer.writerow([s.student, s.assignment, s.exercise, s.misconception])
    page = folder / "report.html"
    page.write_text(render(data, threshold), encoding="utf-8")
    return Written(folder, page, scores_csv, misconceptions_csv, data.warnings)


def _exercise_order(data: ClassData, seen: Seen) -> int:
    labels = list(data.exercise_labels[seen.assignment])
    return labels.index(seen.exercise) if seen.exercise in labels else len(labels)


def _number(value: float) -> str:
    return f"{value:g}"


def below_threshold(data: ClassData, threshold: float) -> list[tuple[str, float, float]]:
    """(learner, points over all assignments, their percentage of all the points) for each learner
    below ``threshold`` percent, lowest first."""
    top = sum(data.maximum(a) for a in data.assignments)
    found = []
    for student in data.students:
        got = sum(data.total(student, a) or 0.0 for a in data.assignments)
        percent = 100.0 * got / top if top else 0.0
        if percent < threshold:
            found.append((student, got, percent))
    return sorted(found, key=lambda r: (r[2], r[0]))


def common_misconceptions(data: ClassData, assignment: str) -> list[tuple[str, str, list[str]]]:
    """(misconception id, exercise, learners) for every misconception diagnosed in an assignment,
    the most common first (then in catalogue order)."""
    learners: dict[tuple[str, str], set[str]] = {}
    for s in data.seen:
        if s.assignment == assignment:
            learners.setdefault((s.misconception, s.exercise), set()).add(s.student)
    catalogue = data.catalogues.get(assignment)
    order = {e.id: i for i, e in reversed(list(enumerate(catalogue.entries)))} if catalogue \
        else {}
    ranked = sorted(learners.items(), key=lambda kv: (-len(kv[1]), order.get(kv[0][0], 1e9),
                                                     kv[0][0]))
    return [(ident, exercise, sorted(names)) for (ident, exercise), names in ranked]


def histogram_png(totals: list[float], maximum: float, title: str) -> bytes:
    """A histogram of total scores, as PNG bytes (matplotlib's Agg canvas: no screen needed)."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, 2.8), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    top = max(maximum, max(totals, default=0.0), 1.0)
    if top <= 40 and float(top).is_integer():
        bins = np.arange(0, top + 2) - 0.5
    else:
        bins = np.linspace(0, top, 21)
    ax.hist(totals, bins=bins, color="#4c72b0", edgecolor="white")
    ax.set_xlim(bins[0], bins[-1])
    ax.set_xlabel(f"total points (out of {top:g})")
    ax.set_ylabel("learners")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title, fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


# --- the page -------------------------------------------------------------------------------------

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
       max-width: 1100px; padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
h3 { margin-top: 1.4em; font-size: 1.05em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.3em 0.7em; text-align: left;
         vertical-align: top; }
th { background: #f4f4f4; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { background: #e8eef7; width: 160px; height: 0.9em; display: inline-block; }
.bar span { background: #4c72b0; height: 100%; display: block; }
table.misconceptions { width: 100%; }
table.misconceptions td:nth-child(4) { width: 45%; }
table.misconceptions td:nth-child(5) { font-size: 0.9em; }
.muted { color: #777; } code { font-size: 0.95em; }
img { max-width: 100%; }
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


def _bar(part: int, whole: int) -> str:
    width = 100 * part / whole if whole else 0
    return f'<span class="bar"><span style="width: {width:.1f}%"></span></span>'


def render(data: ClassData, threshold: float) -> str:
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>Class report: {_e(data.course_id)}</title>", f"<style>{STYLE}</style>",
        "</head>", "<body>",
        f"<h1>Class report: {_e(data.course_id)}</h1>",
        f'<p class="muted">{len(data.students)} learners, {len(data.assignments)} assignments; '
        f"written {_e(time.strftime('%Y-%m-%d %H:%M'))} from the gradebook and the grading "
        "records.</p>",
    ]
    parts += [f'<p class="muted">Note: {_e(w)}</p>' for w in data.warnings]
    parts += _summary(data)
    for assignment in data.assignments:
        parts += _assignment(data, assignment)
    parts += _struggling(data, threshold)
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _summary(data: ClassData) -> list[str]:
    rows = []
    for assignment in data.assignments:
        totals = [t for s in data.students if (t := data.total(s, assignment)) is not None]
        top = data.maximum(assignment)
        mean = f"{statistics.mean(totals):.1f}" if totals else "-"
        median = f"{statistics.median(totals):g}" if totals else "-"
        full = sum(t >= top for t in totals)
        rows.append(f'<tr><td><a href="#{_e(assignment)}">{_e(assignment)}</a></td>'
                    f'<td class="number">{len(totals)}</td><td class="number">{mean}</td>'
                    f'<td class="number">{median}</td><td class="number">{top:g}</td>'
                    f'<td class="number">{full}</td></tr>')
    return ["<h2>Assignments</h2>", '<table id="summary">',
            "<tr><th>assignment</th><th>graded</th><th>mean</th><th>median</th>"
            "<th>points</th><th>full points</th></tr>", *rows, "</table>"]


def _assignment(data: ClassData, assignment: str) -> list[str]:
    totals = [t for s in data.students if (t := data.total(s, assignment)) is not None]
    top = data.maximum(assignment)
    image = base64.b64encode(histogram_png(totals, top, f"{assignment}: total scores of "
                                           f"{len(totals)} learners")).decode("ascii")
    parts = [f'<h2 id="{_e(assignment)}">{_e(assignment)}</h2>',
             f'<img class="histogram" data-assignment="{_e(assignment)}" '
             f'alt="histogram of the total scores of {_e(assignment)}" '
             f'src="data:image/png;base64,{image}">']
    graded_students = [s for s in data.students if (s, assignment) in data.submitted]
    for question, title, kind in ((False, "Code exercises", "exercises"),
                                  (True, "Theory questions", "questions")):
        cells = [g for g in data.graded[assignment] if g.question == question]
        if not cells:
            continue
        rows = []
        for g in cells:
            full = sum(data.submitted[(s, assignment)].get(g.test_id, 0.0) >= g.points
                       for s in graded_students)
            rows.append(f"<tr><td>{_e(g.label)}</td><td><code>{_e(g.test_id)}</code></td>"
                        f'<td class="number">{g.points:g}</td>'
                        f'<td class="number">{full} of {len(graded_students)}</td>'
                        f'<td class="number">{_percent(full, len(graded_students))}</td>'
                        f"<td>{_bar(full, len(graded_students))}</td></tr>")
        parts += [f"<h3>{title}: learners with full points</h3>",
                  f'<table class="{kind}" data-assignment="{_e(assignment)}">',
                  "<tr><th>exercise</th><th>test</th><th>points</th><th>full points</th>"
                  "<th>share</th><th></th></tr>", *rows, "</table>"]
    common = common_misconceptions(data, assignment)
    parts.append("<h3>Most common misconceptions</h3>")
    if not common:
        parts.append('<p class="muted">None diagnosed.</p>')
        return parts
    catalogue = data.catalogues.get(assignment)
    labels = data.exercise_labels[assignment]
    rows = []
    for ident, exercise, names in common[:TOP_MISCONCEPTIONS]:
        explanation = catalogue.explanation(ident) if catalogue else None
        rows.append(f"<tr><td><code>{_e(ident)}</code></td>"
                    f"<td>{_e(labels.get(exercise, exercise))}</td>"
                    f'<td class="number">{len(names)}</td>'
                    f"<td>{_e(explanation or 'not in the catalogue any more')}</td>"
                    f"<td>{_e(', '.join(names))}</td></tr>")
    parts += [f'<table class="misconceptions" data-assignment="{_e(assignment)}">',
              "<tr><th>misconception</th><th>exercise</th><th>learners</th>"
              "<th>explanation</th><th>who</th></tr>", *rows, "</table>"]
    if len(common) > TOP_MISCONCEPTIONS:
        parts.append(f'<p class="muted">and {len(common) - TOP_MISCONCEPTIONS} more, in '
                     "misconceptions.csv</p>")
    return parts


def _struggling(data: ClassData, threshold: float) -> list[str]:
    top = sum(data.maximum(a) for a in data.assignments)
    below = below_threshold(data, threshold)
    parts = [f"<h2>Learners below {threshold:g} % of all the points</h2>",
             f'<p class="muted">{len(below)} of {len(data.students)} learners have fewer than '
             f"{threshold * top / 100:g} of the {top:g} points of all the assignments (an "
             "assignment not graded counts 0).</p>"]
    if not below:
        return parts
    head = "".join(f"<th>{_e(a).replace('_', '_<wbr>')}</th>" for a in data.assignments)
    rows = []
    for student, got, percent in below:
        cells = "".join(
            f'<td class="number">{_score(data.total(student, a), data.maximum(a))}</td>'
            for a in data.assignments)
        rows.append(f"<tr><td>{_e(student)}</td><td class=\"number\">{got:g}</td>"
                    f'<td class="number">{percent:.0f} %</td>{cells}</tr>')
    return parts + ['<table id="below-threshold">',
                    f"<tr><th>learner</th><th>points</th><th>share</th>{head}</tr>", *rows,
                    "</table>"]


def _score(total: float | None, maximum: float) -> str:
    return "not graded" if total is None else f"{total:g}/{maximum:g}"
