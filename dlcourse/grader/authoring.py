"""Reading the course's instructor notebooks: graded cells, solutions, and versions made from them.

A source notebook pairs each solution cell, grade id ``ex<N>_<name>``, with one test cell, grade id
``test_<name>``, that carries the points. From a source notebook this module derives what grading
and the course's self-tests need: the list of exercises, the reference answer of each solution cell
(its code without the solution markers), and a notebook in which chosen solution cells are replaced
by other code (a learner's answer, or a plausible mistake).
"""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

SOLUTION_MARKER = re.compile(r"^\s*#+\s*(BEGIN|END) SOLUTION\s*$")
HIDDEN_MARKER = re.compile(r"^\s*#+\s*(BEGIN|END) HIDDEN TESTS\s*$")
EXERCISE_ID = re.compile(r"^ex(\d+)_(\w+)$")
STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


@dataclass(frozen=True)
class Exercise:
    """One graded exercise: its solution cell, its test cell and the points of that test."""

    number: int
    name: str
    solution_id: str
    test_id: str
    points: float


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
