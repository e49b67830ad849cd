"""Learner-facing checks: compare a result with the expected one and say precisely what differs.

A check compares, in this order, the **type** of the result (a NumPy array, a Python float, a dict,
a tuple...), then its **shape** (and for arrays, whether it holds floating-point numbers), then its
**values** within a stated tolerance. The first difference found is reported with what was
expected, what came, and the likely cause; nothing else is compared after it, because a wrong shape
makes a value comparison meaningless.

In a notebook::

    from dlcourse.checks import check, exercise

    with exercise("sigmoid"):
        check("sigmoid(np.array([1, 2, 3]))", sigmoid(np.array([1, 2, 3])),
              np.array([0.73105858, 0.88079708, 0.95257413]))

A passing check prints one line. A failing one raises :class:`CheckFailed` (an ``AssertionError``,
so nbgrader counts the test cell as failed) whose message is the explanation. Inside
``exercise(name)``, a ``NotImplementedError`` from the learner's function becomes a clear
"not implemented yet" message naming the exercise.

In a notebook (and in nbgrader's *Validate*, which shows the notebook's errors), these two errors
show their message alone, not a traceback through this module: a learner reads first what went
wrong and what to do, in lines short enough for a terminal (see :data:`WIDTH`).
"""

from __future__ import annotations

import contextlib
import functools
import numbers
import textwrap

import numpy as np

PASS = "\u2714"  # check mark
FAIL = "\u2718"  # cross

#: Default tolerances: relative and absolute, as in ``np.allclose``.
RTOL = 1e-5
ATOL = 1e-7


#: Longest line of a message as a notebook shows it: ``nbgrader validate`` cuts longer lines short
#: when it prints them in a terminal (its width, 90 characters, less its indent).
WIDTH = 80

_RED, _PLAIN = "\x1b[31m", "\x1b[39m"  # the colour IPython gives the name of an error


def _wrapped(text: str, indent: str = "", more: str = "    ") -> list[str]:
    """``text`` cut into lines of at most :data:`WIDTH` characters: the first after ``indent``,
    the others after ``indent + more``."""
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + more,
                         break_long_words=False, break_on_hyphens=False) or [indent]


class CheckFailed(AssertionError):
    """A result differs from the expected one; the message says how and why it may be."""

    def _render_traceback_(self) -> list[str]:
        """What IPython shows for a failed check (its hook for custom tracebacks): the message
        alone, from its first line (``✘ label: what``) on, a long likely cause wrapped."""
        first, *rest = str(self).splitlines() or [""]
        if first.startswith(FAIL):
            first = _RED + FAIL + _PLAIN + first[len(FAIL):]
        shown = [first]
        for line in rest:
            text = line.lstrip()
            if text.startswith("likely cause:") and len(line) > WIDTH:
                shown += _wrapped(text, line[: len(line) - len(text)])
            else:
                shown.append(line)
        return shown


def _describe_type(value) -> str:
    if isinstance(value, np.ndarray):
        return f"a NumPy array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, np.generic):
        return f"a NumPy scalar of type {type(value).__name__}"
    return f"a {type(value).__name__}"


def _short(value, limit: int = 300) -> str:
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=8, threshold=12, edgeitems=3, max_line_width=90)
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _fail(label: str, what: str, expected: str, got: str, cause: str | None) -> CheckFailed:
    lines = [f"{FAIL} {label}: {what}", f"    expected: {expected}", f"    got:      {got}"]
    if cause:
        lines.append(f"    likely cause: {cause}")
    return CheckFailed("\n".join(lines))


def _shape_cause(expected_shape: tuple, got_shape: tuple) -> str:
    if got_shape == tuple(reversed(expected_shape)):
        return "the result is transposed: check the order of the operands in np.dot, or a .T"
    squeeze = tuple(d for d in got_shape if d != 1)
    if squeeze == tuple(d for d in expected_shape if d != 1):
        if len(got_shape) < len(expected_shape):
            return ("a dimension of size 1 was dropped: keep it with keepdims=True in a sum or "
                    "max, or reshape")
        return "an extra dimension of size 1: use reshape, or drop keepdims=True where not needed"
    if int(np.prod(got_shape)) == int(np.prod(expected_shape)):
        return "same number of elements in another arrangement: check the arguments of reshape"
    return ("the wrong axis was reduced or broadcast, or a shape was hard-coded instead of being "
            "read from the input (x.shape)")


