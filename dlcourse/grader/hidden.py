"""The hidden part of a test cell, run so that a learner can be told how it went without seeing it.

A test cell of ``source/`` is made of segments: visible code, and blocks between
``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``. The grader runs them in order in one
namespace. While a hidden segment runs, its checks are *tallied* rather than stopping at the first
failure: each ``check`` and ``check_that`` counts as passed or failed and the segment goes on, so
that the feedback can say "4 of 6 hidden checks passed" and name the likely cause of each failure,
without showing the hidden code, its inputs or its expected values. The cell still fails (its
points are lost) when any check failed, and the instructor's copy keeps every line.
"""

from __future__ import annotations

import contextlib
import re
import sys
from dataclasses import dataclass, field

from .. import checks
from .authoring import HIDDEN_MARKER

#: What a theory question's hidden test prints before the explanation a learner may always read
#: (the feedback keeps those lines of the hidden output, and no other).
DEFAULT_EXPLANATION_PREFIX = "Why: "


def explanation_prefix() -> str:
    try:
        from ..quiz import EXPLANATION_PREFIX
    except ImportError:
        return DEFAULT_EXPLANATION_PREFIX
    return EXPLANATION_PREFIX


def segments(source: str) -> list[tuple[bool, str]]:
    """The cell's code as ``(hidden, code)`` segments, in order. A cell whose hidden block does not
    stand on its own (inside an indented block, say) is one segment, hidden if it has a block."""
    parts: list[tuple[bool, list[str]]] = [(False, [])]
    has_hidden = False
    for line in source.splitlines(keepends=True):
        match = HIDDEN_MARKER.match(line)
        if match:
            has_hidden = True
            parts.append((match.group(1) == "BEGIN", []))
            continue
        parts[-1][1].append(line)
    out = [(hidden, "".join(lines)) for hidden, lines in parts if "".join(lines).strip()]
    try:
        for _, code in out:
            compile(code, "<segment>", "exec")
    except SyntaxError:
        return [(has_hidden, source)]
    return out


@dataclass
class Tally:
    """How the hidden checks of one test cell went."""

    passed: int = 0
    failures: list[str] = field(default_factory=list)  # learner-safe summaries
    first_failure: BaseException | None = None  # the full failure, for the instructor's copy
    stopped: str | None = None  # why the hidden checks stopped before their end, if they did
    explanations: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.passed + len(self.failures)

    def as_data(self) -> dict:
        return {"passed": self.passed, "total": self.total, "failures": self.failures,
                "stopped": self.stopped, "explanations": self.explanations}


_SAFE_LINE = re.compile(r"^\s*(likely cause|hint):", re.IGNORECASE)


def learner_summary(message: str) -> str:
    """A failed check's message without what would reveal the hidden test: its first line (the
    check's label and what differs) and its likely cause, never the expected and received
    values."""
    lines = str(message).splitlines()
    kept = lines[:1] + [line for line in lines[1:] if _SAFE_LINE.match(line)]
    return "\n".join(kept)


@contextlib.contextmanager
def tallied(namespace: dict, tally: Tally):
    """Within this block, the ``check``, ``check_that`` and ``exercise`` of ``namespace`` count
    failures into ``tally`` instead of stopping at the first one."""

    def record(error: checks.CheckFailed) -> None:
        tally.failures.append(learner_summary(error))
        if tally.first_failure is None:
            tally.first_failure = error
        print(str(error))

    def check(label, got, expected, **kwargs):
        try:
            checks.compare(label, got, expected, **kwargs)
        except checks.CheckFailed as error:
            record(error)
            return
        tally.passed += 1
        print(f"{checks.PASS} {label}: as expected")

    def check_that(label, condition, explanation):
        if not condition:
            record(checks.CheckFailed(f"{checks.FAIL} {label}: {explanation}"))
            return
        tally.passed += 1
        print(f"{checks.PASS} {label}: as expected")

    @contextlib.contextmanager
    def exercise(name):
        before = len(tally.failures)
        inner = checks.exercise(name)
        inner.__enter__()
        try:
            yield
        except BaseException:
            if not inner.__exit__(*sys.exc_info()):
                raise
            return
        failed = len(tally.failures) - before
        if failed:
            print(f"{checks.FAIL} {failed} check(s) of {name} failed.")
        else:
            inner.__exit__(None, None, None)

    replaced = {"check": check, "check_that": check_that, "exercise": exercise}
    saved = {name: namespace[name] for name in replaced if name in namespace}
    namespace.update({name: value for name, value in replaced.items() if name in saved})
    try:
        yield
    finally:
        namespace.update(saved)


def explanations_in(text: str) -> list[str]:
    """The lines of a hidden segment's output that a learner may always read."""
    prefix = explanation_prefix()
    return [line for line in text.splitlines() if line.startswith(prefix)]
