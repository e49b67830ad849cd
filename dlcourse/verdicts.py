"""Grading one notebook with verdicts the learner's code cannot forge.

Stock nbgrader runs the tests in the learner's own kernel: code in an answer cell can replace
``np.allclose``, redefine ``AssertionError`` or stop the kernel before the tests run, and the tests
then "pass". Here the learner's code and the checks never share a process:

1. **The learner's kernel** runs in the sandbox (:mod:`dlcourse.sandbox`). It executes the
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
     computed from them): values are sent as plain data (:mod:`dlcourse.wire`: numbers, strings,
     containers, NumPy arrays; never pickles), and a learner's function becomes a proxy that sends
     its arguments as data, runs the function in the kernel and brings the result back as data.

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

import ast
import builtins
import contextlib
import copy
import functools
import io
import itertools
import os
import shutil
import stat
import subprocess
import tempfile
import textwrap
import time
import traceback
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import nbclient
import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbformat.v4 import new_output

from . import sandbox, wire
from .authoring import STUB, nbgrader_meta
from .execute import ONE_THREAD

#: Most output one cell may produce; more is dropped (with a note), so that a printing loop cannot
#: exhaust the grader's memory.
MAX_OUTPUT_BYTES = 1_000_000


# --- which cell runs where ------------------------------------------------------------------------

@functools.lru_cache(maxsize=512)
def _python(source: str) -> str:
    """A cell's code as Python (IPython's magics made calls); the same cells come back for every
    submission of an assignment, so the answer is kept."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


@functools.lru_cache(maxsize=512)
def _names(source: str) -> tuple[frozenset[str], frozenset[str]]:
    """(names bound at the top level, names read anywhere) by a cell's code."""
    tree = ast.parse(_python(source))
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return frozenset(bound), frozenset(read)


@dataclass
class Step:
    """One cell of the graded notebook and where it runs."""

    kind: str  # "text", "given", "answer", "extra" (a cell the learner added), "test"
    cell: dict
    grade_id: str | None = None
    trusted: bool = False  # a given cell the grader runs too
    learner_names: set[str] = field(default_factory=set)  # names it makes learner-defined


def plan(source_nb) -> list[Step]:
    """The steps of a source notebook: which given cells the grader runs itself (those that read
    no learner-defined name), and which names each step hands to the learner."""
    steps, tainted = [], set()
    for cell in source_nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code":
            steps.append(Step("text", cell, meta.get("grade_id")))
        elif meta.get("grade"):
            steps.append(Step("test", cell, meta.get("grade_id")))
        elif meta.get("solution"):
            bound, _ = _names(cell.source)
            tainted |= bound
            steps.append(Step("answer", cell, meta.get("grade_id"), learner_names=bound))
        else:
            bound, read = _names(cell.source)
            if read & tainted:
                tainted |= bound
                steps.append(Step("given", cell, meta.get("grade_id"), learner_names=bound))
            else:
                tainted -= bound
                steps.append(Step("given", cell, meta.get("grade_id"), trusted=True))
    # the grader runs only the given cells whose names some test (or a cell it needs) reads:
    # data and helpers, not the plots and demonstrations
    needed: set[str] = set()
    for step in reversed(steps):
        if step.kind == "test" or (step.kind == "given" and step.trusted):
            bound, read = _names(step.cell.source)
            if step.kind == "given" and not bound & needed:
                step.trusted = False
                continue
            needed |= read
    return steps


