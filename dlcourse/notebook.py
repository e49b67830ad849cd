"""What every course notebook calls in its first cell: kind error messages and the grading mode.

``setup()`` makes one common confusion impossible to miss: when an exercise is not implemented yet,
later cells that use its result fail with ``NameError``; the notebook then says why, instead of
leaving the learner with a bare "name 'd' is not defined".

``grading()`` tells whether nbgrader is grading or validating the notebook (it sets
``NBGRADER_EXECUTION``), and ``schedule(full, short)`` picks the length of a long training run
accordingly, so that grading time is spent on checks rather than on training.
"""

from __future__ import annotations

import os

_unfinished: list[str] = []


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
    shell.showtraceback((etype, evalue, tb), tb_offset=tb_offset)
    name, error = None, evalue
    while error is not None and name is None:  # the check helpers re-raise with a cause
        name = _where(error.__traceback__)
        error = error.__cause__ or error.__context__
    if name and name not in _unfinished:
        _unfinished.append(name)


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
