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

import builtins
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

from .kernel_client import Kernel, KernelGone
from .plan import Step, _names, _python, assemble, plan
from .remote import TEST_FILENAME, TestRun, _Shell

# --- running a submission -------------------------------------------------------------------------

@dataclass
class Result:
    nb: object  # the graded notebook
    startup_seconds: float = 0.0
    seconds: float = 0.0
    events: list[str] = field(default_factory=list)  # what went wrong, for the grading report


class Grader:
    """The grader's side of one submission: its namespace, its run of the given code, the tests."""

    def __init__(self, kernel: Kernel, timeout: int, learner_names: set[str]):
        self.kernel = kernel
        self.timeout = timeout
        self.learner_names = learner_names
        self.namespace = {"__name__": "__main__", "get_ipython": _Shell}

    def run_given(self, cell) -> str | None:
        """Run a given cell of the instructor's; return an error text if it failed."""
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(_python(cell.source), "<given cell>", "exec"), self.namespace)
        except Exception as err:  # the instructor's own code: reported, never hidden
            return f"{type(err).__name__}: {err}"
        finally:
            _close_figures()
        return None

    def forget(self, names: set[str]) -> None:
        for name in names:
            self.namespace.pop(name, None)

    def run_test(self, cell) -> None:
        """Run a test cell of the source here, with the learner's names fetched from the kernel;
        write its outputs into ``cell`` as nbgrader would."""
        out = io.StringIO()
        namespace = self.namespace
        fetched: dict = {}
        try:
            python = _python(cell.source)
            test = TestRun(python, namespace, self.learner_names,
                           time.monotonic() + self.timeout)
            self.kernel.test = test
            code = compile(python, TEST_FILENAME, "exec")
            _, read = _names(cell.source)
            wanted = sorted(n for n in read if n not in namespace and not hasattr(builtins, n))
            if wanted:
                answer = self.kernel.request({"op": "fetch", "names": wanted}, test.printed,
                                             test.deadline)
                values = answer.get("values")
                if isinstance(values, dict):
                    fetched = {k: v for k, v in values.items() if k in wanted}
                    namespace.update(fetched)
            with contextlib.redirect_stdout(out):
                exec(code, namespace)
            error = None
        except BaseException as err:  # noqa: B036 - every failure is the test's verdict
            error = err
        finally:
            self.kernel.test = None
            _close_figures()
            for name, value in fetched.items():  # the learner's values are fetched afresh
                if namespace.get(name) is value:
                    del namespace[name]
        text = out.getvalue()
        cell.outputs = [new_output("stream", name="stdout", text=text)] if text else []
        if error is not None:
            cell.outputs.append(_test_error(error))


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
                   until_last_test: bool = False) -> Result:
    """Grade ``submitted_nb`` against ``source_nb``: the learner's cells run in a kernel (in the
    sandbox when ``isolated``) whose working folder is a scratch copy of ``folder``; the tests run
    here. Returns the graded notebook and what happened. ``until_last_test`` leaves out the cells
    after the last test, which cannot change a verdict (for the course's own tests)."""
    start = time.perf_counter()
    steps = assemble(plan(source_nb), submitted_nb)
    if until_last_test:
        steps = steps[: max(i for i, s in enumerate(steps) if s.kind == "test") + 1]
    nb = copy.deepcopy(submitted_nb)
    nb.cells = [s.cell for s in steps]
    work = Path(tempfile.mkdtemp(prefix="dlcourse-grading-"))
    result = Result(nb)
    kernel = None
    try:
        scratch = work / "work"
        _copy_plain(folder, scratch)
        kernel = Kernel(work, scratch, isolated, timeout, list(readable),
                        {"NBGRADER_EXECUTION": "autograde", **(env or {})})
        result.startup_seconds = kernel.start(nb)
        grader = Grader(kernel, timeout, set().union(*(s.learner_names for s in steps)))
        with _environment({"NBGRADER_EXECUTION": "autograde"}):
            for index, step in enumerate(steps):
                _run_step(step, index, kernel, grader, result)
        if kernel.dead:
            result.events.append(kernel.dead)
    finally:
        if kernel is not None:
            kernel.close()
        shutil.rmtree(work, ignore_errors=True)
    result.seconds = time.perf_counter() - start
    return result


def _run_step(step: Step, index: int, kernel: Kernel, grader: Grader, result: Result) -> None:
    if step.kind == "text":
        return
    if step.kind == "test":
        grader.run_test(step.cell)
        return
    kernel.run_cell(step.cell, index)
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


