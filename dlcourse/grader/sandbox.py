"""The sandbox a submission's kernel runs in while it is graded.

A learner's notebook is code written by someone else, run on the instructor's machine. While it is
graded, its Jupyter kernel runs under `bubblewrap <https://github.com/containers/bubblewrap>`_
(Debian package ``bubblewrap``), the unprivileged sandbox that Flatpak uses:

- **No network**: a network namespace of its own, with nothing but an unconnected loopback.
- **Nothing of the course but what the notebook needs**: the file system is empty except, read-only,
  the system's programs and libraries (``/usr``), the Python installation and its packages, the
  course's helper package and ``datasets/``. The course's ``source/`` (solutions, hidden tests),
  the gradebook, the other students' work and the instructor's home do not exist in it.
- **Writable only in a scratch copy** of the submission's own folder, the kernel's working
  directory, thrown away after grading (home, temporary files and caches are kept in it too).
- **Limits** (:class:`Limits`): address space (memory), CPU time, size of any file written, open
  files; no new processes at all (a seccomp filter lets the kernel start threads but makes
  ``fork``, ``vfork`` and process ``clone`` fail), and its own process and IPC namespaces, so that
  nothing it starts can outlive it. Per-cell time limits and output limits are the executor's
  (:mod:`dlcourse.grader.verdicts`).

The kernel talks to the grader over Unix sockets in a directory shared with the sandbox (Jupyter's
``ipc`` transport), since the sandbox has no network to reach the grader's TCP ports; it is
interrupted by message, not by signal, since the grader does not own its processes directly.
"""

from __future__ import annotations

import functools
import os
import platform
import shutil
import struct
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Any, Dict, Instance, List, Unicode

from .execution import ONE_THREAD

BWRAP = "bwrap"
INSTALL_HINT = ("install bubblewrap (Debian and Ubuntu: sudo apt-get install bubblewrap; "
                "Fedora: sudo dnf install bubblewrap)")


@dataclass(frozen=True)
class Limits:
    """Resource limits of one kernel (its whole run through a notebook)."""

    memory_bytes: int = 4 * 2**30  # address space of the kernel process
    cpu_seconds: int = 900  # CPU time of the kernel over the whole notebook
    file_bytes: int = 256 * 2**20  # largest file it may write
    open_files: int = 256


# --- the seccomp filter: threads yes, processes no ---------------------------------------------

_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
# syscall numbers: fork, vfork, clone, clone3 (aarch64 has no fork/vfork: glibc uses clone)
_SYSCALLS = {"x86_64": {"fork": 57, "vfork": 58, "clone": 56, "clone3": 435},
             "aarch64": {"clone": 220, "clone3": 435}}
_CLONE_THREAD = 0x00010000
_EAGAIN, _ENOSYS, _EPERM = 11, 38, 1

