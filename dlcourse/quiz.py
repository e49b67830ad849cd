"""Theory questions: the form of an answer checked at once, the answer itself judged when graded.

A question of a course notebook is three cells: the question (text), an answer cell in which the
learner sets one variable (``answer_q3 = "b"``), and a test cell with points::

    from dlcourse import quiz

    with quiz.question("answer_q3") as q:
        q.choice(answer_q3, options="abcd")
    ### BEGIN HIDDEN TESTS
    q.judge("b", why="...")
    ### END HIDDEN TESTS

The visible part checks only the **form** of the answer: a letter that the question offers, a set
of such letters, True or False, a number, a shape... It is forgiving where the meaning is clear
(``"B "`` is ``"b"``, a list of letters is a set, a list of sizes is a shape) and says precisely
what is expected otherwise. It never knows the right answer, so it cannot give it away: its
messages depend on the answer given and on the form the question asks for, nothing else. An
answer left at ``None`` (or whose cell has not run) fails with a ``NotImplementedError`` saying
that the question is *not answered yet*, like an exercise not implemented yet.

The hidden part, present only when the notebook is graded, compares the normalised answer with the
key and, right or wrong, prints the explanation written for the question, each line starting with
:data:`EXPLANATION_PREFIX` (the feedback of a graded notebook keeps those lines of the hidden
output and no other); a wrong answer then fails the cell with :class:`~dlcourse.checks.CheckFailed`.
"""

from __future__ import annotations

import ast
import math
import numbers
import os
import re
import textwrap

import numpy as np

from .checks import FAIL, PASS, CheckFailed, _describe_type

#: The start of every line of an explanation: what the feedback shows of a hidden test's output.
EXPLANATION_PREFIX = "Why: "
#: What a blank answer's message says.
NOT_ANSWERED = "not answered yet"
#: The forms of answer, by the name of the check that reads them.
KINDS = ("choice", "choices", "true_false", "number", "numbers", "shape", "shapes")
#: Explanations are wrapped to lines of at most this many characters, the prefix included.
WIDTH = 100


class FormatError(CheckFailed):
    """An answer not in the form its question asks for; the message says which form that is."""


def not_answered(name: str, missing: bool = False) -> NotImplementedError:
    """The error of a blank answer (``None``), or of one whose cell has not run (``missing``)."""
    if missing:
        return NotImplementedError(
            f"{name} is {NOT_ANSWERED}, or its cell has not run: write your answer in its cell "
            f"(in place of None), run that cell, then run this one again.")
    return NotImplementedError(
        f"{name} is {NOT_ANSWERED}: replace None by your answer in its cell, run that cell, "
        "then run this one again.")


def _fail(name: str, message: str) -> FormatError:
    return FormatError(f"{FAIL} {name}: {message}")


def _listing(options: str) -> str:
    letters = list(options)
    return ", ".join(letters[:-1]) + " or " + letters[-1] if len(letters) > 1 else letters[0]


def _kind_of(value) -> str:
    """"an int", "a list", "a NumPy array of shape (2,) and dtype int64"..."""
    text = _describe_type(value)
    return "an " + text[2:] if text.startswith("a ") and text[2:3] in "aeiou" else text


def _is_number(value) -> bool:
    return isinstance(value, (numbers.Real, np.integer, np.floating)) and \
        not isinstance(value, (bool, np.bool_))


def _letter(text: str) -> str:
    """``" (B) "`` -> ``"b"``: case, spaces and the parentheses of an option's label dropped."""
    text = text.strip().lower()
    if re.fullmatch(r"\(\s*\w+\s*\)", text):
        text = text[1:-1].strip()
    elif re.fullmatch(r"\w+\s*[).]", text):
        text = text[:-1].strip()
    return text


def _check_options(options) -> str:
    if not isinstance(options, str) or not re.fullmatch(r"[a-z]{2,26}", options) or \
            len(set(options)) != len(options):
        raise ValueError(f"options must be the letters of the options, like 'abcd': {options!r}")
    return options