def _check_array(label, got, expected: np.ndarray, rtol, atol, hint):
    if not isinstance(got, np.ndarray):
        cause = hint
        if isinstance(got, (list, tuple)):
            cause = "a Python list was built in a loop: use NumPy operations on the array"
        elif isinstance(got, numbers.Number):
            cause = ("the function returned a single number where an array was expected: "
                     "math.* functions work on scalars only, use np.*")
        raise _fail(label, "wrong type", _describe_type(expected), _describe_type(got), cause)
    if expected.dtype.kind == "f" and got.dtype.kind not in "fc":
        cause = ("a comparison gives booleans: convert them with .astype(float)"
                 if got.dtype.kind == "b" else
                 "integer arithmetic: divide by a float, or create arrays as floats")
        raise _fail(label, "wrong dtype", f"floating-point numbers ({expected.dtype})",
                    f"{got.dtype}", cause)
    if got.shape != expected.shape:
        raise _fail(label, "wrong shape", str(expected.shape), str(got.shape),
                    _shape_cause(expected.shape, got.shape))
    if expected.dtype.kind in "biufc":
        if got.dtype.kind not in "biufc":
            raise _fail(label, "wrong dtype", f"numbers ({expected.dtype})", f"{got.dtype}", hint)
        if not np.all(np.isfinite(got)) and np.all(np.isfinite(expected)):
            raise _fail(label, "values are not finite", _short(expected), _short(got),
                        hint or "an overflow (np.exp of a large number) or a division by zero: "
                        "look for a numerically stable formulation")
        if not np.allclose(got, expected, rtol=rtol, atol=atol):
            diff = np.abs(got.astype(np.float64) - expected.astype(np.float64))
            worst = np.unravel_index(int(np.argmax(diff)), diff.shape) if diff.ndim else ()
            where = f" (largest difference {diff.max():.3g} at index {tuple(map(int, worst))})"
            raise _fail(label, "wrong values" + where, _short(expected), _short(got),
                        hint or _value_cause(got, expected))
    elif not np.array_equal(got, expected):
        raise _fail(label, "wrong values", _short(expected), _short(got), hint)