# classic BPF opcodes
_LD_W_ABS, _JEQ_K, _JSET_K, _JGE_K, _RET_K = 0x20, 0x15, 0x45, 0x35, 0x06
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def no_new_processes_filter(machine: str | None = None) -> bytes:
    """A seccomp program (raw ``struct sock_filter`` array, as bubblewrap's ``--seccomp`` reads it)
    that makes process creation fail with EAGAIN (clone3 with ENOSYS, so that the C library falls
    back to clone for threads), lets threads be created, and allows everything else. Another
    architecture, or x32 system calls, get EPERM for everything."""
    machine = machine or platform.machine()
    if machine not in _AUDIT_ARCH:
        raise SandboxUnavailable(f"no process filter for the {machine} architecture "
                                 f"(known: {', '.join(_AUDIT_ARCH)})")
    calls = _SYSCALLS[machine]
    deny = _RET_ERRNO | _EAGAIN
    prog = [
        _insn(_LD_W_ABS, 0, 0, 4),  # arch
        _insn(_JEQ_K, 1, 0, _AUDIT_ARCH[machine]),
        _insn(_RET_K, 0, 0, _RET_ERRNO | _EPERM),
        _insn(_LD_W_ABS, 0, 0, 0),  # syscall number
    ]
    if machine == "x86_64":  # x32 system calls
        prog += [_insn(_JGE_K, 0, 1, 0x40000000), _insn(_RET_K, 0, 0, _RET_ERRNO | _EPERM)]
    for name in ("fork", "vfork"):
        if name in calls:
            prog += [_insn(_JEQ_K, 0, 1, calls[name]), _insn(_RET_K, 0, 0, deny)]
    prog += [_insn(_JEQ_K, 0, 1, calls["clone3"]), _insn(_RET_K, 0, 0, _RET_ERRNO | _ENOSYS)]
    prog += [
        _insn(_JEQ_K, 0, 3, calls["clone"]),
        _insn(_LD_W_ABS, 0, 0, 16),  # low half of the first argument: the clone flags
        _insn(_JSET_K, 1, 0, _CLONE_THREAD),
        _insn(_RET_K, 0, 0, deny),
        _insn(_RET_K, 0, 0, _RET_ALLOW),
    ]
    return b"".join(prog)


# --- what the sandbox sees ------------------------------------------------------------------------

class SandboxUnavailable(RuntimeError):
    """The sandbox cannot start on this machine; the message says why and what to do."""


def _python_paths() -> list[Path]:
    """Folders the kernel's Python needs: its installation, the environment and its packages
    (never the current folder or a script's, which may be the course itself)."""
    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).parent}
    for key in ("stdlib", "platstdlib", "purelib", "platlib", "data"):
        value = sysconfig.get_paths().get(key)
        if value:
            paths.add(Path(value))
    return _outermost(p.resolve() for p in paths if p.exists())


def _outermost(paths) -> list[Path]:
    kept: list[Path] = []
    for p in sorted(set(paths), key=lambda p: len(p.parts)):
        if not any(p == k or k in p.parents for k in kept):
            kept.append(p)
    return kept


def _system_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        top = Path("/" + name)
        if top.is_symlink():
            args += ["--symlink", os.readlink(top), str(top)]
        elif top.is_dir():
            args += ["--ro-bind", str(top), str(top)]
    return args


def bwrap_prefix(scratch: Path, exchange: Path, readable: list[Path], env: dict[str, str],
                 limits: Limits, filter_fd: int) -> list[str]:
    """The command that runs a program in the sandbox: ``bwrap ... prlimit ... --`` (the
    program's own command line follows)."""
    args = [BWRAP, "--unshare-all", "--die-with-parent", "--clearenv", *_system_binds(),
            "--proc", "/proc", "--dev", "/dev"]
    course_paths = [Path(p).resolve() for p in readable]
    for path in _outermost([*_python_paths(), *course_paths]):
        # a course folder inside the Python paths (an editable install of the course) is bound
        # only as the parts listed in ``readable``, never whole
        if any(path in c.parents for c in course_paths):
            continue
        args += ["--ro-bind", str(path), str(path)]
    for path in course_paths:
        args += ["--ro-bind", str(path), str(path)]
    args += ["--bind", str(exchange), str(exchange), "--bind", str(scratch), str(scratch),
             "--remount-ro", "/", "--chdir", str(scratch), "--seccomp", str(filter_fd)]
    for key, value in env.items():
        args += ["--setenv", key, value]
    args += ["--", shutil.which("prlimit") or "prlimit", f"--as={limits.memory_bytes}",
             f"--cpu={limits.cpu_seconds}", f"--fsize={limits.file_bytes}",
             f"--nofile={limits.open_files}", "--core=0", "--"]
    return args


