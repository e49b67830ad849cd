"""The course's self-test, run by ``dlcourse check``.

For every assignment it proves four things, and says precisely what is wrong when one fails:

1. the source notebook pairs each solution cell with its test cell (``ex<N>_<name>``,
   ``test_<name>``), and each theory question's answer cell with its test cell
   (``quiz_<slug>_answer``, ``quiz_<slug>``), and executes top to bottom, full schedule, with
   every cell passing;
2. ``release/`` is what nbgrader generates from ``source/`` now (same notebooks, same files);
3. no solution line and no hidden-test line of the source appears in the student version, and no
   question's key does (:func:`key_leaks`);
4. the student version, run as a learner first opens it, fails only with "not implemented yet":
   every test cell with a ``NotImplementedError`` (a question's blank answer, ``None``, fails so
   too, saying "not answered yet"), and any other failing cell with a ``NotImplementedError`` or,
   after one, with the ``NameError`` that the notebook explains.
"""

from __future__ import annotations

import ast
import filecmp
import itertools
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import quiz
from . import authoring, rules
from .course import Course, CourseError, generate_release
from .execution import execute

MIN_SECRET_LENGTH = 12  # shorter lines (`return s`, `pass`) are too common to count as a leak


@dataclass
class Report:
    assignment: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def secret_lines(source_nb) -> set[str]:
    """Lines of solution and hidden-test regions that are not also given openly."""
    secret, public = set(), set()
    for cell in source_nb.cells:
        inside = False
        for line in cell.source.splitlines():
            text = line.strip()
            if authoring.SOLUTION_MARKER.match(line) or authoring.HIDDEN_MARKER.match(line):
                inside = "BEGIN" in text
                continue
            if len(text) < MIN_SECRET_LENGTH or text.startswith("#"):
                continue
            (secret if inside else public).add(text)
    return secret - public


def leaks(source_nb, release_nb) -> list[str]:
    """Secret lines of the source found in the release notebook, and leftover markers."""
    found = []
    released = [line.strip() for cell in release_nb.cells for line in cell.source.splitlines()]
    markers = [line for line in released if authoring.SOLUTION_MARKER.match(line)
               or authoring.HIDDEN_MARKER.match(line)]
    found += [f"marker left in the student version: {m}" for m in markers[:3]]
    secret = secret_lines(source_nb)
    found += [f"line of a solution or hidden test in the student version: {line[:90]}"
              for line in sorted(set(released) & secret)]
    return found


def _literal_values(source: str):
    """Every value written as a literal in a cell's code: constants, and tuples, lists and sets
    of them."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, (ast.Constant, ast.Tuple, ast.List, ast.Set)):
            try:
                yield ast.literal_eval(node)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                continue


def _written_forms(question: authoring.Question) -> set[str]:
    """How a question's key would be written in a text: the literals a learner would type, and
    for numbers their usual roundings. A True/False key has none: both words are in every such
    question's instructions."""
    key, kind = question.key, question.kind
    if kind == "choice":
        return {f'"{key}"', f"'{key}'"}
    if kind == "choices":
        letters = sorted(key)
        orders = itertools.permutations(letters) if len(letters) <= 6 else [letters]
        return {o + sep.join(q + x + q for x in order) + c for order in orders
                for q in ('"', "'") for sep in (", ", ",") for o, c in ("{}", "[]", "()")}
    if kind == "number":
        if float(key).is_integer():
            return {f"= {int(key)}", f"={int(key)}"}
        return {repr(key)} | {f"{key:.{d}f}" for d in range(2, 7)}
    if kind in ("numbers", "shape", "shapes"):
        def show(value, sep):
            if isinstance(value, tuple):
                return "(" + sep.join(show(v, sep) for v in value) + ("," if len(value) == 1
                                                                        else "") + ")"
            return quiz.shown(value)
        forms = {show(key, ", "), show(key, ",")}
        return forms | {f.replace("(", "[").replace(")", "]") for f in forms}
    return set()


