"""The misconception catalogue: plausible wrong answers to each exercise, and the diagnosis of a
failed exercise by the wrong answer that behaves like the learner's code.

Each assignment may hold, beside its notebook, ``source/<assignment>/misconceptions.py``: plain
Python data edited by the instructor (it is kept out of the student versions, see
``nbgrader_config.py``), with

* ``CATALOGUE``: a list of entries, each a dict with

  - ``"id"``: ``"<function>:<slug>"``, stable, unique per assignment to one misconception
    (``<function>`` is the exercise's name: ``sigmoid`` for ``ex2_sigmoid``);
  - ``"exercise"``: the grade id of the solution cell (``"ex2_sigmoid"``);
  - ``"code"``: the whole code of that cell, as a learner with this misconception could write it
    (it is dedented; the other cells keep their reference code);
  - ``"explanation"``: for the learner: what goes wrong and how to think about the fix, without
    the solution's code;
  - ``"loses"`` (optional): the test cells it must fail, when they are not the exercise's own
    test and those of ``DEPENDENTS``.

  Several entries may share an id: they are *variants* of one misconception (a family), written
  in other styles or with another detail. A variant may leave out ``exercise`` and
  ``explanation``, which it takes from the first entry of its family.
* ``DEPENDENTS`` (optional): ``{<solution grade id>: [<test ids of the exercises that call
  it>]}``.

The course's tests grade every entry to prove that the hidden tests catch it
(``tests/mutation.py``). While grading, a failed exercise is *diagnosed* (:func:`diagnose`): each
entry of that exercise runs in the grader on copies of the arguments the tests gave the learner's
function, and the entries that return what the learner's function returned, call after call, name
the misconception. Matching is by behaviour only, never by the text of the code. So two
misconceptions of one exercise must behave differently on the tests' inputs (the course's tests
check it), and a mistake that changes no result (writing into an argument, printing at the wrong
time) is named whenever the exercise failed although every result was right.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import functools
import hashlib
import io
import os
import re
import signal
import textwrap
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

FILENAME = "misconceptions.py"

ID = re.compile(r"^(?P<function>[A-Za-z_]\w*):(?P<slug>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)$")
EXERCISE = re.compile(r"^ex\d+_(?P<name>\w+)$")
KEYS = {"id", "exercise", "code", "explanation", "loses"}

#: Longest a catalogue entry may take on one recorded call, and on one diagnosis in all (seconds):
#: an entry that takes longer does not match, and the entries left when the time is up are skipped.
CALL_SECONDS = 5.0
DIAGNOSIS_SECONDS = 30.0


class CatalogueError(ValueError):
    """A catalogue file that cannot be read: the message names the file and the entry."""


@dataclass(frozen=True)
class Entry:
    """One wrong answer of the catalogue."""

    id: str
    exercise: str
    code: str
    explanation: str
    loses: tuple[str, ...] | None = None

    @property
    def function(self) -> str:
        """The function (or, for an exercise that defines no function, the exercise's name)."""
        return self.id.split(":", 1)[0]


@dataclass
class Call:
    """One call of a learner's function made by a test, recorded by the grader.

    For an exercise whose cell defines values rather than a function (``m_train = ...``), a call
    stands for the cell: ``function`` is the exercise's name, ``args`` is empty, ``kwargs`` holds
    the values of the names the cell reads (the data), and ``result`` is a dict of the names the
    test read from the learner's cell, with their values."""

    function: str  # the function's name
    args: tuple  # deep copies of the grader's own arguments, as sent
    kwargs: dict
    random_state: tuple | None  # np.random.get_state() just before the call
    result: object = None  # the learner's result (plain data), when it returned
    error: str | None = None  # "ExceptionName: message" when it raised


@dataclass
class Catalogue:
    """An assignment's catalogue file, read."""

    path: Path
    entries: list[Entry]
    dependents: dict[str, list[str]]

    def families(self) -> dict[str, list[Entry]]:
        """The entries by id, in catalogue order."""
        found: dict[str, list[Entry]] = {}
        for entry in self.entries:
            found.setdefault(entry.id, []).append(entry)
        return found

    def explanation(self, misconception: str) -> str | None:
        return next((e.explanation for e in self.entries if e.id == misconception), None)

    def upstream(self, test_id: str) -> list[str]:
        """The test cells of the exercises whose mistakes also cost ``test_id`` (``DEPENDENTS``).
        When one of them failed too, the calls recorded by ``test_id`` show that other mistake
        (a learner's model misbehaves because their optimize does), and a diagnosis made from
        them names a misconception the learner may not have."""
        return [f"test_{exercise.split('_', 1)[1]}" for exercise, tests in self.dependents.items()
                if test_id in tests]


# --- reading a catalogue --------------------------------------------------------------------------

def path_of(course_root: Path, assignment: str) -> Path:
    return Path(course_root) / "source" / assignment / FILENAME


def read(course_root: Path, assignment: str) -> Catalogue | None:
    """The catalogue of ``assignment``, or None when it has no catalogue file; a malformed file
    raises :class:`CatalogueError`, whose message names the file and the entry."""
    path = path_of(course_root, assignment)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise CatalogueError(f"{_shown(path)}: cannot be read ({err})") from err
    parsed = _parse(text, str(path))  # kept per content: a copy goes out
    return Catalogue(parsed.path, list(parsed.entries),
                     {k: list(v) for k, v in parsed.dependents.items()})


def load(course_root: Path, assignment: str) -> list[Entry]:
    """The entries of ``assignment``'s catalogue; ``[]`` when it has none."""
    catalogue = read(course_root, assignment)
    return catalogue.entries if catalogue is not None else []


def _shown(path: Path | str) -> str:
    """A catalogue's path as an instructor knows it: from ``source/`` on when it is there."""
    parts = Path(path).parts
    return str(Path(*parts[parts.index("source"):])) if "source" in parts else str(path)


@functools.lru_cache(maxsize=32)
def _parse(text: str, where: str) -> Catalogue:
    shown = _shown(where)

    def fail(message: str) -> CatalogueError:
        return CatalogueError(f"{shown}: {message}")

    namespace: dict = {"__name__": "misconceptions", "__file__": where}
    try:
        exec(compile(text, where, "exec"), namespace)
    except SyntaxError as err:
        raise fail(f"line {err.lineno}: {err.msg}") from err
    except Exception as err:
        raise fail(f"running it raised {type(err).__name__}: {err}") from err
    raw = namespace.get("CATALOGUE")
    if not isinstance(raw, (list, tuple)):
        raise fail("it must define CATALOGUE, a list of entries (dicts)")
    entries, first = [], {}
    for index, item in enumerate(raw):
        entry = _entry(item, index, first, fail)
        first.setdefault(entry.id, entry)
        entries.append(entry)
    dependents = namespace.get("DEPENDENTS", {})
    if not isinstance(dependents, dict) or not all(
            isinstance(k, str) and isinstance(v, (list, tuple)) and all(isinstance(t, str)
                                                                        for t in v)
            for k, v in dependents.items()):
        raise fail("DEPENDENTS must be a dict {solution grade id: [test ids]}")
    return Catalogue(Path(where), entries, {k: list(v) for k, v in dependents.items()})


def _entry(item, index: int, first: dict, fail) -> Entry:
    if not isinstance(item, dict):
        raise fail(f"entry {index} is a {type(item).__name__}, not a dict")
    name = f"entry {index}" + (f" ({item['id']})" if isinstance(item.get("id"), str) else "")
    unknown = sorted(set(item) - KEYS)
    if unknown:
        raise fail(f"{name}: unknown key {', '.join(map(repr, unknown))} (the keys are "
                   f"{', '.join(sorted(KEYS))})")
    ident = item.get("id")
    match = ID.match(ident) if isinstance(ident, str) else None
    if not match:
        raise fail(f"{name}: 'id' must read '<function>:<slug>', the slug in words joined by '-' "
                   f"(like 'sigmoid:math-exp'), not {ident!r}")
    family = first.get(ident)
    exercise = item.get("exercise", family.exercise if family else None)
    explanation = item.get("explanation", family.explanation if family else None)
    exercise_match = EXERCISE.match(exercise) if isinstance(exercise, str) else None
    if not exercise_match:
        raise fail(f"{name}: 'exercise' must be the grade id of a solution cell (like "
                   f"'ex2_sigmoid'), not {exercise!r}")
    if exercise_match.group("name") != match.group("function"):
        raise fail(f"{name}: its id must start with {exercise_match.group('name')!r}, the name "
                   f"of its exercise {exercise}")
    if family and (exercise != family.exercise or explanation != family.explanation):
        raise fail(f"{name}: a variant of {ident} has its exercise and explanation: give them "
                   "once, in its first entry, or give the same")
    if not isinstance(explanation, str) or not explanation.strip():
        raise fail(f"{name}: 'explanation' (for the learner) is missing")
    code = item.get("code")
    if not isinstance(code, str) or not code.strip():
        raise fail(f"{name}: 'code' (the whole code of the solution cell) is missing")
    code = textwrap.dedent(code).strip("\n")
    try:
        compile(code, f"<{ident}>", "exec")
    except SyntaxError as err:
        raise fail(f"{name}: its code does not compile: line {err.lineno}: {err.msg}") from err
    loses = item.get("loses")
    if loses is not None:
        if not isinstance(loses, (list, tuple)) or not all(isinstance(t, str) for t in loses):
            raise fail(f"{name}: 'loses' must be a list of test ids")
        loses = tuple(loses)
    return Entry(ident, exercise, code, " ".join(explanation.split()), loses)


# --- the instructor's code, run in the grader -----------------------------------------------------

_NAMESPACES: dict[str, dict] = {}


def reference_namespace(source_nb) -> dict:
    """The instructor's code of a source notebook run in the grader: from the given cells, their
    imports and the definitions they only make (functions, classes, constants: chosen from the
    code's syntax, so no training loop, plot or data loading runs), and every solution cell's
    reference code, in notebook order. Kept per notebook content; each call returns a copy."""
    from . import authoring
    from .plan import _python

    cells = [(c.source, authoring.nbgrader_meta(c)) for c in source_nb.cells
             if c.cell_type == "code"]
    key = hashlib.sha256(repr([(s, m.get("grade_id"), bool(m.get("solution")),
                                bool(m.get("grade"))) for s, m in cells]).encode()).hexdigest()
    if key not in _NAMESPACES:
        namespace = {"__name__": "__main__"}
        with _grading_environment(), _quiet():
            for source, meta in cells:
                if meta.get("grade"):
                    continue
                code = authoring.without_markers(source) if meta.get("solution") else source
                try:
                    tree = ast.parse(_python(code))
                except SyntaxError:
                    continue
                kept = [node for node in tree.body if _defines_only(node)]
                if kept:
                    module = ast.Module(body=kept, type_ignores=[])
                    exec(compile(module, f"<{meta.get('grade_id', 'cell')}>", "exec"), namespace)
        if len(_NAMESPACES) > 16:
            _NAMESPACES.clear()
        _NAMESPACES[key] = namespace
    return dict(_NAMESPACES[key])


def _defines_only(node: ast.stmt) -> bool:
    """Whether a statement only defines something: an import, a function or class, or a name
    bound to a constant (numbers, strings and containers of them)."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)):
        return True
    if isinstance(node, ast.Assign):
        return all(isinstance(t, ast.Name) for t in node.targets) and _constant(node.value)
    if isinstance(node, ast.AnnAssign):
        return isinstance(node.target, ast.Name) and node.value is not None and \
            _constant(node.value)
    return False


def _constant(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_constant(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _constant(k) for k in node.keys) and \
            all(_constant(v) for v in node.values)
    if isinstance(node, ast.UnaryOp):
        return _constant(node.operand)
    if isinstance(node, ast.BinOp):
        return _constant(node.left) and _constant(node.right)
    return False


@contextlib.contextmanager
def _grading_environment():
    """NBGRADER_EXECUTION set, as while nbgrader grades (the notebooks read it)."""
    saved = os.environ.get("NBGRADER_EXECUTION")
    os.environ["NBGRADER_EXECUTION"] = saved or "autograde"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("NBGRADER_EXECUTION", None)


@contextlib.contextmanager
def _quiet():
    """No output, warning or floating-point complaint from the code run here."""
    import numpy as np

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


# --- diagnosis ------------------------------------------------------------------------------------

class _TooLong(BaseException):
    """An entry ran past its time on one call (a BaseException: no ``except Exception`` in the
    entry's code can swallow it)."""


@dataclass
class _Outcome:
    value: object = None
    error: str | None = None  # the exception's name, when it raised


def diagnose(entries: list[Entry], calls: list[Call], namespace: dict) -> list[str]:
    """The ids of the entries that behave like the learner's function on every recorded call of
    it (at least one), unique, in catalogue order.

    Each entry's code is run in a copy of ``namespace`` (the instructor's code, see
    :func:`reference_namespace`), where it replaces its own function only, and called on deep
    copies of each call's arguments, with NumPy's random state as it was before the learner's call.
    Results are compared with :func:`dlcourse.checks.compare` both ways (default tolerances); an
    error and a value never agree, two errors agree when the exceptions have the same name. A
    learner's ``NotImplementedError`` (an unanswered exercise) agrees with nothing. An entry that
    raises, loops or takes longer than :data:`CALL_SECONDS` on a call simply does not match."""
    import numpy as np

    found: list[str] = []
    saved_state = np.random.get_state()
    deadline = time.monotonic() + DIAGNOSIS_SECONDS
    try:
        for entry in entries:
            if entry.id in found:
                continue
            mine = [c for c in calls if c.function == entry.function]
            if not mine or any(_error_name(c.error) == "NotImplementedError" for c in mine):
                continue
            if time.monotonic() > deadline:
                break
            if all(_agrees(entry, call, namespace) for call in mine):
                found.append(entry.id)
    finally:
        np.random.set_state(saved_state)
    return found


def _agrees(entry: Entry, call: Call, namespace: dict) -> bool:
    outcome = _run(entry, call, namespace)
    if outcome is None:
        return False
    if call.error is not None or outcome.error is not None:
        return call.error is not None and outcome.error is not None and \
            _error_name(call.error) == outcome.error
    return _same(call.result, outcome.value)


def _error_name(text: str | None) -> str | None:
    """The exception's name in an error text ``"Name: message"`` (an exception the grader knows
    only by name comes as ``"LearnerError: Name: message"``)."""
    if text is None:
        return None
    parts = [p.strip() for p in text.split(":")]
    if parts[0] == "LearnerError" and len(parts) > 1 and parts[1].isidentifier():
        return parts[1]
    return parts[0]


def _same(learner, entry) -> bool:
    """Whether two results agree as the checks see them, both ways, with Python's int and float
    told apart (a check may ask for either) and nan agreeing with nan in the same place (a
    mistake's result may hold nan, and so does the learner's with the same mistake)."""
    from ..checks import compare

    try:
        learner, entry = _without_common_nans(learner, entry)
        if not _same_kinds(learner, entry):
            return False
        compare("learner", learner, entry)
        compare("entry", entry, learner)
    except Exception:  # a difference, or values the checks cannot compare
        return False
    return True


def _without_common_nans(a, b):
    """``a`` and ``b`` with the nans they share (same type, same place) replaced by 0."""
    import numpy as np

    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape \
            and a.dtype.kind in "fc" and b.dtype.kind in "fc":
        both = np.isnan(a) & np.isnan(b)
        if both.any():
            a, b = a.copy(), b.copy()
            a[both], b[both] = 0, 0
        return a, b
    if isinstance(a, (float, np.floating)) and isinstance(b, (float, np.floating)) \
            and type(a) is type(b) and np.isnan(a) and np.isnan(b):
        return type(a)(0), type(b)(0)
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys():
        pairs = {k: _without_common_nans(a[k], b[k]) for k in a}
        return {k: p[0] for k, p in pairs.items()}, {k: p[1] for k, p in pairs.items()}
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and len(a) == len(b) \
            and type(a) is type(b):
        pairs = [_without_common_nans(x, y) for x, y in zip(a, b, strict=True)]
        return type(a)(p[0] for p in pairs), type(b)(p[1] for p in pairs)
    return a, b


def _same_kinds(a, b) -> bool:
    """False when one is a whole number and the other not, or one a bool and the other not
    (``compare`` lets an int stand for a float)."""
    import numbers

    if isinstance(a, dict) and isinstance(b, dict):
        return all(_same_kinds(a[k], b[k]) for k in a.keys() & b.keys())
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return all(_same_kinds(x, y) for x, y in zip(a, b, strict=False))
    if isinstance(a, numbers.Number) and isinstance(b, numbers.Number):
        return isinstance(a, bool) == isinstance(b, bool) and \
            isinstance(a, numbers.Integral) == isinstance(b, numbers.Integral)
    return True


@functools.lru_cache(maxsize=1024)
def _compiled(code: str, ident: str):
    return compile(code, f"<misconception {ident}>", "exec")


def _defines_function(code: str, name: str) -> bool:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    return any(isinstance(n, ast.FunctionDef) and n.name == name for n in tree.body)


def _run(entry: Entry, call: Call, namespace: dict) -> _Outcome | None:
    """The entry's outcome on one call (None when it could not be run, or ran too long)."""
    import numpy as np

    try:
        args, kwargs = copy.deepcopy((tuple(call.args), dict(call.kwargs)))
    except Exception:
        return None

    def attempt() -> _Outcome:
        scope = dict(namespace)
        if call.random_state is not None:
            np.random.set_state(call.random_state)
        try:
            with _grading_environment(), _quiet():
                if _defines_function(entry.code, entry.function):
                    exec(_compiled(entry.code, entry.id), scope)
                    return _Outcome(value=scope[entry.function](*args, **kwargs))
                # a cell that defines values: run with the data it reads, its values compared
                scope.update(kwargs)
                exec(_compiled(entry.code, entry.id), scope)
                if not isinstance(call.result, dict):
                    return _Outcome(error="NoValues")
                return _Outcome(value={k: scope[k] for k in call.result if k in scope})
        except _TooLong:
            raise
        except Exception as err:
            return _Outcome(error=type(err).__name__)

    return _bounded(attempt, CALL_SECONDS)


def _bounded(work, seconds: float):
    """``work()``, or None when it takes longer than ``seconds``: stopped by a timer signal in the
    main thread; elsewhere it runs in a thread of its own, left behind when it is late."""
    if threading.current_thread() is threading.main_thread():
        def stop(signum, frame):
            raise _TooLong

        previous = signal.signal(signal.SIGALRM, stop)
        start = time.monotonic()
        outer, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return work()
        except _TooLong:
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if outer:  # a timer of the caller's, running before: set it again for what is left
                left = outer - (time.monotonic() - start)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), interval)
    box: list = []
    worker = threading.Thread(target=lambda: box.append(work()), daemon=True)
    worker.start()
    worker.join(seconds)
    return box[0] if box else None