def kernel_env(scratch: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The kernel's whole environment: nothing of the grader's but its language settings."""
    home = scratch / ".home"
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin",
                                 "/bin"]),
        "HOME": str(home), "TMPDIR": str(home / "tmp"), "IPYTHONDIR": str(home / "ipython"),
        "MPLCONFIGDIR": str(home / "matplotlib"), "XDG_CACHE_HOME": str(home / "cache"),
        "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
        "LANG": os.environ.get("LANG", "C.UTF-8"), **ONE_THREAD,
    }
    env.update(extra or {})
    return env


def prepare_scratch(scratch: Path) -> None:
    for sub in ("tmp", "ipython", "matplotlib", "cache"):
        (scratch / ".home" / sub).mkdir(parents=True, exist_ok=True)


@functools.lru_cache(maxsize=1)
def unavailable_reason() -> str | None:
    """None when the sandbox starts here; else why not, and what to do."""
    if not sys.platform.startswith("linux"):
        return f"the sandbox needs Linux (this is {sys.platform})"
    if shutil.which(BWRAP) is None:
        return f"the sandbox program bwrap was not found: {INSTALL_HINT}"
    if shutil.which("prlimit") is None:
        return "the program prlimit was not found: install util-linux"
    try:
        program = no_new_processes_filter()
    except SandboxUnavailable as err:
        return str(err)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dlcourse-sandbox-check-") as tmp:
        scratch, exchange = Path(tmp, "work"), Path(tmp, "run")
        scratch.mkdir()
        exchange.mkdir()
        read, write = os.pipe()
        os.write(write, program)
        os.close(write)
        code = ("import os, socket\n"
                "try:\n    os.fork()\nexcept OSError:\n    pass\nelse:\n    raise SystemExit(3)\n"
                "try:\n    socket.create_connection(('1.1.1.1', 53), timeout=1)\n"
                "except OSError:\n    print('ok')\n")
        cmd = bwrap_prefix(scratch, exchange, [], kernel_env(scratch), Limits(), read)
        try:
            result = subprocess.run([*cmd, sys.executable, "-c", code], pass_fds=(read,),
                                    capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as err:
            return f"bwrap could not be run: {err}"
        finally:
            os.close(read)
    if result.returncode != 0 or result.stdout.strip() != "ok":
        detail = (result.stderr or result.stdout).strip().splitlines()
        return ("bwrap is installed but cannot start a sandbox here"
                + (f" ({detail[-1]})" if detail else f" (exit status {result.returncode})")
                + ": it needs unprivileged user namespaces (on Ubuntu 24.04 and later, an "
                  "AppArmor profile for bwrap, or sysctl kernel.apparmor_restrict_unprivileged_"
                  "userns=0)")
    return None


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel runs in the sandbox (see the module's text).

    ``scratch`` is the kernel's writable working folder; ``exchange`` holds the connection file
    and the sockets; ``readable`` lists the course folders it may read (the helper package,
    ``datasets/``); ``sandbox_env`` is its whole environment.
    """

    scratch = Unicode()
    exchange = Unicode()
    readable = List(Unicode())
    sandbox_env = Dict()
    limits = Instance(Limits, args=())
    _filter_fd = Any(None)

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        super().__init__(**kwargs)
        self.ip = str(Path(self.exchange) / "kernel")
        self.connection_file = str(Path(self.exchange) / "kernel.json")

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if self._filter_fd is None:
            read, write = os.pipe()
            os.write(write, no_new_processes_filter())
            os.close(write)
            os.set_inheritable(read, True)
            self._filter_fd = read
        prefix = bwrap_prefix(Path(self.scratch), Path(self.exchange),
                              [Path(p) for p in self.readable], self.sandbox_env, self.limits,
                              self._filter_fd)
        return [*prefix, *cmd]

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        kw["pass_fds"] = (self._filter_fd,)  # the seccomp program's pipe, and no other file
        kw["env"] = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:
            if self._filter_fd is not None:
                os.close(self._filter_fd)
                self._filter_fd = None

    @property
    def kernel_spec(self):
        spec = super().kernel_spec
        if spec is not None:
            spec.interrupt_mode = "message"
        return spec
