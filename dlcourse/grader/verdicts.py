"""Grading one notebook with verdicts the learner's code cannot forge.

Stock nbgrader runs the tests in the learner's own kernel: code in an answer cell can replace
``np.allclose``, redefine ``AssertionError`` or stop the kernel before the tests run, and the tests
then "pass". Here the learner's code and the checks never share a process:

1. **The learner's kernel** runs in the sandbox (:mod:`dlcourse.grader.sandbox`). It executes the
   notebook's cells *except the test cells*: the given cells and the instructions as written in
   ``source/`` (whatever the submission did to them), each answer cell as the learner wrote it
   (matched by its grade id; a deleted one becomes the unanswered stub), and cells the learner
   added, where they were added.
2. **The grader** (this process, where no learner code ever runs) executes the *test cells of
   ``source/``* itself, visible and hidden parts, with the points and grade ids of ``source/``. The
   names a test reads come from two places:

   - the instructor's own given code, which the grader runs too (data loading, helper functions,
     constants): every given cell that does not use a learner's result;
   - the learner's kernel, for the names that the answer cells define (and the given cells
     computed from them): values are sent as plain data (:mod:`dlcourse.kernel.wire`:
     numbers, strings, containers, NumPy arrays; never pickles), and a learner's function becomes
     a proxy that sends its arguments as data, runs the function in the kernel and brings the
     result back as data.

   The comparisons, tolerances and expected values are computed in the grader with its own NumPy
   and its own :mod:`dlcourse.checks`; hidden expected values never enter the sandbox. Whatever the
   learner's code does to its own process (patching NumPy or builtins, replacing the checks,
   exiting early, printing fake success) changes at most the data it hands over, which is exactly
   what the checks judge. A kernel that has died or stopped answering hands over nothing, and
   every later test fails, saying why.

The result is the notebook nbgrader's autograde would write, with the test cells' outputs made by
the grader: nbgrader's ``SaveAutoGrades`` then reads the points from it as usual, so the gradebook,
formgrader, manual grading and feedback work unchanged. :class:`SandboxedExecute` is the nbgrader
preprocessor that does all this in place of nbgrader's ``Execute``.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from nbformat.v4 import new_output

from .hidden import Tally, explanations_in, learner_summary, segments, tallied
from .kernel_client import Kernel, KernelGone, _error_output
from .plan import Step, _names, _python, assemble, plan
from .remote import TEST_FILENAME, RemoteFunction, TestRun, _Shell

# --- running a submission -------------------------------------------------------------------------

@dataclass
class Result:
    nb: object  # the graded notebook
    startup_seconds: float = 0.0
    seconds: float = 0.0
    events: list[str] = field(default_factory=list)  # what went wrong, for the grading report
    diagnoses: dict[str, list[str]] = field(default_factory=dict)  # failed test -> misconceptions


class TestTimeout(Exception):
    """A test cell ran past its time limit in the grader."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Stop the block with :class:`TestTimeout` after ``seconds`` (in the main thread; elsewhere
    the block runs unbounded, as the kernel's own requests still have their deadlines)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def stop(signum, frame):
        raise TestTimeout(f"the test ran longer than {seconds:.0f} s in the grader and was "
                          "stopped: the values it checks are too large, or make it loop")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Grader:
    """The grader's side of one submission: its namespace, its run of the given code, the tests."""

    def __init__(self, kernel: Kernel, timeout: int, learner_names: set[str],
                 clock: Budget | None = None, diagnosis: Diagnosis | None = None):
        self.kernel = kernel
        self.timeout = timeout
        self.learner_names = learner_names
        self.namespace = {"__name__": "__main__", "get_ipython": _Shell}
        self.clock = clock or Budget(None)
        self.diagnosis = diagnosis
        self.diagnoses: dict[str, list[str]] = {}

    def run_given(self, cell) -> str | None:
        """Run a given cell of the instructor's; return an error text if it failed."""
        try:
            with contextlib.redirect_stdout(io.StringIO()), _time_limit(self.timeout):
                exec(compile(_python(cell.source), "<given cell>", "exec"), self.namespace)
        except Exception as err:  # the instructor's own code: reported, never hidden
            return f"{type(err).__name__}: {err}"
        finally:
            _close_figures()
        return None

    def forget(self, names: set[str]) -> None:
        for name in names:
            self.namespace.pop(name, None)

    def run_test(self, cell, test_id: str | None = None) -> None:
        """Run a test cell of the source here, with the learner's names fetched from the kernel;
        write its outputs into ``cell`` as nbgrader would, and what a learner may see of its
        hidden part into the cell's metadata (``dlcourse.hidden``)."""
        visible_out, hidden_out = io.StringIO(), io.StringIO()
        namespace = self.namespace
        fetched: dict = {}
        tally: Tally | None = None
        seconds = self.clock.for_test(self.timeout)
        test = TestRun(_python(cell.source), namespace, self.learner_names,
                       time.monotonic() + seconds)
        error = None
        try:
            self.kernel.test = test
            _, read = _names(cell.source)
            # only the learner's own names are asked of the kernel: nothing the test binds
            # itself (its reference code, inputs, expected values) is ever named to it
            wanted = sorted(n for n in read if n in self.learner_names)
            if wanted:
                answer = self.kernel.request({"op": "fetch", "names": wanted}, test.printed,
                                             test.deadline)
                values = answer.get("values")
                if isinstance(values, dict):
                    fetched = {k: v for k, v in values.items() if k in wanted}
                    for name, value in fetched.items():
                        if isinstance(value, RemoteFunction):
                            value._name = name
                    namespace.update(fetched)
            with _time_limit(seconds + GRADER_GRACE_SECONDS):
                for hidden, code in segments(cell.source):
                    compiled = compile(_python(code), TEST_FILENAME, "exec")
                    if not hidden:
                        with contextlib.redirect_stdout(visible_out):
                            exec(compiled, namespace)
                        continue
                    tally = tally or Tally()
                    try:
                        with contextlib.redirect_stdout(hidden_out), tallied(namespace, tally):
                            exec(compiled, namespace)
                    except BaseException as err:  # noqa: B036 - the hidden checks stop here
                        tally.stopped = learner_summary(f"{type(err).__name__}: {err}")
                        raise
            if tally is not None and tally.first_failure is not None:
                error = tally.first_failure
        except BaseException as err:  # noqa: B036 - every failure is the test's verdict
            error = err
        finally:
            self.kernel.test = None
            _close_figures()
            for name, value in fetched.items():  # the learner's values are fetched afresh
                if namespace.get(name) is value:
                    del namespace[name]
        cell.outputs = []
        for text in (visible_out.getvalue(), hidden_out.getvalue()):
            if text:
                cell.outputs.append(new_output("stream", name="stdout", text=text))
        if error is not None:
            cell.outputs.append(_test_error(error))
        meta = {"visible_outputs": 1 if visible_out.getvalue() else 0}
        if tally is not None:
            tally.explanations = explanations_in(hidden_out.getvalue())
            meta["hidden"] = tally.as_data()
        elif any(hidden for hidden, _ in segments(cell.source)):  # stopped before them
            meta["hidden"] = Tally().as_data()
        if error is not None and test_id and self.diagnosis is not None:
            found = self.diagnosis.diagnose(test_id, test.calls)
            if found:
                self.diagnoses[test_id] = [entry.id for entry in found]
                meta["misconceptions"] = [{"id": entry.id, "explanation": entry.explanation}
                                          for entry in found]
        cell.metadata["dlcourse"] = meta