def assemble(steps: list[Step], submitted_nb) -> list[Step]:
    """The steps of a submission: the source's steps, each answer cell replaced by the learner's
    cell of the same grade id (the stub if they deleted it), cells the learner added placed after
    the cell they follow in the submission. Cells of the source the learner edited, moved or
    re-labelled count as written in the source."""
    known = {s.grade_id for s in steps if s.grade_id}
    unlabelled = {s.cell.source for s in steps if not s.grade_id}  # source cells without an id
    answers, extras, last = {}, {}, None
    for cell in submitted_nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in known:
            if grade_id not in answers:
                answers[grade_id] = cell
            last = grade_id
        elif cell.cell_type == "code" and cell.source.strip() and \
                cell.source not in unlabelled:
            extras.setdefault(last, []).append(cell)
    out = [Step("extra", c) for c in extras.get(None, [])]
    for step in steps:
        if step.kind == "answer":
            mine = answers.get(step.grade_id)
            cell = copy.deepcopy(step.cell)
            cell.source = mine.source if mine is not None and mine.cell_type == "code" else STUB
            step = Step("answer", cell, step.grade_id, learner_names=step.learner_names)
        else:
            step = Step(step.kind, copy.deepcopy(step.cell), step.grade_id, step.trusted,
                        step.learner_names)
        out.append(step)
        out += [Step("extra", c) for c in extras.get(step.grade_id, []) if step.grade_id]
    for step in out:
        if step.cell.cell_type == "code":
            step.cell.outputs, step.cell.execution_count = [], None
    return out


# --- the learner's kernel -------------------------------------------------------------------------

class KernelGone(RuntimeError):
    """The learner's kernel has stopped (it exited, was killed, or stopped answering)."""


class LimitedClient(nbclient.NotebookClient):
    """nbclient's executor with a bound on each cell's output."""

    def output(self, outs, msg, display_id, cell_index):
        used = sum(_size(o) for o in outs)
        if used >= MAX_OUTPUT_BYTES:
            _note_dropped(outs)
            return None
        out = super().output(outs, msg, display_id, cell_index)
        if out is not None and used + _size(out) > MAX_OUTPUT_BYTES:
            if out.get("output_type") == "stream":
                out["text"] = out["text"][: MAX_OUTPUT_BYTES - used]
            elif out in outs:
                outs.remove(out)
            _note_dropped(outs)
        return out


def _record_reply_error(cell, execute_reply, **_) -> None:
    """A cell stopped at the time limit gets its error in its outputs (the reply has it)."""
    content = (execute_reply or {}).get("content", {})
    if content.get("status") != "error":
        return
    if not any(o.get("output_type") == "error" and o.get("ename") == content.get("ename")
               for o in cell.outputs):
        cell.outputs.append(_error_output(content.get("ename", "Error"),
                                          content.get("evalue", ""),
                                          "\n".join(content.get("traceback") or [])))


def _size(output) -> int:
    if output.get("output_type") == "stream":
        return len(output.get("text", ""))
    return len(str(output.get("data", ""))) + len(str(output.get("traceback", "")))


def _note_dropped(outs) -> None:
    if not outs or outs[-1].get("name") != "stderr" or \
            "was dropped" not in outs[-1].get("text", ""):
        outs.append(new_output("stream", name="stderr",
                               text=f"\n[output beyond {MAX_OUTPUT_BYTES:,} characters was "
                                    "dropped]\n"))


