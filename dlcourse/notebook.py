"""What every course notebook calls in its first cell: kind error messages and the grading mode.

``setup()`` makes one common confusion impossible to miss: when an exercise is not implemented yet,
later cells that use its result fail with ``NameError``; the notebook then says why, instead of
leaving the learner with a bare "name 'd' is not defined". A ``NotImplementedError`` says what is
not done yet in its first line, without a traceback (see :func:`dlcourse.checks.not_implemented`):
from a check, from any other helper of the course (a quiz question not answered yet), or from an
exercise still raising its ``NotImplementedError()``, called by a cell other than its check.

``grading()`` tells whether nbgrader is grading or validating the notebook (it sets
``NBGRADER_EXECUTION``), and ``schedule(full, short)`` picks the length of a long training run
accordingly, so that grading time is spent on checks rather than on training.
"""

from __future__ import annotations

import os
from pathlib import Path

_unfinished: list[str] = []
_HERE = Path(__file__).resolve().parent


def grading() -> bool:
    """True while nbgrader autogrades or validates the notebook."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def schedule(full, short):
    """``full`` for a learner's run, ``short`` while grading (see :func:`grading`)."""
    return short if grading() else full


def _where(tb) -> str | None:
    """The name of the innermost function of the notebook that raised, if any."""
    name = None
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.startswith("<ipython-input") or "/ipykernel_" in code.co_filename:
            if code.co_name != "<module>":
                name = code.co_name
        tb = tb.tb_next
    return name


def _on_not_implemented(shell, etype, evalue, tb, tb_offset=None):
    name, error = None, evalue
    while error is not None and name is None:  # the check helpers re-raise with a cause
        name = _where(error.__traceback__)
        error = error.__cause__ or error.__context__
    if name and name not in _unfinished:
        _unfinished.append(name)
    shell.showtraceback((etype, _shown(evalue, name), tb), tb_offset=tb_offset)


def _shown(error: NotImplementedError, stub: str | None) -> BaseException:
    """``error`` as the learner is to read it: "<exercise> is not implemented yet" first."""
    from .checks import not_implemented

    if hasattr(error, "_render_traceback_"):  # made to be read as it is (checks.exercise)
        return error
    message = str(error)
    if stub and not message:
        # the `raise NotImplementedError()` left in an exercise, reached from a cell other than
        # its check: say which exercise, as its check does, rather than show a bare traceback
        return not_implemented(f"{stub} is not implemented yet")
    if message and _raised_here(error):
        # the course's helpers raise it only to say what the learner has not done yet
        headline, sep, advice = message.partition(": ")
        return not_implemented(headline, advice, sep)
    return error


def _raised_here(error: BaseException) -> bool:
    """True when ``error`` was raised by this package's code, not the learner's nor a library's."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and Path(tb.tb_frame.f_code.co_filename).resolve().parent == _HERE


def _on_name_error(shell, etype, evalue, tb, tb_offset=None):
    shell.showtraceback((etype, evalue, tb), tb_offset=tb_offset)
    print(unfinished_hint(str(evalue)))


def unfinished_hint(error_text: str) -> str:
    """The explanation printed under a ``NameError``."""
    text = (f"Hint: {error_text}. This cell uses a result of a cell above that has not run "
            "successfully yet. Run the cells above, in order, and fix the first one that fails.")
    if _unfinished:
        text += (" Exercises not implemented yet so far: " + ", ".join(_unfinished) +
                 ": their results, and what is computed from them, do not exist yet.")
    return text


def setup() -> None:
    """Install the course's error hints in the running IPython kernel (a no-op elsewhere)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is None:
        return
    _unfinished.clear()

    def handler(shell, etype, evalue, tb, tb_offset=None):
        if issubclass(etype, NotImplementedError):
            return _on_not_implemented(shell, etype, evalue, tb, tb_offset)
        return _on_name_error(shell, etype, evalue, tb, tb_offset)

    shell.set_custom_exc((NotImplementedError, NameError), handler)