def _question_cells(nb, question: authoring.Question) -> tuple[list, object, object]:
    """(the text cells just above a question's answer cell, its answer cell, its test cell) in
    ``nb``; the cells are None when missing."""
    index = {authoring.nbgrader_meta(c).get("grade_id"): i for i, c in enumerate(nb.cells)}
    at, test = index.get(question.answer_id), index.get(question.test_id)
    if at is None or test is None:
        return [], None, None
    above = []
    for cell in reversed(nb.cells[:at]):
        if cell.cell_type != "markdown":
            break
        above.insert(0, cell)
    return above, nb.cells[at], nb.cells[test]


def key_leaks(source_nb, release_nb) -> list[str]:
    """Where the key of a theory question of ``source_nb`` shows in the student version: as a
    value in the code of the question's answer or test cell, as an answer given to its variable
    anywhere in the notebook, or written in the text of the question's cells (the question, its
    answer cell's comments, its test cell)."""
    found = []
    try:
        questions = authoring.questions(source_nb)
    except ValueError:
        return found  # reported by check_source
    for q in questions:
        text, answer, test = _question_cells(release_nb, q)
        if answer is None:
            found.append(f"{q.test_id}: its answer or test cell is missing")
            continue
        values = [v for cell in (answer, test) for v in _literal_values(cell.source)]
        for cell in release_nb.cells:
            if cell.cell_type == "code" and q.variable in cell.source:
                for node in ast.walk(_parsed(cell.source)):
                    if isinstance(node, ast.Assign) and any(
                            isinstance(t, ast.Name) and t.id == q.variable for t in node.targets):
                        values += list(_literal_values(ast.unparse(node.value)))
        if any(_is_key(q, v) for v in values):
            found.append(f"{q.test_id}: its key is a value in the code of the student version")
        written = "\n".join(c.source for c in [*text, answer, test])
        shown = sorted(f for f in _written_forms(q) if f in written)
        if shown:
            found.append(f"{q.test_id}: its key is written in the student version: {shown[0]}")
    return found


def _parsed(source: str) -> ast.AST:
    try:
        return ast.parse(source)
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


def _is_key(question: authoring.Question, value) -> bool:
    try:
        return question.is_right(value)
    except (quiz.FormatError, NotImplementedError, TypeError, ValueError):
        return False


def check_source(course: Course, assignment: str, report: Report) -> None:
    path = course.source_notebook(assignment)
    nb = authoring.read(path)
    try:
        found = authoring.exercises(nb)
        questions = authoring.questions(nb)
    except ValueError as error:
        report.problems.append(f"source/{assignment}: {error}")
        return
    if not found:
        report.problems.append(f"source/{assignment}: no graded exercise")
    for problem in rules.notebook_problems(nb):  # expected values from the grader's own inputs
        report.problems.append(f"source/{assignment}: test {problem}")
    stored = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("outputs")]
    if stored:
        report.problems.append(f"source/{assignment}: cells {stored} hold outputs: clear them "
                               "before committing (Kernel > Restart and Clear Outputs)")
    run = execute(nb, path.parent, grading=False, timeout=900)
    if run.crashed:
        report.problems.append(f"source/{assignment}: execution stopped: {run.crashed}")
    for cell in run.cells:
        if cell.error:
            first = cell.error.splitlines()[0][:300]
            report.problems.append(f"source/{assignment}: cell {cell.index} "
                                   f"({cell.grade_id}) fails: {first}")
    report.notes.append(f"source runs in {run.seconds:.1f} s, "
                        f"{run.points:g}/{run.max_points:g} points, {len(found)} exercises"
                        + (f", {len(questions)} questions" if questions else ""))


def _same_notebook(a: Path, b: Path) -> str | None:
    """None if the two notebooks hold the same cells and metadata, else the first difference."""
    nb_a, nb_b = authoring.read(a), authoring.read(b)
    if len(nb_a.cells) != len(nb_b.cells):
        return f"{len(nb_a.cells)} cells instead of {len(nb_b.cells)}"
    for i, (x, y) in enumerate(zip(nb_a.cells, nb_b.cells, strict=True)):
        if (x.cell_type, x.source, x.metadata) != (y.cell_type, y.source, y.metadata):
            return f"cell {i} differs"
    if nb_a.metadata != nb_b.metadata:
        return "notebook metadata differs"
    return None