class Kernel:
    """The learner's kernel: cells run in it, and the grader's requests answered by it."""

    def __init__(self, folder: Path, scratch: Path, isolated: bool, timeout: int,
                 readable: list[Path], env: dict[str, str]):
        self.timeout = timeout
        self.exchange = Path(tempfile.mkdtemp(prefix="run-", dir=folder))
        self.scratch = scratch
        self.dead: str | None = None
        self._requests = itertools.count(1)
        self._callbacks: list[dict] = []
        self._waiting_input = 0
        self._last_msg_id = None
        self.test: TestRun | None = None  # the test cell the grader is running, if any
        if isolated:
            sandbox.prepare_scratch(scratch)
            self.km = sandbox.SandboxedKernelManager(
                kernel_name="python3", scratch=str(scratch), exchange=str(self.exchange),
                readable=[str(p) for p in readable],
                sandbox_env=sandbox.kernel_env(scratch, env))
        else:
            self.km = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                         ip=str(self.exchange / "kernel"))
            self._plain_env = {**os.environ, "MPLBACKEND": "Agg", **ONE_THREAD, **env}
        self.isolated = isolated
        self.client: LimitedClient | None = None
        self._dir_fd = os.open(self.exchange, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)

    def start(self, nb) -> float:
        start = time.perf_counter()
        self.client = LimitedClient(
            nb, km=self.km, timeout=self.timeout, allow_errors=True, interrupt_on_timeout=True,
            kernel_name="python3", resources={"metadata": {"path": str(self.scratch)}},
            on_cell_executed=_record_reply_error,
            error_on_timeout={"ename": "CellTimeoutError",
                              "evalue": f"the cell ran longer than {self.timeout} s and was "
                                        "stopped",
                              "traceback": [f"CellTimeoutError: the cell ran longer than "
                                            f"{self.timeout} s and was stopped: look for a loop "
                                            "that never ends, or a very long computation"]})
        kwargs = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        if not self.isolated:
            kwargs["env"] = self._plain_env
        self.client.start_new_kernel(**kwargs)
        self.client.start_new_kernel_client()
        self.blocking = self.km.blocking_client()
        self.blocking.start_channels()
        self.blocking.wait_for_ready(timeout=60)
        self.blocking.execute_interactive("__import__('dlcourse.agent').agent.listen(globals())",
                                          silent=True, store_history=False, timeout=60)
        self._comm = uuid.uuid4().hex
        self.blocking.shell_channel.send(self.blocking.session.msg(
            "comm_open", {"comm_id": self._comm, "target_name": "dlcourse", "data": {}}))
        return time.perf_counter() - start

    def alive(self) -> bool:
        return self.dead is None and run_sync(self.km.is_alive)()

    def run_cell(self, cell, index: int) -> None:
        if not self.alive():
            cell.outputs = [_error_output("KernelStopped", self._stopped_text())]
            return
        try:
            self.client.execute_cell(cell, index)
            self._drain()
        except nbclient.exceptions.DeadKernelError:
            self.dead = "the kernel stopped while this cell ran (an exit, or a crash)"
            cell.outputs.append(_error_output("KernelStopped", self.dead))
            return
        if any(o.get("ename") == "CellTimeoutError" for o in cell.outputs) and \
                not self._responds():
            self.kill("the kernel did not recover from a cell stopped at the time limit")

    def _drain(self) -> None:
        """Drop what the grader's own connection received while a cell ran (nbclient's has it)."""
        import queue

        channel = self.blocking.iopub_channel
        with contextlib.suppress(queue.Empty):
            while channel.msg_ready():
                channel.get_msg(timeout=0)

    def _stopped_text(self) -> str:
        return (f"not run: {self.dead or 'the kernel had stopped'}. Cells after the one that "
                "stopped the kernel cannot run; run the notebook from the top to find it.")

    def _responds(self, wait: float = 10) -> bool:
        try:
            reply = self.blocking.execute_interactive("", store_history=False, timeout=wait,
                                                      output_hook=lambda msg: None)
            return reply["content"]["status"] == "ok"
        except (TimeoutError, RuntimeError):
            return False

    def kill(self, why: str) -> None:
        self.dead = why
        with contextlib.suppress(Exception):
            run_sync(self.km.shutdown_kernel)(now=True)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.blocking.stop_channels()
        with contextlib.suppress(Exception):
            self.client.kc.stop_channels()
        with contextlib.suppress(Exception):
            run_sync(self.km.shutdown_kernel)(now=True)
        with contextlib.suppress(OSError):
            os.close(self._dir_fd)
        shutil.rmtree(self.exchange, ignore_errors=True)

    # the grader's requests

    def request(self, payload: dict, printed: list[str], deadline: float,
                callbacks: dict | None = None) -> dict:
        """Send ``payload`` to the kernel's agent and return its answer, as plain data.

        ``callbacks`` are the grader's own functions that stand in for learner's functions during
        a call (a test that checks one function on its own, with reference versions of the ones
        it uses): the kernel asks for them over its input channel, and the grader answers.
        """
        if not self.alive():
            raise KernelGone(self._stopped_text())
        number = next(self._requests)
        req, res = f"req-{number}", f"res-{number}"
        if callbacks:
            payload = {**payload, "callbacks": sorted(callbacks)}
        self._write(req, wire.encode(payload, register=_not_data))
        self._callbacks.append(callbacks or {})
        try:
            if self._waiting_input:  # asked from inside a callback: the kernel is waiting for it
                self.blocking.input(f"request {self.exchange / req} {self.exchange / res}")
                self._pump(deadline, printed, done=str(self.exchange / res))
            elif callbacks:  # the kernel asks for them with input(), which needs a cell
                code = (f"__import__('dlcourse.agent').agent.handle({str(self.exchange / req)!r}"
                        f", {str(self.exchange / res)!r}, globals())")
                msg_id = self.blocking.execute(code, silent=True, store_history=False,
                                                allow_stdin=True)
                self._await(msg_id, deadline, printed, reply_to=msg_id)
            else:
                msg = self.blocking.session.msg("comm_msg", {"comm_id": self._comm, "data": {
                    "request": str(self.exchange / req), "answer": str(self.exchange / res)}})
                self.blocking.shell_channel.send(msg)
                self._await(msg["header"]["msg_id"], deadline, printed,
                            done=str(self.exchange / res))
        finally:
            self._callbacks.pop()
        return self._read(res)

    def _await(self, msg_id: str, deadline: float, printed: list[str], **until) -> None:
        self._last_msg_id = msg_id
        try:
            reply = self._pump(deadline, printed, **until)
        except TimeoutError:
            self._interrupt()
            raise
        content = (reply or {}).get("content", {})
        if content.get("status", "ok") != "ok" or content.get("execution_state") == "idle":
            raise KernelGone(f"the kernel could not answer the grader "
                             f"({content.get('ename', 'no answer')}: {content.get('evalue', '')})")

    def _pump(self, deadline: float, printed: list[str], reply_to: str | None = None,
              done: str | None = None):
        """Handle the kernel's messages until the reply to ``reply_to`` (returned), or until it
        says it has finished the nested request whose answer is ``done``."""
        import zmq

        channels = {self.blocking.shell_channel.socket: self.blocking.shell_channel,
                    self.blocking.iopub_channel.socket: self.blocking.iopub_channel,
                    self.blocking.stdin_channel.socket: self.blocking.stdin_channel}
        poller = zmq.Poller()
        for socket in channels:
            poller.register(socket, zmq.POLLIN)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"the call ran longer than {self.timeout} s and was stopped: "
                                   "look for a loop that never ends, or a very long computation")
            ready = dict(poller.poll(min(left, 1.0) * 1000))
            if not ready and not self.alive():
                raise KernelGone(self._stopped_text())
            for socket in ready:
                msg = channels[socket].get_msg(timeout=0)
                kind = msg["msg_type"]
                if kind == "stream" and msg["parent_header"].get("msg_id") == self._last_msg_id:
                    if sum(map(len, printed)) < MAX_OUTPUT_BYTES:
                        printed.append(msg["content"].get("text", "")[:MAX_OUTPUT_BYTES])
                elif kind == "execute_reply" and reply_to and \
                        msg["parent_header"].get("msg_id") == reply_to:
                    return msg
                elif kind == "input_request":
                    prompt = str(msg["content"].get("prompt", ""))
                    if done and prompt == f"dlcourse-done {done}":
                        return None
                    self._answer_callback(prompt, printed, deadline)
                elif msg["parent_header"].get("msg_id") != self._last_msg_id or not done:
                    continue
                elif kind == "comm_msg" and msg["content"].get("data", {}).get("done") == done:
                    return None
                elif kind == "status" and msg["content"].get("execution_state") == "idle":
                    return msg  # the request ended without an answer

    def _answer_callback(self, prompt: str, printed: list[str], deadline: float) -> None:
        """Run the grader's stand-in the kernel asks for, and send back its result."""
        kind, _, path = prompt.partition(" ")
        name = Path(path).name
        if kind != "dlcourse-callback" or path != str(self.exchange / name):
            self.blocking.input("refused")
            return
        try:
            call = self._read(name)
            function = self._callbacks[-1][call["name"]]
            self._waiting_input += 1
            try:
                answer = {"value": function(*call["args"], **call["kwargs"])}
            finally:
                self._waiting_input -= 1
        except (TimeoutError, KernelGone):
            raise
        except Exception as err:  # the stand-in failed: the learner's call fails with it
            answer = {"error": f"{type(err).__name__}: {err}"}
        result = f"cbres-{next(self._requests)}"
        self._write(result, wire.encode(answer, register=_not_data))
        self.blocking.input(f"result {self.exchange / result}")

    def _write(self, name: str, data: bytes) -> None:
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644,
                     dir_fd=self._dir_fd)
        with os.fdopen(fd, "wb") as f:
            f.write(data)

    def _read(self, name: str) -> dict:
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=self._dir_fd)
        except OSError as err:
            raise KernelGone(f"the kernel gave no answer ({err.strerror})") from None
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > wire.LIMIT:
                raise KernelGone("the kernel's answer is not a plain file of a sensible size")
            answer = wire.decode(f.read(), resolve=self._proxy)
        if not isinstance(answer, dict):
            raise KernelGone("the kernel's answer is not what the grader asked for")
        return answer

    def _interrupt(self) -> None:
        msg = self.blocking.session.msg("interrupt_request", content={})
        self.blocking.control_channel.send(msg)
        try:  # the interrupted request ends; a kernel that does not end it is stopped
            self._pump(time.monotonic() + 10, [], reply_to=self._last_msg_id,
                       done="the end of the interrupted request")
        except (TimeoutError, KernelGone):
            self.kill("the kernel did not stop when asked to, after the time limit")

    def _proxy(self, ref: wire.Ref):
        return RemoteFunction(self, ref) if ref.callable else RemoteObject(ref)


