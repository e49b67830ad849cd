"""The learner's values seen from the grader: objects that are not data, and functions whose
calls run in the learner's kernel on copies of their arguments."""

from __future__ import annotations

import builtins
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
    arguments, and returns a copy of its result.

    Nothing comes back from the call but its result (or its error): what the function does to
    its copies of the arguments, and the random state it leaves, stay in the kernel. So the
    grader's own objects, from which a test computes its expected values, are never touched by
    learner code; a test that wants to know what a call did to its arguments asks for it with
    :func:`dlcourse.checks.arguments_after`, which reports the kernel's copies as data.
    """

    def __init__(self, kernel: Kernel, ref: wire.Ref, name: str | None = None):
        super().__init__(ref)
        self._kernel = kernel
        self._name = name

    def __call__(self, *args, **kwargs):
        return self._call(args, kwargs, report=False)

    def call_reporting_arguments(self, *args, **kwargs):
        """``(result, args, kwargs)``: the result, and the arguments as the call left the
        kernel's copies of them (see :func:`dlcourse.checks.arguments_after`)."""
        return self._call(args, kwargs, report=True)

    def _call(self, args: tuple, kwargs: dict, report: bool):
        import numpy as np

        test = self._kernel.test or TestRun("", {}, set(),
                                            time.monotonic() + self._kernel.timeout)
        # the grader's own functions the test put in place of learner's functions: the learner's
        # code calls them instead, for the time of this call, and the grader answers each call
        callbacks = {name: value for name, value in test.namespace.items()
                     if name in test.learner_names and callable(value)
                     and not isinstance(value, RemoteObject)}
        record = test.record(self._name, args, kwargs)
        # NumPy's global random state goes into the call, so that a test that seeds it and calls
        # the learner's function gets the numbers that one process would give; the state the
        # learner's code leaves behind is not brought back
        answer = self._kernel.request({"op": "call", "target": self._ref, "args": list(args),
                                       "kwargs": kwargs, "random": list(np.random.get_state()),
                                       "report": report},
                                      test.printed, test.deadline, callbacks)
        for text in test.printed:  # what the learner's code printed, where the test can read it
            print(text, end="")
        test.printed.clear()
        if "error" in answer:
            error = _learner_exception(answer["error"])
            if record is not None:
                record.error = f"{type(error).__name__}: {error}"
            raise error
        value = answer.get("value")
        if record is not None:
            record.result = value
        if not report:
            return value
        after = answer.get("arguments")
        if not (isinstance(after, list) and len(after) == 2 and isinstance(after[0], list)
                and isinstance(after[1], dict)):
            raise KernelAnswerError("the kernel did not say what the call did to its arguments")
        return value, tuple(after[0]), after[1]


class KernelAnswerError(RuntimeError):
    """The kernel's answer is not of the form the grader asked for."""


TEST_FILENAME = "<test cell>"


@dataclass
class TestRun:
    """The test cell the grader is running: what calls of the learner's functions from it need,
    and what they did (for the diagnosis of a failed exercise)."""

    source: str  # its code, as Python
    namespace: dict  # the names it sees
    learner_names: set[str]  # which of them are the learner's (a test may put its own in place)
    deadline: float  # when its time is up
    printed: list[str] = field(default_factory=list)  # what the learner's code printed
    calls: list = field(default_factory=list)  # misconceptions.Call, one per call of a function
    recording: bool = True  # whether calls are recorded (the diagnosis needs the hidden ones)

    #: Calls recorded at most per test cell; a test calling a function in a long loop needs no more
    #: to tell one mistake from another.
    MAX_CALLS = 50

    def record(self, name: str | None, args: tuple, kwargs: dict):
        """A record of a call about to be made (its result is filled in afterwards), or None."""
        if not self.recording or name is None or len(self.calls) >= self.MAX_CALLS:
            return None
        import copy

        import numpy as np

        try:
            from .misconceptions import Call
        except ImportError:  # a course without the diagnosis
            return None
        try:
            args, kwargs = copy.deepcopy((args, kwargs))
        except Exception:  # an argument that cannot be copied: the call is not recorded
            return None
        call = Call(function=name, args=args, kwargs=kwargs,
                    random_state=np.random.get_state())
        self.calls.append(call)
        return call


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