#: Seconds a test cell may run in the grader beyond its kernel requests' deadline before it is
#: stopped (its own comparisons and reference computations).
GRADER_GRACE_SECONDS = 10


class Budget:
    """A submission's total time budget: every learner cell and every test draws from it. Once it
    is spent, the learner's remaining cells are skipped and each test gets a short grace, so the
    submission is graded on what it answered in time."""

    #: Seconds each test may still use once the budget is spent (an honest function answers in
    #: far less).
    GRACE = 5.0

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def left(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()

    def spent(self) -> bool:
        left = self.left()
        return left is not None and left <= 0

    def for_cell(self, limit: float) -> float:
        left = self.left()
        return limit if left is None else max(0.0, min(limit, left))

    def for_test(self, limit: float) -> float:
        left = self.left()
        return limit if left is None else min(limit, max(left, self.GRACE))


class Diagnosis:
    """Names the misconceptions a failed exercise shows, by running the catalogue's wrong answers
    in the grader on the inputs the tests gave the learner's function (never by reading code)."""

    def __init__(self, catalogue, source_nb):
        # a list of entries, or a whole catalogue (which also knows which exercises call which)
        self.entries = list(getattr(catalogue, "entries", catalogue))
        self.upstream = getattr(catalogue, "upstream", lambda test_id: [])
        self.source_nb = source_nb
        self._namespace: dict | None = None
        self.failed: set[str] = set()

    def diagnose(self, test_id: str, calls: list) -> list:
        from . import misconceptions

        self.failed.add(test_id)
        if self.failed & set(self.upstream(test_id)):
            # a function this exercise calls failed too: the calls show that other mistake, and
            # would name one the learner may not have
            return []
        name = test_id.removeprefix("test_")
        entries = [e for e in self.entries if e.function == name]
        calls = [c for c in calls if c.function == name]
        if not entries or not calls:
            return []
        if self._namespace is None:
            self._namespace = misconceptions.reference_namespace(self.source_nb)
        ids = set(misconceptions.diagnose(entries, calls, self._namespace))
        seen, found = set(), []
        for entry in entries:
            if entry.id in ids and entry.id not in seen:
                seen.add(entry.id)
                found.append(entry)
        return found


def _test_error(error: BaseException):
    ename, evalue = type(error).__name__, str(error)
    lines = [f"{ename}: {evalue}"]
    cause = error.__cause__ or error.__context__
    learner_tb = getattr(error, "learner_traceback", None) or \
        getattr(cause, "learner_traceback", None)
    if learner_tb:
        lines = ["In your code:", *learner_tb.rstrip().splitlines(), "", *lines]
    elif not isinstance(error, (AssertionError, NotImplementedError, KernelGone)):
        lines = [line.rstrip() for part in traceback.format_exception(error)
                 for line in part.splitlines() if "dlcourse/grader/" not in line]
    return new_output("error", ename=ename, evalue=evalue, traceback=lines)


def _close_figures() -> None:
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def grade_notebook(source_nb, submitted_nb, folder: Path, *, isolated: bool = True,
                   timeout: int = 60, readable: list[Path] = (), env: dict | None = None,
                   until_last_test: bool = False, budget: float | None = None,
                   catalogue: list | None = None) -> Result:
    """Grade ``submitted_nb`` against ``source_nb``: the learner's cells run in a kernel (in the
    sandbox when ``isolated``) whose working folder is a scratch copy of ``folder``; the tests run
    here. Returns the graded notebook and what happened.

    ``timeout`` bounds each cell and each test; ``budget`` (seconds) bounds the whole submission
    (see :class:`Budget`); ``catalogue`` lists the misconceptions to diagnose failed exercises
    with (:mod:`dlcourse.grader.misconceptions`). ``until_last_test`` leaves out the cells after
    the last test, which cannot change a verdict (for the course's own tests)."""
    start = time.perf_counter()
    steps = assemble(plan(source_nb), submitted_nb)
    if until_last_test:
        steps = steps[: max(i for i, s in enumerate(steps) if s.kind == "test") + 1]
    nb = copy.deepcopy(source_nb)  # the notebook's own metadata is the course's, not the learner's
    nb.cells = [s.cell for s in steps]
    work = Path(tempfile.mkdtemp(prefix="dlcourse-grading-"))
    result = Result(nb)
    kernel = None
    clock = Budget(budget)
    try:
        scratch = work / "work"
        _copy_plain(folder, scratch)
        kernel = Kernel(work, scratch, isolated, timeout, list(readable),
                        {"NBGRADER_EXECUTION": "autograde", **(env or {})})
        result.startup_seconds = kernel.start(nb)
        diagnosis = Diagnosis(catalogue, source_nb) if catalogue else None
        grader = Grader(kernel, timeout, set().union(*(s.learner_names for s in steps)), clock,
                        diagnosis)
        with _environment({"NBGRADER_EXECUTION": "autograde"}):
            for index, step in enumerate(steps):
                _run_step(step, index, kernel, grader, result)
        if kernel.dead:
            result.events.append(kernel.dead)
        if clock.spent():
            result.events.append(f"the submission used up its time budget of {budget:.0f} s: "
                                 "the cells after that point were not run")
        result.diagnoses = grader.diagnoses
    finally:
        if kernel is not None:
            kernel.close()
        shutil.rmtree(work, ignore_errors=True)
    _make_inert(nb)
    result.seconds = time.perf_counter() - start
    return result


def _make_inert(nb) -> None:
    """The learner's HTML, JavaScript and other active outputs become inert text in the graded
    copy, which the instructor opens in formgrader and from which feedback is written."""
    from .sanitize import make_inert

    ours = {i: c.metadata["dlcourse"] for i, c in enumerate(nb.cells) if "dlcourse" in c.metadata}
    make_inert(nb)
    for i, meta in ours.items():  # what the grader itself wrote about a test cell stays
        nb.cells[i].metadata["dlcourse"] = meta


def _run_step(step: Step, index: int, kernel: Kernel, grader: Grader, result: Result) -> None:
    if step.kind == "text":
        return
    if step.kind == "test":
        grader.run_test(step.cell, step.grade_id)
        return
    if grader.clock.spent():
        step.cell.outputs = [_error_output(
            "TimeBudgetSpent", f"not run: the submission used up its time budget of "
            f"{grader.clock.seconds:.0f} s before this cell (look for cells that take long: "
            "loops that never end, sleeps, very long computations)")]
    else:
        kernel.run_cell(step.cell, index, limit=grader.clock.for_cell(grader.timeout))
    if step.kind == "given" and step.trusted:
        failed = grader.run_given(step.cell)
        if failed:
            result.events.append(f"the grader's run of given cell {index} failed: {failed}")
    grader.forget(step.learner_names)


@contextlib.contextmanager
def _environment(values: dict[str, str]):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _copy_plain(src: Path, dst: Path) -> None:
    """Copy a folder's plain files and folders only: links and special files are left out, so
    that the copy cannot point at anything outside it."""
    dst.mkdir(parents=True)
    for entry in os.scandir(src):
        target = dst / entry.name
        if entry.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            _copy_plain(Path(entry.path), target)
        elif entry.is_file(follow_symlinks=False):
            shutil.copyfile(entry.path, target, follow_symlinks=False)




def preflight(course_root: Path, isolated: bool = True, timeout: int = 60) -> str | None:
    """None when a learner's kernel starts here (in the sandbox when ``isolated``) and imports
    what the notebooks and the grader's agent need; else what goes wrong. Run once before a class
    is graded: a kernel that cannot import the course would score every submission 0."""
    from nbformat.v4 import new_code_cell, new_notebook

    import dlcourse

    package = Path(dlcourse.__file__).resolve().parent
    datasets = Path(course_root) / "datasets"
    readable = [package] + ([datasets] if datasets.is_dir() else [])
    cell = new_code_cell("import numpy, matplotlib, dlcourse.checks, dlcourse.notebook\n"
                         "import dlcourse.kernel.agent")
    nb = new_notebook(cells=[cell])
    work = Path(tempfile.mkdtemp(prefix="dlcourse-preflight-"))
    (work / "work").mkdir()
    kernel = None
    try:
        kernel = Kernel(work, work / "work", isolated, timeout, readable, {})
        kernel.start(nb)
        kernel.run_cell(cell, 0)
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        if errors:
            return f"{errors[0].get('ename')}: {errors[0].get('evalue')}"
        if kernel.dead:
            return kernel.dead
    except Exception as err:  # noqa: BLE001 - whatever stops a kernel is the answer
        return f"{type(err).__name__}: {err}"
    finally:
        if kernel is not None:
            kernel.close()
        shutil.rmtree(work, ignore_errors=True)
    return None
