"""The learner's values seen from the grader: objects that are not data, and functions whose
calls run in the learner's kernel on copies of their arguments."""

from __future__ import annotations

import ast
import builtins
import contextlib
import functools
import textwrap
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..kernel import wire

if TYPE_CHECKING:
    from .kernel_client import Kernel

# --- the learner's values, seen from the grader ---------------------------------------------------

class LearnerError(Exception):
    """An error raised by the learner's code that is not one of Python's own exceptions."""


class RemoteObject:
    """Something of the learner's that is not data (an instance of their own class, say)."""

    def __init__(self, ref: wire.Ref):
        self._ref = ref

    def __repr__(self):
        return self._ref.text

    def __getattr__(self, name):
        raise TypeError(f"{self._ref.text} is a {self._ref.type_name}, which the checks cannot "
                        "look into: return NumPy arrays, numbers, lists, tuples or dicts")


class RemoteFunction(RemoteObject):
    """A learner's function: calling it runs it in the learner's kernel, on copies of the
    arguments, and returns a copy of its result."""

    def __init__(self, kernel: Kernel, ref: wire.Ref):
        super().__init__(ref)
        self._kernel = kernel

    def __call__(self, *args, **kwargs):
        import numpy as np

        test = self._kernel.test or TestRun("", {}, set(),
                                            time.monotonic() + self._kernel.timeout)
        printed = test.printed
        # the grader's own functions the test put in place of learner's functions: the learner's
        # code calls them instead, for the time of this call
        callbacks = {name: value for name, value in test.namespace.items()
                     if name in test.learner_names and callable(value)
                     and not isinstance(value, RemoteObject)}
        standins = {name: _portable(value, test) for name, value in callbacks.items()}
        standins = {name: code for name, code in standins.items() if code}
        callbacks = {name: value for name, value in callbacks.items() if name not in standins}
        # NumPy's global random state travels with the call, so that a test that seeds it and
        # calls the learner's function gets the numbers that one process would give
        answer = self._kernel.request({"op": "call", "target": self._ref, "args": list(args),
                                       "kwargs": kwargs, "random": list(np.random.get_state()),
                                       "standins": standins},
                                      printed, test.deadline, callbacks)
        state = answer.get("random")
        if isinstance(state, list) and len(state) == 5:
            with contextlib.suppress(TypeError, ValueError):
                np.random.set_state(tuple(state))
        for text in printed:
            print(text, end="")
        printed.clear()
        changes = answer.get("changes")
        if isinstance(changes, list) and len(changes) == 2:
            # what the function did to its arguments, done to the grader's own, as if it had run
            # here: a test can check that the learner's code modified or kept them
            _apply_changes(args, changes[0])
            _apply_changes(kwargs, changes[1])
        if "error" in answer:
            raise _learner_exception(answer["error"])
        return answer.get("value")


TEST_FILENAME = "<test cell>"


@dataclass
class TestRun:
    """The test cell the grader is running: what calls of the learner's functions from it need."""

    source: str  # its code, as Python
    namespace: dict  # the names it sees
    learner_names: set[str]  # which of them are the learner's (a test may put its own in place)
    deadline: float  # when its time is up
    printed: list[str] = field(default_factory=list)  # what the learner's code printed

    @functools.cached_property
    def functions(self) -> list[ast.FunctionDef]:
        """The functions it defines outside any function or class, undecorated."""
        try:
            tree = ast.parse(self.source)
        except SyntaxError:
            return []
        return [n for n in _top_level_functions(tree) if not n.decorator_list]


def _portable(function, test: TestRun) -> list[str] | None:
    """A stand-in the learner's kernel can define itself, so that the learner's code calls it
    without a round trip to the grader: a plain function defined in the test cell (code the
    feedback shows anyway), sent as ``[its name, the code of every function the cell defines]``.
    Its results only feed the learner's own computation, whose result the grader judges."""
    code = getattr(function, "__code__", None)
    if code is None or code.co_filename != TEST_FILENAME or getattr(function, "__closure__", None):
        return None
    defs = test.functions
    if not any(n.name == function.__name__ and n.lineno == code.co_firstlineno for n in defs):
        return None
    source = "\n\n".join(textwrap.dedent(ast.get_source_segment(test.source, n)) for n in defs)
    return [function.__name__, source]


def _top_level_functions(node):
    """Function definitions of a cell outside any function or class (in with, try, if...)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef):
            yield child
        elif not isinstance(child, (ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            yield from _top_level_functions(child)


def _apply_changes(mine, changes) -> None:
    """Do to ``mine`` what the learner's function did to its copy (see ``agent._changes``)."""
    import numpy as np

    if not isinstance(changes, list) or not changes:
        return
    kind = changes[0]
    if kind == "array" and isinstance(mine, np.ndarray) and len(changes) == 2:
        new = changes[1]
        if isinstance(new, np.ndarray) and new.shape == mine.shape and mine.flags.writeable:
            with contextlib.suppress(TypeError, ValueError):
                mine[...] = new
        return
    items = changes[1] if len(changes) == 2 else None
    if kind == "dict" and type(mine) is dict and isinstance(items, dict):
        result = {}
        for key, item in items.items():
            if _is_item(item) and item[0] == "same" and key in mine:
                _apply_changes(mine[key], item[1])
                result[key] = mine[key]
            elif _is_item(item):
                result[key] = item[1]
        mine.clear()
        mine.update(result)
    elif kind in ("list", "tuple") and type(mine) in (list, tuple) and isinstance(items, list):
        result = []
        for i, item in enumerate(items):
            if _is_item(item) and item[0] == "same" and i < len(mine):
                _apply_changes(mine[i], item[1])
                result.append(mine[i])
            elif _is_item(item):
                result.append(item[1])
        if type(mine) is list:
            mine[:] = result


def _is_item(item) -> bool:
    return isinstance(item, list) and len(item) == 2 and item[0] in ("same", "new")


def _learner_exception(info) -> BaseException:
    info = info if isinstance(info, dict) else {}
    ename, evalue = str(info.get("ename", "Error")), str(info.get("evalue", ""))
    kind = getattr(builtins, ename, None)
    if ename == "KeyboardInterrupt":
        error = TimeoutError("the learner's code was stopped at the time limit")
    elif isinstance(kind, type) and issubclass(kind, Exception) and \
            not issubclass(kind, (AssertionError, StopIteration, StopAsyncIteration)):
        try:
            error = kind(evalue)
        except Exception:  # an exception class that wants other arguments
            error = LearnerError(f"{ename}: {evalue}")
    else:
        error = LearnerError(f"{ename}: {evalue}")
    error.raised_in = info.get("where") if isinstance(info.get("where"), str) else None
    error.learner_traceback = str(info.get("traceback", ""))
    return error


class _Shell:
    """What ``get_ipython()`` returns in the grader: magics of given cells do nothing there."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


