"""Which cell of a graded notebook runs where: the plan of a source notebook, and a submission
assembled onto it (answers by grade id, added cells where they were added)."""

from __future__ import annotations

import ast
import copy
import functools
from dataclasses import dataclass, field

from .authoring import STUB, nbgrader_meta

# --- which cell runs where ------------------------------------------------------------------------

@functools.lru_cache(maxsize=512)
def _python(source: str) -> str:
    """A cell's code as Python (IPython's magics made calls); the same cells come back for every
    submission of an assignment, so the answer is kept."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


@functools.lru_cache(maxsize=512)
def _names(source: str) -> tuple[frozenset[str], frozenset[str]]:
    """(names bound at the top level, names read anywhere) by a cell's code."""
    tree = ast.parse(_python(source))
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return frozenset(bound), frozenset(read)


@dataclass
class Step:
    """One cell of the graded notebook and where it runs."""

    kind: str  # "text", "given", "answer", "extra" (a cell the learner added), "test"
    cell: dict
    grade_id: str | None = None
    trusted: bool = False  # a given cell the grader runs too
    learner_names: set[str] = field(default_factory=set)  # names it makes learner-defined


def plan(source_nb) -> list[Step]:
    """The steps of a source notebook: which given cells the grader runs itself (those that read
    no learner-defined name), and which names each step hands to the learner."""
    steps, tainted = [], set()
    for cell in source_nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code":
            steps.append(Step("text", cell, meta.get("grade_id")))
        elif meta.get("grade"):
            steps.append(Step("test", cell, meta.get("grade_id")))
        elif meta.get("solution"):
            bound, _ = _names(cell.source)
            tainted |= bound
            steps.append(Step("answer", cell, meta.get("grade_id"), learner_names=bound))
        else:
            bound, read = _names(cell.source)
            if read & tainted:
                tainted |= bound
                steps.append(Step("given", cell, meta.get("grade_id"), learner_names=bound))
            else:
                tainted -= bound
                steps.append(Step("given", cell, meta.get("grade_id"), trusted=True))
    # the grader runs only the given cells whose names some test (or a cell it needs) reads:
    # data and helpers, not the plots and demonstrations
    needed: set[str] = set()
    for step in reversed(steps):
        if step.kind == "test" or (step.kind == "given" and step.trusted):
            bound, read = _names(step.cell.source)
            if step.kind == "given" and not bound & needed:
                step.trusted = False
                continue
            needed |= read
    return steps


def assemble(steps: list[Step], submitted_nb) -> list[Step]:
    """The steps of a submission: the source's steps, each answer cell replaced by the learner's
    cell of the same grade id (the stub if they deleted it), cells the learner added placed after
    the cell they follow in the submission. Cells of the source the learner edited, moved or
    re-labelled count as written in the source."""
    known = {s.grade_id for s in steps if s.grade_id}
    unlabelled = {s.cell.source for s in steps if not s.grade_id}  # source cells without an id
    answers, extras, last = {}, {}, None
    for cell in submitted_nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in known:
            if grade_id not in answers:
                answers[grade_id] = cell
            last = grade_id
        elif cell.cell_type == "code" and cell.source.strip() and \
                cell.source not in unlabelled:
            extras.setdefault(last, []).append(cell)
    for key, cells in extras.items():  # a cell the learner added is plain code, nothing more
        extras[key] = [_plain(c) for c in cells]
    out = [Step("extra", c) for c in extras.get(None, [])]
    for step in steps:
        if step.kind == "answer":
            mine = answers.get(step.grade_id)
            cell = copy.deepcopy(step.cell)
            cell.source = mine.source if mine is not None and mine.cell_type == "code" else STUB
            step = Step("answer", cell, step.grade_id, learner_names=step.learner_names)
        else:
            step = Step(step.kind, copy.deepcopy(step.cell), step.grade_id, step.trusted,
                        step.learner_names)
        out.append(step)
        out += [Step("extra", c) for c in extras.get(step.grade_id, []) if step.grade_id]
    for step in out:
        if step.cell.cell_type == "code":
            step.cell.outputs, step.cell.execution_count = [], None
    return out




def _plain(cell):
    """A copy of a cell the learner added, without its metadata (grade ids, points, anything an
    added cell could claim) or attachments."""
    cell = copy.deepcopy(cell)
    cell.metadata = {}
    cell.pop("attachments", None)
    return cell