def _from_text(name: str, value, what: str):
    """A number, tuple or list written between quotes, read as Python would read it unquoted."""
    try:
        return ast.literal_eval(value.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        raise _fail(name, f"{what}; {value!r} is text that is not one: write it without "
                    "quotes") from None


# --- the forms of answer: each returns the answer normalised, or raises --------------------------

def choice(name: str, value, options: str = "abcd") -> str:
    """One letter among ``options``, as a string; case, spaces and parentheses do not matter."""
    options = _check_options(options)
    if value is None:
        raise not_answered(name)
    expected = f"one letter in quotes, {_listing(options)}"
    if isinstance(value, (list, tuple, set, frozenset)):
        raise _fail(name, f"this question has one right option: give {expected}, not a "
                    f"{type(value).__name__}")
    if not isinstance(value, str):
        raise _fail(name, f"give {expected}; {name} is {_kind_of(value)}"
                    + (" (did you forget the quotes?)" if not _is_number(value) else ""))
    letter = _letter(value)
    if len(letter) == 1 and letter in options:
        return letter
    if len(letter) > 1 and all(c in options for c in re.sub(r"[\s,]", "", letter)):
        raise _fail(name, f"this question has one right option: give {expected}, not "
                    f"{value!r}")
    if not letter:
        raise _fail(name, f"an empty string: give {expected}")
    raise _fail(name, f"{value!r} is not one of the options: give {expected}")


def choices(name: str, value, options: str = "abcde") -> frozenset:
    """A set of letters among ``options`` (a list or tuple of them counts as a set, and so does a
    string such as ``"a, c"``); at least one letter."""
    options = _check_options(options)
    if value is None:
        raise not_answered(name)
    expected = ("the letters of every right option, as a set of letters in quotes between "
                f"braces {{ }}, among {_listing(options)}")
    if isinstance(value, str):
        text = value.strip().lower()
        items = [p for p in re.split(r"[\s,;]+", text) if p] if re.search(r"[\s,;]", text) \
            else list(text)
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    else:
        raise _fail(name, f"give {expected}; {name} is {_kind_of(value)}")
    letters = set()
    for item in items:
        if not isinstance(item, str):
            raise _fail(name, f"every item must be a letter in quotes, and {item!r} is "
                        f"{_kind_of(item)}: give {expected}")
        letter = _letter(item)
        if len(letter) != 1 or letter not in options:
            raise _fail(name, f"{item!r} is not one of the options {_listing(options)}")
        letters.add(letter)
    if not letters:
        raise _fail(name, f"no letter given: give {expected} (at least one option is right)")
    return frozenset(letters)


def true_false(name: str, value) -> bool:
    """``True`` or ``False`` (the words ``"true"`` and ``"false"`` in quotes count too)."""
    if value is None:
        raise not_answered(name)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise _fail(name, f"give True or False (without quotes); {name} is "
                f"{_kind_of(value)} {value!r}"[:300])


def number(name: str, value, whole: bool = False):
    """A finite number (a whole one if ``whole``); a number written in quotes counts too."""
    if value is None:
        raise not_answered(name)
    what = "a whole number" if whole else "a number"
    if isinstance(value, str):
        value = _from_text(name, value, what)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if not _is_number(value):
        raise _fail(name, f"give {what}; {name} is {_kind_of(value)}")
    value = float(value)
    if not math.isfinite(value):
        raise _fail(name, f"give {what}; {value!r} is not a finite number")
    if whole:
        if not value.is_integer():
            raise _fail(name, f"give {what}; {value!r} is not one")
        return int(value)
    return value


def numbers_(name: str, value, count: int) -> tuple:
    """``count`` numbers, as a tuple (a list counts too), in the order the question gives."""
    if value is None:
        raise not_answered(name)
    what = f"a tuple of {count} numbers, in the order the question gives"
    if isinstance(value, str):
        value = _from_text(name, value, what)
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = value.tolist()
    if not isinstance(value, (list, tuple)):
        raise _fail(name, f"give {what}; {name} is {_kind_of(value)}")
    if len(value) != count:
        raise _fail(name, f"give {what}; it holds {len(value)}")
    return tuple(number(f"{name}[{i}]", v) for i, v in enumerate(value))


def shape(name: str, value, dims: int | None = None) -> tuple:
    """A shape: a tuple of whole numbers, ``dims`` of them if given (a list counts too)."""
    if value is None:
        raise not_answered(name)
    what = (f"a shape: a tuple of {dims} whole numbers" if dims else
            "a shape: a tuple of whole numbers") + (", (rows, columns)" if dims == 2 else "")
    if isinstance(value, str):
        value = _from_text(name, value, what)
    if isinstance(value, np.ndarray):
        raise _fail(name, f"give {what}, not an array (x.shape is the shape of an array x)")
    if _is_number(value):
        raise _fail(name, f"give {what}; {name} is one number: a shape is written in "
                    "parentheses, like (rows, columns)")
    if not isinstance(value, (list, tuple)):
        raise _fail(name, f"give {what}; {name} is {_kind_of(value)}")
    sizes = []
    for item in value:
        if not _is_number(item) or not float(item).is_integer() or item < 0:
            raise _fail(name, f"give {what}; {item!r} is not a size (a whole number, 0 or more)")
        sizes.append(int(item))
    if dims is not None and len(sizes) != dims:
        raise _fail(name, f"give {what}; {tuple(sizes)} has {len(sizes)}")
    return tuple(sizes)


def shapes(name: str, value, count: int, dims: int | None = None) -> tuple:
    """``count`` shapes, as a tuple of tuples (lists count too), in the order the question
    gives."""
    if value is None:
        raise not_answered(name)
    what = f"a tuple of {count} shapes, in the order the question gives"
    if isinstance(value, str):
        value = _from_text(name, value, what)
    if not isinstance(value, (list, tuple)) or \
            not all(isinstance(v, (list, tuple)) or v is None for v in value):
        raise _fail(name, f"give {what}, each a tuple of sizes; {name} is "
                    f"{_kind_of(value)} {value!r}"[:300])
    if len(value) != count:
        raise _fail(name, f"give {what}; it holds {len(value)}")
    return tuple(shape(f"{name}[{i}]", v, dims) for i, v in enumerate(value))


NORMALISERS = {"choice": choice, "choices": choices, "true_false": true_false, "number": number,
               "numbers": numbers_, "shape": shape, "shapes": shapes}


def normalise(kind: str, name: str, value, **spec):
    """The answer ``value`` of the form ``kind`` (with its ``spec``: options, count...),
    normalised; :class:`FormatError`, or ``NotImplementedError`` for a blank answer."""
    return NORMALISERS[kind](name, value, **spec)


def same(kind: str, given, key, tolerance: float | None = None) -> bool:
    """Whether two normalised answers of the form ``kind`` are the same answer: numbers within
    ``tolerance`` (default: equal but for rounding), everything else exactly."""
    if kind in ("number", "numbers"):
        pairs = [(given, key)] if kind == "number" else list(zip(given, key, strict=True))
        return all(abs(g - k) <= (tolerance if tolerance is not None else
                                  1e-9 * max(1.0, abs(k))) for g, k in pairs)
    return given == key


def shown(value) -> str:
    """A normalised answer written as Python, as a learner would type it."""
    if isinstance(value, frozenset):
        return "{" + ", ".join(shown(v) for v in sorted(value)) + "}"
    if isinstance(value, tuple):
        inner = ", ".join(shown(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return repr(int(value))
    return repr(value)


def explanation_lines(why: str) -> list[str]:
    """The explanation as printed: wrapped, each line starting with :data:`EXPLANATION_PREFIX`
    (a blank line of ``why`` starts a new paragraph)."""
    lines = []
    for paragraph in re.split(r"\n\s*\n", why.strip()):
        text = " ".join(paragraph.split())
        lines += [EXPLANATION_PREFIX + line
                  for line in textwrap.wrap(text, WIDTH - len(EXPLANATION_PREFIX)) or [""]]
    return lines


# --- the test cell's side -------------------------------------------------------------------------

class Question:
    """One question's test: ``with question(name) as q:`` then one check of the answer's form
    (``q.choice(...)``, ``q.number(...)``...), and, in the hidden part, ``q.judge(key, why)``."""

    def __init__(self, name: str):
        self.name = name
        self.kind: str | None = None
        self.spec: dict = {}
        self.value = None

    def __enter__(self) -> Question:
        return self

    def __exit__(self, etype, error, tb) -> bool:
        if etype is not None and issubclass(etype, NameError) and \
                getattr(error, "name", None) == self.name:
            raise not_answered(self.name, missing=True) from None
        if etype is None:
            if self.kind is None:
                raise RuntimeError(f"the test of {self.name} checks no answer: call one of "
                                   f"{', '.join(KINDS)}")
            later = "" if os.environ.get("NBGRADER_EXECUTION") == "autograde" else \
                "; whether it is right is known when your notebook is graded"
            print(f"{PASS} {self.name}: {shown(self.value)} is a well-formed answer{later}")
        return False

    def _read(self, kind: str, value, **spec):
        self.value = normalise(kind, self.name, value, **spec)
        self.kind, self.spec = kind, spec
        return self.value

    def choice(self, value, options: str = "abcd") -> str:
        return self._read("choice", value, options=options)

    def choices(self, value, options: str = "abcde") -> frozenset:
        return self._read("choices", value, options=options)

    def true_false(self, value) -> bool:
        return self._read("true_false", value)

    def number(self, value, whole: bool = False):
        return self._read("number", value, whole=whole)

    def numbers(self, value, count: int) -> tuple:
        return self._read("numbers", value, count=count)

    def shape(self, value, dims: int | None = None) -> tuple:
        return self._read("shape", value, dims=dims)

    def shapes(self, value, count: int, dims: int | None = None) -> tuple:
        return self._read("shapes", value, count=count, dims=dims)

    def judge(self, key, why: str, tolerance: float | None = None) -> None:
        """Print the explanation, then pass if the answer is ``key``, else fail the cell."""
        if self.kind is None:
            raise RuntimeError(f"{self.name}: judge() comes after the check of the answer's form")
        try:
            key = normalise(self.kind, "the key", key, **self.spec)
        except (FormatError, NotImplementedError) as error:
            raise ValueError(f"the key of {self.name} is not a valid answer: {error}") from None
        for line in explanation_lines(why):
            print(line)
        if not same(self.kind, self.value, key, tolerance):
            raise CheckFailed(f"{FAIL} {self.name}: not the right answer (the explanation above "
                              "says why)")
        print(f"{PASS} {self.name}: right")


def question(name: str) -> Question:
    """The test of the answer held in the variable ``name``; use it in a ``with`` statement."""
    return Question(name)
