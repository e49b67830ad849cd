"""Reading the course's instructor notebooks: graded cells, solutions, and versions made from them.

A source notebook pairs each solution cell, grade id ``ex<N>_<name>``, with one test cell, grade id
``test_<name>``, that carries the points: the code exercises. Theory questions pair an answer cell,
grade id ``quiz_<slug>_answer``, with a test cell, grade id ``quiz_<slug>`` (see
:mod:`dlcourse.quiz`). From a source notebook this module derives what grading and the course's
self-tests need: the list of exercises, the list of questions with their keys, the reference answer
of each solution cell (its code without the solution markers), and a notebook in which chosen
solution cells are replaced by other code (a learner's answer, or a plausible mistake).
"""

from __future__ import annotations

import ast
import copy
import inspect
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .. import quiz

SOLUTION_MARKER = re.compile(r"^\s*#+\s*(BEGIN|END) SOLUTION\s*$")
HIDDEN_MARKER = re.compile(r"^\s*#+\s*(BEGIN|END) HIDDEN TESTS\s*$")
EXERCISE_ID = re.compile(r"^ex(\d+)_(\w+)$")
QUIZ_PREFIX = "quiz_"
QUIZ_ANSWER_ID = re.compile(r"^quiz_(\w+)_answer$")
QUIZ_TEST_ID = re.compile(r"^quiz_(\w+)$")
STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


@dataclass(frozen=True)
class Exercise:
    """One graded exercise: its solution cell, its test cell and the points of that test."""

    number: int
    name: str
    solution_id: str
    test_id: str
    points: float


@dataclass
class Question:
    """One theory question: its answer cell, its test cell and points, the variable the learner
    sets, the form of answer its test reads (a :mod:`dlcourse.quiz` kind, with its arguments:
    options, count...) and its key, normalised as the test normalises answers."""

    number: int  # its place among the notebook's questions, from 1
    slug: str
    answer_id: str
    test_id: str
    points: float
    variable: str
    kind: str
    spec: dict = field(default_factory=dict)
    key: object = None
    tolerance: float | None = None

    def is_right(self, value) -> bool:
        """Whether ``value`` (as a learner would set it) is graded right."""
        given = quiz.normalise(self.kind, self.variable, value, **self.spec)
        return quiz.same(self.kind, given, self.key, self.tolerance)

    def answer_code(self, value) -> str:
        """The code of an answer cell that sets the answer to ``value``."""
        return f"{self.variable} = {quiz.shown(value)}"

    def wrong_value(self):
        """A well-formed answer that is not the key (for tests and the sample class)."""
        key = self.key
        if self.kind == "choice":
            return next(o for o in self.spec["options"] if o != key)
        if self.kind == "choices":
            return key ^ {self.spec["options"][0]} or frozenset(self.spec["options"][:2])
        if self.kind == "true_false":
            return not key
        if self.kind == "number":
            return key + 1 + 10 * (self.tolerance or 0)
        if self.kind == "numbers":
            return (key[0] + 1 + 10 * (self.tolerance or 0), *key[1:])
        if self.kind == "shape":
            return (key[0] + 1, *key[1:])
        if self.kind == "shapes":
            return ((key[0][0] + 1, *key[0][1:]), *key[1:])
        raise ValueError(f"no wrong answer for the kind {self.kind!r}")


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def read(path: str | Path):
    return nbformat.read(str(path), as_version=4)


def exercises(nb) -> list[Exercise]:
    """The exercises of a source notebook, in notebook order.

    Raises ``ValueError`` when a solution cell has no test cell of the matching name, or the
    reverse, so that a course notebook cannot silently grade nothing.
    """
    solutions, tests = {}, {}
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if str(meta.get("grade_id", "")).startswith(QUIZ_PREFIX):
            continue  # a theory question: see questions()
        if meta.get("solution") and cell.cell_type == "code":
            solutions[meta["grade_id"]] = cell
        if meta.get("grade"):
            tests[meta["grade_id"]] = float(meta.get("points", 0))
    found, problems = [], []
    for grade_id in solutions:
        match = EXERCISE_ID.match(grade_id)
        if not match:
            problems.append(f"solution cell {grade_id!r} is not named ex<N>_<name>")
            continue
        test_id = f"test_{match.group(2)}"
        if test_id not in tests:
            problems.append(f"solution cell {grade_id!r} has no test cell {test_id!r}")
            continue
        found.append(Exercise(int(match.group(1)), match.group(2), grade_id, test_id,
                              tests[test_id]))
    paired = {e.test_id for e in found}
    problems += [f"test cell {t!r} has no solution cell ex<N>_{t[5:]}" for t in tests
                 if t not in paired]
    if problems:
        raise ValueError("; ".join(problems))
    return found


