"""What a student version holds in place of a solution: nbgrader's ``ClearSolutions``, aware of
theory questions.

nbgrader replaces the code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` by one stub for
the whole course (``ClearSolutions.code_stub``: ``# YOUR CODE HERE`` and a ``raise
NotImplementedError()``), right for a function to write. The answer cell of a theory question
(grade id ``quiz_<slug>_answer``) starts instead with its own blank answer, the line that the
student version keeps::

    answer_q3 = None  # your answer: one letter, in quotes
    ### BEGIN SOLUTION
    answer_q3 = "b"
    ### END SOLUTION

and its solution region is removed with no stub in its place, so that the learner edits one line
and nothing raises. ``nbgrader_config.py`` puts :class:`ClearSolutions` in the place of nbgrader's
own in ``GenerateAssignment.preprocessors``; every other cell is cleared exactly as nbgrader does.
"""

from __future__ import annotations

from nbgrader.preprocessors import ClearSolutions as _NbgraderClearSolutions

from .authoring import QUIZ_PREFIX, nbgrader_meta


class ClearSolutions(_NbgraderClearSolutions):
    """nbgrader's ``ClearSolutions``; in a theory question's answer cell, the solution region is
    removed and no stub is put in its place (the cell's first line is the blank answer)."""

    def _replace_solution_region(self, cell, language: str) -> bool:
        grade_id = str(nbgrader_meta(cell).get("grade_id", ""))
        if cell.cell_type != "code" or not grade_id.startswith(QUIZ_PREFIX):
            return super()._replace_solution_region(cell, language)
        kept, inside, regions = [], False, 0
        for line in cell.source.split("\n"):
            if self.begin_solution_delimeter in line:
                if inside:
                    raise RuntimeError(f"{grade_id}: nested solution regions")
                inside, regions = True, regions + 1
            elif self.end_solution_delimeter in line:
                inside = False
            elif not inside:
                kept.append(line)
        if inside:
            raise RuntimeError(f"{grade_id}: no end solution statement found")
        if regions and not "\n".join(kept).strip():
            raise RuntimeError(f"{grade_id}: the answer cell of a question needs its blank "
                               "answer (such as `answer_q1 = None`) before its solution region")
        cell.source = "\n".join(kept).rstrip("\n")
        return bool(regions)


def generate_assignment_preprocessors() -> list:
    """nbgrader's ``GenerateAssignment`` steps, with this :class:`ClearSolutions` in place of
    nbgrader's."""
    from nbgrader.converters import GenerateAssignment

    default = GenerateAssignment.class_traits()["preprocessors"].default()
    return [ClearSolutions if step is _NbgraderClearSolutions else step for step in default]