def _value_cause(got, expected) -> str | None:
    got = np.asarray(got, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if np.allclose(got, -expected, rtol=RTOL, atol=ATOL):
        return "a sign is flipped"
    nonzero = np.abs(expected) > 1e-12
    if nonzero.sum() >= 2:  # one number always has "a constant ratio": no evidence of a factor
        ratio = got[nonzero] / expected[nonzero]
        if np.allclose(ratio, ratio.flat[0], rtol=1e-6) and not np.isclose(ratio.flat[0], 1) \
                and not np.isclose(ratio.flat[0], 0):
            return (f"every value is {ratio.flat[0]:.4g} times the expected one: a missing or "
                    "extra factor (an average instead of a sum, 1/m, a 2, a learning rate...)")
    return None


def _check_scalar(label, got, expected, rtol, atol, hint):
    if isinstance(got, np.ndarray) and got.ndim == 0 and got.dtype.kind in "biuf":
        got = got.item()  # what np.squeeze makes of a 1x1 array: a number in all but name
    if isinstance(got, np.ndarray):
        cause = (f"the result is an array of shape {got.shape}, not a number: convert it "
                 "with float(...)")
        raise _fail(label, "wrong type", _describe_type(expected), _describe_type(got), cause)
    if isinstance(expected, bool) or not isinstance(got, numbers.Number) or isinstance(got, bool):
        if type(got) is not type(expected) or got != expected:
            raise _fail(label, "wrong type" if type(got) is not type(expected) else "wrong value",
                        f"{_describe_type(expected)} {expected!r}", f"{_describe_type(got)} "
                        f"{_short(got)}", hint)
        return
    if isinstance(expected, float) and not isinstance(got, numbers.Real):
        raise _fail(label, "wrong type", _describe_type(expected), _describe_type(got), hint)
    if isinstance(expected, numbers.Integral) and not isinstance(got, numbers.Integral):
        if not (isinstance(got, float) and float(got).is_integer()):
            raise _fail(label, "wrong type", _describe_type(expected), _describe_type(got),
                        "a whole number was expected")
    if not np.isfinite(got) and np.isfinite(expected):
        raise _fail(label, "value is not finite", repr(expected), repr(got),
                    hint or "an overflow or a division by zero, or log(0)")
    if not np.isclose(got, expected, rtol=rtol, atol=atol):
        raise _fail(label, "wrong value", repr(expected), _short(got),
                    hint or _value_cause(got, expected))


def compare(label: str, got, expected, *, rtol: float = RTOL, atol: float = ATOL,
            hint: str | None = None) -> None:
    """Raise :class:`CheckFailed` if ``got`` differs from ``expected``; return ``None`` if not.

    Arrays are compared by type, dtype (floating point or not), shape, then values; numbers by type
    then value; dicts by their keys then each value; tuples and lists by length then each item.
    ``hint`` names the likely cause of wrong values (it replaces the automatic guess there); a
    wrong type or shape keeps its automatic cause where one is known, else shows ``hint``.
    """
    if isinstance(expected, np.ndarray):
        _check_array(label, got, expected, rtol, atol, hint)
    elif isinstance(expected, dict):
        if not isinstance(got, dict):
            raise _fail(label, "wrong type", "a dict with keys " + repr(sorted(expected)),
                        _describe_type(got), hint)
        missing = sorted(set(expected) - set(got))
        extra = sorted(set(got) - set(expected))
        if missing or extra:
            raise _fail(label, "wrong keys", repr(sorted(expected)), repr(sorted(got)),
                        hint or (f"missing {missing}" if missing else f"unexpected {extra}") +
                        ": check the spelling of the keys")
        for key in expected:
            compare(f"{label}[{key!r}]", got[key], expected[key], rtol=rtol, atol=atol, hint=hint)
    elif isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            raise _fail(label, "wrong type", f"a {type(expected).__name__} of {len(expected)} "
                        "items", _describe_type(got), hint or "return all the values, "
                        "separated by commas")
        if len(got) != len(expected):
            raise _fail(label, "wrong number of items", str(len(expected)), str(len(got)), hint)
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            compare(f"{label}[{i}]", g, e, rtol=rtol, atol=atol, hint=hint)
    elif isinstance(expected, (numbers.Number, np.generic)) or expected is None \
            or isinstance(expected, (str, bytes)):
        _check_scalar(label, got, expected, rtol, atol, hint)
    else:
        raise TypeError(f"compare() does not know how to compare {type(expected).__name__}")


def check(label: str, got, expected, *, rtol: float = RTOL, atol: float = ATOL,
          hint: str | None = None) -> None:
    """Compare like :func:`compare`, and print one line saying that the check passed."""
    compare(label, got, expected, rtol=rtol, atol=atol, hint=hint)
    print(f"{PASS} {label}: as expected")


def check_that(label: str, condition: bool, explanation: str) -> None:
    """A check of a property rather than a value: ``explanation`` says what went wrong."""
    if not condition:
        raise CheckFailed(f"{FAIL} {label}: {explanation}")
    print(f"{PASS} {label}: as expected")



def arguments_after(function, *args, **kwargs):
    """Call ``function`` on copies of its arguments; return ``(result, args, kwargs)``: its result,
    and the copies as the call left them, so that a test can check that a function leaves its
    arguments unchanged while computing its expected values from the originals, which no call
    touches::

        got, (z_after,), _ = arguments_after(relu, z)
        check("relu(z)", got, np.maximum(z, 0))
        check_that("relu leaves z unchanged", np.array_equal(z_after, z), "...")

    While grading, a learner's function runs in the learner's own kernel: it then reports what
    the call did to its copies (``arguments_after`` is how a test asks for that)."""
    import copy

    report = getattr(function, "call_reporting_arguments", None)
    if callable(report):
        return report(*args, **kwargs)
    args, kwargs = copy.deepcopy((args, kwargs))
    result = function(*args, **kwargs)
    return result, tuple(args), kwargs

#: Errors that NumPy or Python raise on common learner mistakes, and what usually causes them.
RAW_CAUSES = [
    (TypeError, ("only 0-dimensional arrays can be converted", "only length-1 arrays can be"),
     "a math.* function (or float()) was given an array: use the np.* version, which works on "
     "every element"),
    (ValueError, ("truth value of an array",),
     "Python's if, and, or, max or min was used on an array: use np.maximum, np.where or "
     "element-wise operators (&, |)"),
    (ValueError, ("operands could not be broadcast together",),
     "the shapes of two arrays do not fit: a sum or max that dropped a dimension "
     "(keepdims=True keeps it), a transposed operand, or a hard-coded shape"),
    (ValueError, ("not aligned", "matmul: Input operand"),
     "the inner dimensions of a matrix product differ: check the order of the operands of "
     "np.dot and their shapes (a .T missing or extra)"),
    (OverflowError, ("math range error",),
     "math.exp of a large number: use np.exp, and a numerically stable formula"),
]


def _explained(error: Exception) -> Exception | None:
    """The same error with its likely cause added, for the mistakes listed in RAW_CAUSES."""
    text = str(error)
    for kind, fragments, cause in RAW_CAUSES:
        if isinstance(error, kind) and any(f in text for f in fragments):
            return type(error)(f"{text}\n    likely cause: {cause}")
    return None


def _raised_in(error: BaseException) -> str | None:
    """The name of the function that raised ``error`` (None at the top level of a cell). An
    error of the learner's code run in its own kernel while the grader checks it says so in its
    ``raised_in`` attribute."""
    if hasattr(error, "raised_in"):
        return error.raised_in
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    name = tb.tb_frame.f_code.co_name if tb is not None else None
    return None if name is None or name.startswith("<") else name


def _missing_at_top(error: NameError) -> bool:
    """True when the name is missing in the test cell itself, not inside the learner's code."""
    tb = error.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_name == "<module>"


#: What to do about an exercise not implemented yet.
WRITE_IT = ("write your code in its cell where it says YOUR CODE HERE (and remove the "
            "`raise NotImplementedError()` line), run that cell, then run this one again.")


def not_implemented(headline: str, advice: str = WRITE_IT, sep: str = ": ") -> NotImplementedError:
    """The error that says that an exercise is not implemented yet, and what to do about it.

    Its message is one line, ``headline + sep + advice``. A notebook shows it as
    ``NotImplementedError: <headline>`` then the advice, wrapped, in place of a traceback
    (IPython's ``_render_traceback_`` hook), so that what a learner reads first, in the notebook
    and in nbgrader's *Validate* (which shows the error of each failing cell), is the headline."""
    error = NotImplementedError(headline + (sep + advice if advice else ""))
    shown = [f"{_RED}NotImplementedError{_PLAIN}: {headline}"]
    if advice:
        shown += _wrapped(advice[:1].upper() + advice[1:], "    ", "")
    error._render_traceback_ = functools.partial(list, shown)  # a partial pickles, a lambda not
    return error


@contextlib.contextmanager
def exercise(name: str):
    """Group the checks of one exercise; turn "not implemented" into a message that says so.

    On success it prints a closing line. A ``NotImplementedError`` raised by the learner's code,
    or a name the checks need that does not exist yet (its cell has not run), becomes a
    ``NotImplementedError`` whose message names the exercise and what to do. A NumPy or Python
    error typical of a learner's mistake (see ``RAW_CAUSES``) gets its likely cause added.
    """
    try:
        yield
    except NotImplementedError as error:
        inner = _raised_in(error)
        if inner and inner != name:
            raise not_implemented(
                f"{name} cannot run yet: {inner}, which it uses, is not implemented yet",
                f"Write {inner} where it says YOUR CODE HERE, run its cell, then run this one "
                "again.", sep=". ") from error
        raise not_implemented(f"{name} is not implemented yet") from error
    except NameError as error:
        if not _missing_at_top(error):
            raise  # a name missing inside the learner's own code: the traceback shows where
        raise not_implemented(
            f"{name} is not implemented yet, or its cell has not run",
            f"{error}. Write it where it says YOUR CODE HERE, run its cell (and the cells above "
            "it), then run this one again.") from error
    except (TypeError, ValueError, OverflowError) as error:
        explained = _explained(error)
        if explained is None:
            raise
        raise explained from error
    print(f"All checks of {name} passed.")