def questions(nb) -> list[Question]:
    """The theory questions of a source notebook, in notebook order.

    Each answer cell ``quiz_<slug>_answer`` pairs with the test cell ``quiz_<slug>``, whose
    visible part opens ``with quiz.question("<variable>") as q:`` and checks the answer's form
    with one of the :data:`dlcourse.quiz.KINDS`, and whose hidden part holds ``q.judge(KEY,
    ...)``. Raises ``ValueError`` when cells are unpaired, misnamed, or a test cell does not read
    so (its key, for instance, is missing, not a literal, visible, or not a valid answer).
    """
    answers, tests, problems = {}, {}, []
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        grade_id = str(meta.get("grade_id", ""))
        if not grade_id.startswith(QUIZ_PREFIX) or cell.cell_type != "code":
            continue
        if meta.get("solution"):
            match = QUIZ_ANSWER_ID.match(grade_id)
            if not match or meta.get("grade"):
                problems.append(f"answer cell {grade_id!r} is not named quiz_<slug>_answer, or "
                                "carries points (its test cell does)")
                continue
            answers[match.group(1)] = cell
        elif meta.get("grade"):
            match = QUIZ_TEST_ID.match(grade_id)
            if not match or grade_id.endswith("_answer"):
                problems.append(f"test cell {grade_id!r} is not named quiz_<slug> (only an "
                                "answer cell ends in _answer)")
                continue
            tests[match.group(1)] = cell
    found = []
    for slug, answer in answers.items():
        if slug not in tests:
            problems.append(f"answer cell 'quiz_{slug}_answer' has no test cell 'quiz_{slug}'")
            continue
        try:
            found.append(_question(len(found) + 1, slug, answer, tests[slug]))
        except ValueError as error:
            problems.append(f"test cell 'quiz_{slug}': {error}")
    problems += [f"test cell 'quiz_{slug}' has no answer cell 'quiz_{slug}_answer'"
                 for slug in tests if slug not in answers]
    if problems:
        raise ValueError("; ".join(problems))
    return found


def _literal(node: ast.AST, what: str):
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise ValueError(f"{what} must be a literal, not {ast.unparse(node)!r}") from None


