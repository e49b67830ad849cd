"""Authoring rules for test cells that the grader's design relies on, checked by reading the code.

**Expected values come from the grader's own inputs.** A check compares what the learner's code
gave with what the test expects; the expected value must be computed from values the test made
itself (its inputs, reference code, constants), never from what a learner's function returned or
a learner's cell defined. Otherwise a wrong answer can shape its own yardstick: a function that
returns a crafted dict, fed to a reference computation as the expected value's input, passes. (What
a learner's function does to the arguments it receives never reaches the grader: calls run on
copies in the learner's kernel, so the test's own inputs stay as it made them.)

:func:`expected_value_problems` reads a test cell and names every ``check`` (or ``compare``) whose
expected value depends on a learner's value, following assignments through the cell.
"""

from __future__ import annotations

import ast

from .plan import _python

#: The functions of :mod:`dlcourse.checks` whose third argument (or ``expected=``) is the
#: expected value.
CHECKS = ("check", "compare")


def _reads(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _targets(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def expected_value_problems(source: str, learner_names: set[str]) -> list[str]:
    """The checks of a test cell whose expected value depends on a learner's value, each as
    ``line N: check(...) expects a value computed from NAME``."""
    try:
        tree = ast.parse(_python(source))
    except SyntaxError:
        return []
    # what depends on a learner's value, statement by statement in the order of the code: an
    # assignment from a learner's value taints its names, one from the test's own values clears
    # them (a test may reuse a name a learner's cell also defines); twice, for loops
    events = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.NamedExpr)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            events.append((node.lineno, node.col_offset, node.value, targets, False))
        elif isinstance(node, ast.For):
            events.append((node.lineno, node.col_offset, node.iter, [node.target], False))
        elif isinstance(node, ast.comprehension):
            events.append((node.iter.lineno, node.iter.col_offset, node.iter, [node.target],
                           False))
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            events.append((node.context_expr.lineno, node.context_expr.col_offset,
                           node.context_expr, [node.optional_vars], False))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in CHECKS:
            events.append((node.lineno, node.col_offset, node, [], True))
    events.sort(key=lambda e: (e[0], e[1]))
    tainted = set(learner_names)
    problems: dict[int, str] = {}
    for _ in range(2):
        for lineno, _, value, targets, is_check in events:
            if is_check:
                expected = value.args[2] if len(value.args) >= 3 else next(
                    (k.value for k in value.keywords if k.arg == "expected"), None)
                bad = sorted(_reads(expected) & tainted) if expected is not None else []
                if bad:
                    problems[lineno] = (
                        f"line {lineno}: {value.func.id}(...) expects a value computed from "
                        f"{', '.join(bad)}, which comes from the learner's code")
                continue
            names = set().union(*(_targets(t) for t in targets))
            if value is not None and _reads(value) & tainted:
                tainted |= names
            else:
                tainted -= names
    return [problems[k] for k in sorted(problems)]


def notebook_problems(nb) -> list[str]:
    """Every test cell of a source notebook that breaks the rule, by grade id."""
    from .plan import plan

    steps = plan(nb)
    learner = set().union(*(s.learner_names for s in steps))
    found = []
    for step in steps:
        if step.kind != "test":
            continue
        for problem in expected_value_problems(step.cell.source, learner):
            found.append(f"{step.grade_id}, {problem}")
    return found