def check_release_in_sync(course: Course, assignment: str, report: Report) -> None:
    """Generate the student version in a scratch course and compare it with ``release/``."""
    with tempfile.TemporaryDirectory() as scratch:
        shadow = Course(Path(scratch))
        shutil.copy(course.root / "nbgrader_config.py", shadow.root)
        shutil.copytree(course.source / assignment, shadow.source / assignment,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        try:
            generate_release(shadow, assignment)
        except CourseError as error:
            report.problems.append(str(error))
            return
        fresh, committed = shadow.release / assignment, course.release / assignment
        if not committed.is_dir():
            report.problems.append(f"release/{assignment} is missing: run `dlcourse release`")
            return
        names = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
        have = {p.relative_to(committed) for p in committed.rglob("*") if p.is_file()
                and ".ipynb_checkpoints" not in p.parts}
        for name in sorted(names - have):
            report.problems.append(f"release/{assignment}/{name} is missing")
        for name in sorted(have - names):
            report.problems.append(f"release/{assignment}/{name} is not in source/: remove it")
        for name in sorted(names & have):
            if name.suffix == ".ipynb":
                diff = _same_notebook(committed / name, fresh / name)
            else:
                diff = None if filecmp.cmp(committed / name, fresh / name, shallow=False) \
                    else "its content differs"
            if diff:
                report.problems.append(f"release/{assignment}/{name} is out of date with "
                                       f"source/ ({diff}): run `dlcourse release`")


def check_release(course: Course, assignment: str, report: Report) -> None:
    """No leak in the student version, and it fails only with "not implemented yet"."""
    path = course.release_notebook(assignment)
    if not path.exists():
        return  # reported by check_release_in_sync
    source_nb, release_nb = authoring.read(course.source_notebook(assignment)), authoring.read(path)
    for leak in leaks(source_nb, release_nb) + key_leaks(source_nb, release_nb):
        report.problems.append(f"release/{assignment}: {leak}")
    run = execute(release_nb, path.parent, grading=False, timeout=900)
    if run.crashed:
        report.problems.append(f"release/{assignment}: execution stopped: {run.crashed}")
    seen_not_implemented = False
    for cell in run.cells:
        where = f"release/{assignment}: cell {cell.index} ({cell.grade_id})"
        if cell.graded and cell.ename != "NotImplementedError":
            what = "passes with nothing implemented" if not cell.error else cell.error[:200]
            report.problems.append(f"{where}: a test cell must fail with 'not implemented yet' "
                                   f"in the student version, but it {what}")
        elif cell.ename == "NotImplementedError":
            seen_not_implemented = True
        elif cell.ename == "NameError" and seen_not_implemented and "Hint:" in cell.text:
            pass  # the notebook explains it: a result of an unfinished exercise
        elif cell.error:
            report.problems.append(f"{where}: confusing error for a learner who has not "
                                   f"started: {cell.error.splitlines()[0][:200]}")


def check_assignment(course: Course, assignment: str) -> Report:
    report = Report(assignment)
    check_source(course, assignment, report)
    check_release_in_sync(course, assignment, report)
    check_release(course, assignment, report)
    return report


def check_course(course: Course, assignments: list[str] | None = None, jobs: int = 2,
                 echo=print) -> list[Report]:
    names = assignments or course.assignments()
    if not names:
        raise CourseError("the course has no assignment in source/")
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        reports = list(pool.map(lambda a: check_assignment(course, a), names))
    for report in reports:
        echo(f"{'ok  ' if report.ok else 'FAIL'} {report.assignment}: " + "; ".join(report.notes))
        for problem in report.problems:
            echo(f"     - {problem}")
    return reports