def _question(number: int, slug: str, answer_cell, test_cell) -> Question:
    """Read a question's test cell (see :func:`questions`)."""
    visible = "\n".join(hidden_regions(test_cell.source)[0])
    label, check, judge = None, None, None
    for node in ast.walk(ast.parse(test_cell.source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr == "question" and node.args:
            label = _literal(node.args[0], "the name given to quiz.question")
        elif node.func.attr in quiz.KINDS and node.args and isinstance(node.args[0], ast.Name):
            check = node
        elif node.func.attr == "judge":
            judge = node
    if check is None or label is None:
        raise ValueError("no `with quiz.question(NAME) as q:` and check of the answer's form "
                         f"(q.{', q.'.join(quiz.KINDS)})")
    variable, kind = check.args[0].id, check.func.attr
    if label != variable:
        raise ValueError(f"quiz.question({label!r}) must name the variable it checks, {variable}")
    if judge is None or "judge(" not in "\n".join(hidden_regions(test_cell.source)[1]):
        raise ValueError("no q.judge(KEY, why=...) in a hidden part")
    if "judge(" in visible:
        raise ValueError("q.judge(...) is visible: it belongs between the hidden-test markers")
    spec = inspect.signature(getattr(quiz.Question, kind)).bind(
        None, None, *[_literal(a, "an argument of the check") for a in check.args[1:]],
        **{k.arg: _literal(k.value, "an argument of the check") for k in check.keywords})
    spec.apply_defaults()
    spec = {k: v for k, v in spec.arguments.items() if k not in ("self", "value")}
    if not judge.args:
        raise ValueError("q.judge() needs the key as its first argument")
    key = _literal(judge.args[0], "the key")
    arguments = {k.arg: k.value for k in judge.keywords}
    tolerance = _literal(arguments["tolerance"], "the tolerance") if "tolerance" in arguments \
        else None
    try:
        key = quiz.normalise(kind, "the key", key, **spec)
    except (quiz.FormatError, NotImplementedError) as error:
        raise ValueError(f"its key is not a valid answer: {error}") from None
    if variable not in answer_cell.source.split("###")[0]:
        raise ValueError(f"its answer cell does not start by setting {variable} (to None)")
    return Question(number, slug, nbgrader_meta(answer_cell)["grade_id"],
                    nbgrader_meta(test_cell)["grade_id"], float(nbgrader_meta(test_cell).get(
                        "points", 0)), variable, kind, spec, key, tolerance)


def hidden_regions(source: str) -> tuple[list[str], list[str]]:
    """(the visible lines, the hidden lines) of a test cell, markers left out."""
    visible, hidden, inside = [], [], False
    for line in source.splitlines():
        if HIDDEN_MARKER.match(line):
            inside = "BEGIN" in line
            continue
        (hidden if inside else visible).append(line)
    return visible, hidden


def without_markers(source: str, marker: re.Pattern = SOLUTION_MARKER) -> str:
    """The code of a cell with the marker lines removed and the code between them kept."""
    return "\n".join(line for line in source.splitlines() if not marker.match(line))


def solution_code(nb) -> dict[str, str]:
    """The reference answer of every solution cell, by grade id."""
    return {nbgrader_meta(c)["grade_id"]: without_markers(c.source) for c in nb.cells
            if nbgrader_meta(c).get("solution") and c.cell_type == "code"}


def with_answers(nb, answers: dict[str, str]):
    """A copy of ``nb`` whose solution cells with a grade id in ``answers`` hold that code.

    Applied to a source notebook it gives what grading executes (the hidden tests included);
    applied to a release notebook, what a learner submits.
    """
    unknown = set(answers) - set(solution_code(nb))
    if unknown:
        raise KeyError(f"no solution cell with grade id {sorted(unknown)}")
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if nbgrader_meta(cell).get("solution") and grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def graded_version(source_nb, answers: dict[str, str] | None = None):
    """The source notebook with every solution cell answered by its reference solution, except
    those given in ``answers``: the notebook nbgrader would execute to grade such a submission."""
    code = solution_code(source_nb)
    code.update(answers or {})
    return with_answers(source_nb, code)


def _definitions(source: str):
    """The function and class definitions (and imports) of a given cell, as code, or None."""
    try:
        body = ast.parse(source).body
    except SyntaxError:  # IPython magics (%matplotlib ...) are not Python
        return None
    kept = [n for n in body if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Import,
                                               ast.ImportFrom))]
    if not any(isinstance(n, (ast.FunctionDef, ast.ClassDef)) for n in kept):
        return None
    return compile(ast.Module(body=kept, type_ignores=[]), "<given code>", "exec")


def reference_namespace(nb, namespace: dict | None = None, only=None) -> dict:
    """Execute the notebook's given helper functions (the definitions of its other code cells)
    and its reference solutions, in notebook order, into ``namespace`` (which holds what they
    need: numpy as ``np``, data...).

    ``only`` limits the solution cells executed to these grade ids. Used by the course's tests to
    call the reference functions directly, without a kernel.
    """
    namespace = {} if namespace is None else namespace
    code = solution_code(nb)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code" or meta.get("grade"):
            continue
        if meta.get("solution"):
            if only is None or meta["grade_id"] in only:
                exec(compile(code[meta["grade_id"]], f"<{meta['grade_id']}>", "exec"), namespace)
        elif (definitions := _definitions(cell.source)) is not None:
            exec(definitions, namespace)  # the helpers it gives, not its demonstrations
    return namespace
