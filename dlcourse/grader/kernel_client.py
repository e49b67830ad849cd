"""The grader's connection to a learner's kernel: cells run in it with bounded time and output,
and requests (fetch a value, call a function) answered by its agent as plain data."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import stat
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import nbclient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbformat.v4 import new_output

from ..kernel import wire
from . import sandbox
from .environment import ONE_THREAD
from .limits import KERNEL_OUTPUT_BYTES, MAX_MESSAGE_BYTES, MAX_OUTPUT_BYTES
from .remote import RemoteFunction, RemoteObject, TestRun

# --- the learner's kernel -------------------------------------------------------------------------

#: The kernel's agent, as an expression that works in a cell whatever the learner named things.
AGENT = "__import__('dlcourse.kernel.agent').kernel.agent"


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
        self._contexts = []  # the clients' ZeroMQ contexts, with bounded messages
        make_client = self.km.client
        self.km.client = lambda **kw: make_client(context=self._bounded_context(), **kw)
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
        self.blocking.context = self._bounded_context(asynchronous=False)
        self.blocking.start_channels()
        self.blocking.wait_for_ready(timeout=60)
        # the kernel cuts each cell's output a little below the grader's own bound, so that its
        # note on the cut is what the learner reads
        self.blocking.execute_interactive(f"{AGENT}.listen(globals(), {KERNEL_OUTPUT_BYTES})",
                                          silent=True, store_history=False, timeout=60)
        self._comm = uuid.uuid4().hex
        self.blocking.shell_channel.send(self.blocking.session.msg(
            "comm_open", {"comm_id": self._comm, "target_name": "dlcourse", "data": {}}))
        return time.perf_counter() - start

    def _bounded_context(self, asynchronous: bool = True):
        """A ZeroMQ context whose sockets take no message larger than
        :data:`MAX_MESSAGE_BYTES`: a larger one is dropped as it arrives (with the connection it
        came on, which reconnects), so that one huge output cannot exhaust the grader's memory
        before any limit on outputs applies."""
        import zmq
        import zmq.asyncio

        context = zmq.asyncio.Context() if asynchronous else zmq.Context()
        context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
        self._contexts.append(context)
        return context

    def alive(self) -> bool:
        return self.dead is None and run_sync(self.km.is_alive)()

    def run_cell(self, cell, index: int, limit: float | None = None) -> None:
        """Run a learner's (or a given) cell in the kernel, for at most ``limit`` seconds (the
        per-cell time limit by default)."""
        if not self.alive():
            cell.outputs = [_error_output("KernelStopped", self._stopped_text())]
            return
        self.client.timeout = max(1, int(limit if limit is not None else self.timeout))
        try:
            self.client.execute_cell(cell, index)
            self._drain()
        except nbclient.exceptions.DeadKernelError:
            self.dead = "the kernel stopped while this cell ran (an exit, or a crash)"
            cell.outputs.append(_error_output("KernelStopped", self.dead))
            return
        except Exception as err:  # noqa: BLE001 - garbled or refused messages: this cell fails
            cell.outputs.append(_error_output(
                "KernelUnreadable", "the grader could not follow this cell's run "
                f"({type(err).__name__}: {str(err)[:200]}); its outputs are incomplete"))
            if not self._responds():
                self.kill("the kernel stopped answering after a cell the grader could not follow")
            return
        self._check_exchange()
        if any(o.get("ename") == "CellTimeoutError" for o in cell.outputs) and \
                not self._responds():
            self.kill("the kernel did not recover from a cell stopped at the time limit")

    def _check_exchange(self) -> None:
        """Stop a kernel that has written more than it may into the folder it shares with the
        grader (its only writable place outside its own size-limited scratch space)."""
        if not self.isolated or self.dead:
            return
        limit = sandbox.Limits().exchange_bytes
        used = sandbox.folder_bytes(self.exchange, limit)
        if used > limit:
            self.kill(f"the kernel wrote more than {limit // 2**20} MB into the folder it shares "
                      "with the grader")

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
        """Whether the kernel answers an empty request within ``wait`` seconds; garbled messages
        on the way (a kernel whose threads fight over its sockets sends some) are passed over."""
        import queue

        try:
            msg_id = self.blocking.execute("", silent=True, store_history=False)
        except Exception:  # noqa: BLE001 - it cannot even be asked
            return False
        deadline = time.monotonic() + wait
        while (left := deadline - time.monotonic()) > 0:
            try:
                msg = self.blocking.get_shell_msg(timeout=left)
            except queue.Empty:
                return False
            except ValueError:  # a garbled message
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"].get("status") == "ok"
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
        for context in self._contexts:
            with contextlib.suppress(Exception):
                context.destroy(linger=0)
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
                code = (f"{AGENT}.handle({str(self.exchange / req)!r}, "
                        f"{str(self.exchange / res)!r}, globals())")
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
        with contextlib.suppress(OSError):
            os.unlink(req, dir_fd=self._dir_fd)
        answer = self._read(res)
        self._check_exchange()
        return answer

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
                try:
                    msg = channels[socket].get_msg(timeout=0)
                except ValueError:  # a garbled message (bad signature): not the kernel's answer
                    continue
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
        with contextlib.suppress(OSError):  # read once: the shared folder does not fill up
            os.unlink(name, dir_fd=self._dir_fd)
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