def _not_data(obj) -> int:
    if isinstance(obj, RemoteObject):  # one of the learner's own objects, sent back
        return obj._ref.ref
    raise wire.WireError(f"the grader cannot send a {type(obj).__name__} to the learner's code")


def _error_output(ename: str, evalue: str, traceback_text: str | None = None):
    return new_output("error", ename=ename, evalue=evalue,
                      traceback=(traceback_text or f"{ename}: {evalue}").splitlines())


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
                 for line in part.splitlines() if "dlcourse/verdicts.py" not in line]
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


# --- as an nbgrader preprocessor ------------------------------------------------------------------

def _preprocessor_base():
    from nbgrader.preprocessors import NbGraderPreprocessor

    return NbGraderPreprocessor


class SandboxedExecute(_preprocessor_base()):
    """nbgrader's ``Execute`` step, replaced: the notebook is graded by :func:`grade_notebook`.

    Configured by ``dlcourse grade`` (``course_root``, ``isolated``, ``timeout``); the last run's
    events and timings are kept in ``last`` for the grading report.
    """

    from traitlets import Bool, Integer, Unicode

    course_root = Unicode("").tag(config=True)
    isolated = Bool(True).tag(config=True)
    timeout = Integer(60).tag(config=True)
    last: Result | None = None

    def preprocess(self, nb, resources):
        root = Path(self.course_root)
        assignment = resources["nbgrader"]["assignment"]
        name = resources["nbgrader"]["notebook"]
        source = nbformat.read(root / "source" / assignment / f"{name}.ipynb", as_version=4)
        folder = Path(resources["metadata"]["path"])
        import dlcourse

        package = Path(dlcourse.__file__).resolve().parent
        datasets = root / "datasets"
        readable = [package] + ([datasets] if datasets.is_dir() else [])
        env = {"DLCOURSE_DATA_DIR": str(datasets)} if datasets.is_dir() else {}
        result = grade_notebook(source, nb, folder, isolated=self.isolated, timeout=self.timeout,
                                readable=readable, env=env)
        type(self).last = result
        return result.nb, resources
