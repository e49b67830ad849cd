"""What a learner's feedback shows of a test cell: the visible checks in full, and of the hidden
ones only how many passed, what the failed ones were about with their likely cause, the
explanation of a theory question and the misconception the learner's code shows.

Never the hidden code, its inputs or its expected values, nor what the learner's code printed
while the hidden checks called it (a function can print the hidden inputs it receives). The
instructor's copies (``autograded/``, formgrader) keep everything. ``nbgrader_config.py`` puts
:class:`HideHiddenTests` first in nbgrader's ``GenerateFeedback`` steps, so that ``dlcourse
grade``, ``dlcourse feedback``, ``nbgrader generate_feedback`` and formgrader's feedback button all
write feedback this way; ``c.HideHiddenTests.reveal = True`` there shows the hidden tests in full
(after the deadline, say).
"""

from __future__ import annotations

from nbformat.v4 import new_output
from traitlets import Bool

from .hidden import segments

try:  # nbgrader's base class, when nbgrader is there (it is wherever feedback is written)
    from nbgrader.preprocessors import NbGraderPreprocessor as _Base
except ImportError:  # pragma: no cover - the learner's side never writes feedback
    from nbconvert.preprocessors import Preprocessor as _Base

#: What stands in the feedback where a hidden block of a test cell was.
PLACEHOLDER = "# (hidden checks: their code is not shown; how they went is below)"


def _is_test(cell) -> bool:
    return cell.cell_type == "code" and bool(cell.metadata.get("nbgrader", {}).get("grade"))


def visible_source(source: str) -> str:
    """The test cell's code without its hidden blocks, each replaced by :data:`PLACEHOLDER`."""
    parts = []
    for hidden, code in segments(source):
        if hidden:
            if not parts or parts[-1] != PLACEHOLDER:
                parts.append(PLACEHOLDER)
        else:
            parts.append(code.rstrip("\n"))
    return "\n".join(parts)


def summary_lines(meta: dict) -> list[str]:
    """The learner's view of a test cell's hidden checks, from what the grader recorded."""
    hidden = meta.get("hidden") or {}
    lines = []
    total, passed = hidden.get("total", 0), hidden.get("passed", 0)
    stopped = hidden.get("stopped")
    if total:
        lines.append(f"Hidden checks: {passed} of {total} passed.")
    for failure in hidden.get("failures") or []:
        lines.extend(str(failure).splitlines())
    if stopped:
        lines.append(f"The hidden checks stopped early: {str(stopped).splitlines()[0]}")
    if not total and not stopped and "hidden" in meta:
        lines.append("Hidden checks: none ran (the visible ones above must pass first).")
    lines.extend(hidden.get("explanations") or [])
    for found in meta.get("misconceptions") or []:
        lines.append(f"What your code shows ({found.get('id', '')}): "
                     f"{found.get('explanation', '')}")
    return lines


class HideHiddenTests(_Base):
    """Feedback shows the visible checks and a summary of the hidden ones (see the module)."""

    reveal = Bool(False, help="Show the hidden tests, their outputs and expected values in "
                  "feedback (for example after the deadline).").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if self.reveal or not _is_test(cell):
            return cell, resources
        has_hidden = any(hidden for hidden, _ in segments(cell.source))
        meta = cell.metadata.get("dlcourse")
        if not has_hidden and not meta:
            return cell, resources
        cell.source = visible_source(cell.source)
        if not isinstance(meta, dict):
            # graded by stock nbgrader: its outputs mix visible and hidden checks; keep only
            # whether the cell failed
            failed = any(o.get("output_type") == "error" for o in cell.outputs)
            cell.outputs = [_error("a check failed", ["A check of this exercise failed."])] \
                if failed else []
            return cell, resources
        streams = [o for o in cell.outputs if o.get("output_type") == "stream"]
        visible = streams[: int(meta.get("visible_outputs", 0))]
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        lines = summary_lines(meta)
        hidden = meta.get("hidden") or {}
        failed_in_hidden = bool(hidden.get("failures") or hidden.get("stopped"))
        outputs = list(visible)
        if lines:
            outputs.append(new_output("stream", name="stdout", text="\n".join(lines) + "\n"))
        if errors:
            if failed_in_hidden:
                first = (hidden.get("failures") or [hidden.get("stopped")])[0]
                outputs.append(_error(str(first).splitlines()[0],
                                      ["A hidden check of this exercise failed: see above."]))
            else:  # a visible check failed: it is shown as the notebook shows it
                outputs.append(errors[0])
        cell.outputs = outputs
        return cell, resources


def _error(evalue: str, lines: list[str]):
    return new_output("error", ename="CheckFailed", evalue=evalue, traceback=lines)


__all__ = ["HideHiddenTests", "PLACEHOLDER", "summary_lines",
           "visible_source"]
