"""The sandbox a submission's kernel runs in while it is graded.

A learner's notebook is code written by someone else, run on the instructor's machine. While it is
graded, its Jupyter kernel runs under `bubblewrap <https://github.com/containers/bubblewrap>`_
(Debian package ``bubblewrap``, version 0.7 or later), the unprivileged sandbox that Flatpak uses:

- **No network**: a network namespace of its own, with nothing but an unconnected loopback.
- **Nothing of the course but what the notebook needs**: the file system is empty except, read-only,
  the system's programs and libraries (``/usr``), the Python installation and its packages, the
  course's helper package and ``datasets/``. The course's ``source/`` (solutions, hidden tests),
  the gradebook, the other students' work and the instructor's home do not exist in it.
- **Writable only in its working folder**, a tmpfs that starts as a copy of the submission's
  folder (home, temporary files and caches are kept in it too) and is thrown away with the kernel:
  nothing it writes there reaches the disk. The only other place it can write is the exchange
  folder (below), a folder of the host: :func:`folder_bytes` measures it, for the grader to hold it
  to :attr:`Limits.exchange_bytes`. ``/``, ``/dev`` and every folder bound in are read-only.
- **Nothing else in it to attack**: the kernel is the sandbox's process 1, alone in its process
  and IPC namespaces, without any capability; when the grader runs as root, the kernel runs as an
  unprivileged user of the host (:data:`HOST_USER`), never as root. A seccomp filter lets it start
  threads but makes ``fork``, ``vfork`` and process ``clone`` fail, and refuses what could reach
  another process or change the sandbox: ``ptrace``, ``process_vm_readv``/``writev``, mounts, new
  namespaces, kernel keys, BPF, performance counters, ``userfaultfd``, and memory no limit counts
  (``memfd_create``, System V IPC, ``io_uring``).
- **Limits** (:class:`Limits`; soft and hard alike, so that the kernel cannot raise them): 4 GiB
  of address space, 900 s of CPU time over the whole notebook, 512 MiB in its working folder and
  10,000 files and folders added to it, 160 MiB for any one file it writes (there or in the
  exchange folder), 256 open files, 256 threads (itself included), no POSIX message queue, no
  core dump. Per-cell time limits and output limits are the executor's
  (:mod:`dlcourse.grader.verdicts`).

The memory a kernel can take is its address space and its working folder (a tmpfs lives in
memory), 4.5 GiB by default, and the system's own records of its threads, files and open files,
which those limits bound.

The kernel talks to the grader over Unix sockets in a directory shared with the sandbox (Jupyter's
``ipc`` transport), since the sandbox has no network to reach the grader's TCP ports; it is
interrupted by message, not by signal, since the grader does not own its processes directly.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import platform
import select
import shutil
import signal
import stat
import struct
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Any, Dict, Instance, List, Unicode

from ..kernel.launch import REMOUNT_FLAGS
from .environment import ONE_THREAD

BWRAP = "bwrap"
INSTALL_HINT = ("install bubblewrap (Debian and Ubuntu: sudo apt-get install bubblewrap; "
                "Fedora: sudo dnf install bubblewrap)")
#: bubblewrap options the sandbox needs (``--size`` came with bubblewrap 0.7)
NEEDED_OPTIONS = ("--size", "--as-pid-1", "--cap-drop", "--info-fd", "--userns-block-fd")

#: The program that fills the working folder and starts the kernel (:mod:`dlcourse.kernel.launch`),
#: and where it and the submission's files are seen inside the sandbox.
LAUNCHER = Path(__file__).resolve().parent.parent / "kernel" / "launch.py"
INSIDE_LAUNCHER = "/run/dlcourse/launch.py"
INSIDE_SEED = "/run/dlcourse/submission"

#: When the grader runs as root, the kernel runs as this user and group of the host (``nobody``),
#: seen inside the sandbox as :data:`INSIDE_USER`: root is exempt from the limit on threads, and
#: should own nothing the kernel creates.
HOST_USER = (65534, 65534)
INSIDE_USER = 1000

_PAGE = 4096


@dataclass(frozen=True)
class Limits:
    """Resource limits of one kernel (its whole run through a notebook)."""

    memory_bytes: int = 4 * 2**30  # address space of the kernel process
    cpu_seconds: int = 900  # CPU time of the kernel over the whole notebook
    # largest file it may write: the grader's answers are files of the exchange folder, up to
    # 128 MiB of values and the wire format's headers
    file_bytes: int = 160 * 2**20
    disk_bytes: int = 512 * 2**20  # everything in its working folder (a tmpfs, in memory)
    exchange_bytes: int = 2**30  # the exchange folder's bound, for the grader (folder_bytes)
    open_files: int = 256
    threads: int = 256  # its threads, itself included (RLIMIT_NPROC: it has no processes)
    files: int = 10_000  # files and folders it may add to its working folder

    def __post_init__(self):
        if self.file_bytes > self.disk_bytes:
            raise ValueError("Limits.file_bytes cannot exceed Limits.disk_bytes")


def folder_bytes(path: Path | str, limit: int | None = None) -> int:
    """What a folder holds, in bytes: its regular files' sizes, each rounded up to whole 4 KiB
    pages, and a page for every other entry (folder, socket, link, empty file). Links are never
    followed, and the folder may change while it is counted. With ``limit``, counting stops as soon
    as the total passes it (the answer is then only known to be larger), which also bounds the
    time spent on a folder of very many entries. A folder nested more than 64 deep, or one that
    cannot be read, counts as larger than any limit."""
    top = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        stack = [(top, os.scandir(top))]
    except OSError:
        os.close(top)
        raise
    total = 0
    try:
        while stack:
            fd, entries = stack[-1]
            entry = next(entries, None)
            if entry is None:
                stack.pop()
                entries.close()
                os.close(fd)
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except FileNotFoundError:  # gone meanwhile
                continue
            except OSError:  # hidden from the grader
                return sys.maxsize
            pages = -(-info.st_size // _PAGE) if stat.S_ISREG(info.st_mode) else 1
            total += max(pages, 1) * _PAGE
            if limit is not None and total > limit:
                break
            if stat.S_ISDIR(info.st_mode):
                if len(stack) > 64:
                    return sys.maxsize
                try:
                    sub = os.open(entry.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW,
                                  dir_fd=fd)
                except OSError as err:
                    if err.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
                        continue  # gone, or replaced by something else meanwhile
                    return sys.maxsize  # hidden from the grader
                stack.append((sub, os.scandir(sub)))
    finally:
        for fd, entries in stack:
            entries.close()
            os.close(fd)
    return total


# --- the seccomp filter: threads yes, processes no, nothing beyond the sandbox ----------------

_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
# system call numbers (aarch64 has no fork/vfork: glibc uses clone), from the kernel's
# asm/unistd_64.h (x86_64) and asm-generic/unistd.h (aarch64)
_SYSCALLS = {
    "x86_64": {"fork": 57, "vfork": 58, "clone": 56, "clone3": 435,
               "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311,
               "pidfd_getfd": 438, "kcmp": 312,
               "mount": 165, "umount2": 166, "pivot_root": 155, "open_tree": 428,
               "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
               "mount_setattr": 442, "unshare": 272, "setns": 308,
               "keyctl": 250, "add_key": 248, "request_key": 249, "bpf": 321,
               "perf_event_open": 298, "userfaultfd": 323, "memfd_create": 319,
               "shmget": 29, "msgget": 68, "semget": 64, "io_uring_setup": 425},
    "aarch64": {"clone": 220, "clone3": 435,
                "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271,
                "pidfd_getfd": 438, "kcmp": 272,
                "mount": 40, "umount2": 39, "pivot_root": 41, "open_tree": 428,
                "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
                "mount_setattr": 442, "unshare": 97, "setns": 268,
                "keyctl": 219, "add_key": 217, "request_key": 218, "bpf": 280,
                "perf_event_open": 241, "userfaultfd": 282, "memfd_create": 279,
                "shmget": 194, "msgget": 186, "semget": 190, "io_uring_setup": 425},
}
#: System calls refused with EPERM: another process's memory, mounts and namespaces, kernel keys,
#: BPF, performance counters, page-fault handling, and memory that no limit counts. ``mount`` is
#: refused too, but for the launcher's remount of the working folder (see :data:`REMOUNT_FLAGS`).
DENIED = ("ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", "kcmp",
          "umount2", "pivot_root", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount",
          "fspick", "mount_setattr", "unshare", "setns",
          "keyctl", "add_key", "request_key", "bpf", "perf_event_open", "userfaultfd",
          "memfd_create", "shmget", "msgget", "semget", "io_uring_setup")
_CLONE_THREAD = 0x00010000
_CLONE_NEW_NAMESPACES = 0x7E020000  # CLONE_NEWNS, -CGROUP, -UTS, -IPC, -USER, -PID, -NET
_EAGAIN, _ENOSYS, _EPERM = 11, 38, 1

# classic BPF opcodes
_LD_W_ABS, _JEQ_K, _JSET_K, _JGE_K, _RET_K = 0x20, 0x15, 0x45, 0x35, 0x06
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def no_new_processes_filter(machine: str | None = None) -> bytes:
    """A seccomp program (raw ``struct sock_filter`` array, as bubblewrap's ``--seccomp`` reads it)
    that makes process creation fail with EAGAIN (clone3 with ENOSYS, so that the C library falls
    back to clone for threads), lets threads be created (but not in new namespaces), refuses the
    system calls of :data:`DENIED` with EPERM, and ``mount`` but for a remount with
    :data:`REMOUNT_FLAGS` (which needs a capability the kernel does not have), and allows
    everything else. Another architecture, or x32 system calls, get EPERM for everything."""
    machine = machine or platform.machine()
    if machine not in _AUDIT_ARCH:
        raise SandboxUnavailable(f"no process filter for the {machine} architecture "
                                 f"(known: {', '.join(_AUDIT_ARCH)})")
    calls = _SYSCALLS[machine]
    # each check is (code, k, jump-if-true target, jump-if-false target); targets are labels of
    # the return instructions at the end, or a number of instructions to skip (0: the next)
    checks = [(_LD_W_ABS, 4, 0, 0),  # arch
              (_JEQ_K, _AUDIT_ARCH[machine], 0, "eperm"),
              (_LD_W_ABS, 0, 0, 0)]  # system call number
    if machine == "x86_64":  # x32 system calls
        checks.append((_JGE_K, 0x40000000, "eperm", 0))
    checks += [(_JEQ_K, calls[name], "eagain", 0) for name in ("fork", "vfork") if name in calls]
    checks.append((_JEQ_K, calls["clone3"], "enosys", 0))
    checks += [(_JEQ_K, calls[name], "eperm", 0) for name in DENIED]
    checks += [(_JEQ_K, calls["mount"], 0, 2),
               (_LD_W_ABS, 40, 0, 0),  # low half of the fourth argument: the mount flags
               (_JEQ_K, REMOUNT_FLAGS, "allow", "eperm")]
    checks += [(_JEQ_K, calls["clone"], 0, "allow"),
               (_LD_W_ABS, 16, 0, 0),  # low half of the first argument: the clone flags
               (_JSET_K, _CLONE_THREAD, 0, "eagain"),
               (_JSET_K, _CLONE_NEW_NAMESPACES, "eperm", "allow")]
    returns = {"eagain": _RET_ERRNO | _EAGAIN, "enosys": _RET_ERRNO | _ENOSYS,
               "eperm": _RET_ERRNO | _EPERM, "allow": _RET_ALLOW}
    where = {label: len(checks) + i for i, label in enumerate(returns)}
    prog = []
    for i, (code, k, true, false) in enumerate(checks):
        jt = where[true] - i - 1 if isinstance(true, str) else true
        jf = where[false] - i - 1 if isinstance(false, str) else false
        prog.append(_insn(code, jt, jf, k))
    prog += [_insn(_RET_K, 0, 0, value) for value in returns.values()]
    return b"".join(prog)


# --- what the sandbox sees ------------------------------------------------------------------------

class SandboxUnavailable(RuntimeError):
    """The sandbox cannot start on this machine; the message says why and what to do."""


class SubmissionTooLarge(RuntimeError):
    """The submission's folder does not fit in the kernel's working folder."""


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


def _bind(option: str, source: Path | str, dest: Path | str) -> list[str]:
    """A bind of ``source`` at ``dest``, whose missing parent folders are made readable by all
    (bubblewrap 0.8 makes them readable by their owner only, which the kernel may not be)."""
    parent = os.path.dirname(str(dest))
    return [*(["--dir", parent] if parent != "/" else []), option, str(source), str(dest)]


def _system_binds() -> list[str]:
    args = _bind("--ro-bind", "/usr", "/usr")
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        top = Path("/" + name)
        if top.is_symlink():
            args += ["--symlink", os.readlink(top), str(top)]
        elif top.is_dir():
            args += _bind("--ro-bind", top, top)
    return args


def _devices() -> list[str]:
    """A read-only ``/dev`` of the harmless devices (bubblewrap's own ``--dev`` would leave it
    writable, and would put the sandbox in a second user namespace for its ``/dev/pts``)."""
    args = ["--tmpfs", "/dev"]
    for name in ("null", "zero", "full", "random", "urandom", "tty"):
        if os.path.exists(f"/dev/{name}"):
            args += ["--dev-bind", f"/dev/{name}", f"/dev/{name}"]
    args += ["--symlink", "/proc/self/fd", "/dev/fd"]
    for number, name in enumerate(("stdin", "stdout", "stderr")):
        args += ["--symlink", f"/proc/self/fd/{number}", f"/dev/{name}"]
    return [*args, "--remount-ro", "/dev"]


def bwrap_prefix(scratch: Path, exchange: Path, readable: list[Path], env: dict[str, str],
                 limits: Limits, filter_fd: int, *, info_fd: int | None = None,
                 block_fd: int | None = None) -> list[str]:
    """The command that runs a program in the sandbox: ``bwrap ... launch.py ... prlimit ... --``
    (the program's own command line follows). ``scratch`` (the host's copy of the submission) is
    copied into the working folder, a tmpfs at the same path. ``info_fd`` receives bubblewrap's
    JSON (the sandbox's process, ``child-pid``); with ``block_fd``, the sandbox waits on it until
    the grader, as root, has given it its users (:class:`Launch`), and the program runs as
    :data:`HOST_USER`."""
    # the launcher's capabilities, all given up before the kernel starts: to bound the working
    # folder's files, and as root to give the kernel its user
    caps = ["CAP_SYS_ADMIN"]
    args = [BWRAP, "--unshare-all", "--die-with-parent", "--as-pid-1", "--cap-drop", "ALL"]
    if block_fd is not None:
        args += ["--unshare-user", "--userns-block-fd", str(block_fd)]
        caps += ["CAP_SETUID", "CAP_SETGID", "CAP_CHOWN"]
    args += [arg for cap in caps for arg in ("--cap-add", cap)]
    if info_fd is not None:
        args += ["--info-fd", str(info_fd)]
    args += ["--clearenv", *_system_binds(), "--proc", "/proc", *_devices()]
    course_paths = [Path(p).resolve() for p in readable]
    for path in _outermost([*_python_paths(), *course_paths]):
        # a course folder inside the Python paths (an editable install of the course) is bound
        # only as the parts listed in ``readable``, never whole
        if any(path in c.parents for c in course_paths):
            continue
        args += _bind("--ro-bind", path, path)
    for path in course_paths:
        args += _bind("--ro-bind", path, path)
    args += [*_bind("--bind", exchange, exchange), *_bind("--ro-bind", scratch, INSIDE_SEED),
             *_bind("--ro-bind", LAUNCHER, INSIDE_LAUNCHER),
             "--size", str(limits.disk_bytes), "--tmpfs", str(scratch), "--remount-ro", "/",
             "--chdir", str(scratch), "--seccomp", str(filter_fd)]
    for key, value in env.items():
        args += ["--setenv", key, value]
    user = [str(INSIDE_USER)] * 2 if block_fd is not None else ["-", "-"]
    args += ["--", sys.executable, "-I", "-S", INSIDE_LAUNCHER, INSIDE_SEED, *user,
             str(limits.files),
             shutil.which("prlimit") or "prlimit", f"--as={limits.memory_bytes}",
             f"--cpu={limits.cpu_seconds}", f"--fsize={limits.file_bytes}",
             f"--nofile={limits.open_files}", f"--nproc={limits.threads}", "--msgqueue=0",
             "--core=0", "--"]
    return args


class Launch:
    """One start of a program in the sandbox.

    ``command(argv)`` is the whole command line, to be started with ``pass_fds``; once it has
    started, ``started(pid)`` must be called (it learns the sandbox's process, and, when the
    grader runs as root, gives the sandbox its users: root inside for the launcher, mapped to
    root, and :data:`INSIDE_USER` for the kernel, mapped to :data:`HOST_USER`), then ``close()``.
    ``drop_root`` (default: whether the grader runs as root) chooses that second way.
    """

    def __init__(self, scratch: Path, exchange: Path, readable: list[Path], env: dict[str, str],
                 limits: Limits = Limits(), drop_root: bool | None = None):
        if folder_bytes(scratch, limits.disk_bytes) > limits.disk_bytes:
            raise SubmissionTooLarge(
                f"the submission's folder holds more than {limits.disk_bytes // 2**20} MiB, the "
                "most its kernel may keep")
        self.exchange = Path(exchange)
        self.drop_root = os.geteuid() == 0 if drop_root is None else drop_root
        self.child_pid: int | None = None  # the sandbox's process 1, as the host sees it
        self._ours: list[int] = []
        self._theirs: list[int] = []
        read, write = os.pipe()
        os.write(write, no_new_processes_filter())
        os.close(write)
        self._theirs.append(read)
        self._info, info_w = os.pipe()
        self._ours.append(self._info)
        self._theirs.append(info_w)
        block_r = self._block = None
        if self.drop_root:
            block_r, self._block = os.pipe()
            self._ours.append(self._block)
            self._theirs.append(block_r)
        for fd in self._theirs:
            os.set_inheritable(fd, True)
        self.pass_fds = tuple(self._theirs)
        self.prefix = bwrap_prefix(Path(scratch), self.exchange, readable, env, limits, read,
                                   info_fd=info_w, block_fd=block_r)

    def command(self, argv: list[str]) -> list[str]:
        return [*self.prefix, *argv]

    def started(self, pid: int | None = None, timeout: float = 30) -> None:
        """The program has been started (``pid``: bubblewrap's): let the sandbox go on."""
        for fd in self._theirs:
            os.close(fd)
        self._theirs = []
        try:
            info = json.loads(self._read_info(timeout) or "{}")
            if "child-pid" not in info:
                raise SandboxUnavailable("bwrap stopped before the sandbox started")
            self.child_pid = int(info["child-pid"])
            if self.drop_root:
                self._give_users()
                os.write(self._block, b"1")
        except BaseException:
            if pid is not None:  # never let a sandbox without its users go on
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            raise

    def _read_info(self, timeout: float) -> str:
        data, end = b"", time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self._info], [], [], left)[0]:
                raise SandboxUnavailable(f"bwrap did not start the sandbox within {timeout:g} s")
            chunk = os.read(self._info, 65536)
            if not chunk:
                return data.decode()
            data += chunk

    def _give_users(self) -> None:
        uid, gid = HOST_USER
        try:
            for name, host in (("uid_map", uid), ("gid_map", gid)):
                with open(f"/proc/{self.child_pid}/{name}", "w", encoding="ascii") as f:
                    f.write(f"0 0 1\n{INSIDE_USER} {host} 1\n")
        except OSError as err:
            raise SandboxUnavailable(f"the sandbox's users could not be set ({err}): as root, the "
                                     "grader needs the capability CAP_SETUID") from None
        # the kernel makes its sockets and answers in the exchange folder, and reads the
        # connection file there
        os.chown(self.exchange, uid, gid, follow_symlinks=False)
        for entry in os.scandir(self.exchange):
            if entry.is_file(follow_symlinks=False):
                os.chown(entry.path, uid, gid, follow_symlinks=False)

    def close(self) -> None:
        for fd in [*self._ours, *self._theirs]:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._ours, self._theirs = [], []


def run(argv: list[str], scratch: Path, exchange: Path, readable: list[Path] = (),
        env: dict[str, str] | None = None, limits: Limits = Limits(), timeout: float = 60,
        drop_root: bool | None = None) -> subprocess.CompletedProcess:
    """Run a program in the sandbox to its end, like :func:`subprocess.run` with captured text
    output; ``env`` defaults to :func:`kernel_env`."""
    launch = Launch(scratch, exchange, list(readable),
                    kernel_env(scratch) if env is None else env, limits, drop_root)
    try:
        process = subprocess.Popen(launch.command(argv), pass_fds=launch.pass_fds,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        with process:
            try:
                launch.started(process.pid)
                out, err = process.communicate(timeout=timeout)
            except BaseException:
                process.kill()
                raise
    finally:
        launch.close()
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def kernel_env(scratch: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The kernel's whole environment: nothing of the grader's but its language settings. Its
    home, temporary files and caches are in its working folder."""
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


_PROBE = """\
import os, socket
try:
    os.fork()
except OSError:
    pass
else:
    raise SystemExit(3)
try:
    socket.create_connection(('1.1.1.1', 53), timeout=1)
except OSError:
    print('ok')
"""


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
        no_new_processes_filter()
        usage = subprocess.run([BWRAP, "--help"], capture_output=True, text=True, timeout=30)
    except SandboxUnavailable as err:
        return str(err)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"bwrap could not be run: {err}"
    missing = [option for option in NEEDED_OPTIONS if option not in usage.stdout + usage.stderr]
    if missing:
        return (f"bwrap is too old for the sandbox (it has no {', '.join(missing)}): it needs "
                f"bubblewrap 0.7 or later; {INSTALL_HINT}")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dlcourse-sandbox-check-") as tmp:
        scratch, exchange = Path(tmp, "work"), Path(tmp, "run")
        scratch.mkdir()
        exchange.mkdir()
        try:
            result = run([sys.executable, "-c", _PROBE], scratch, exchange)
        except SandboxUnavailable as err:
            return str(err)
        except (OSError, subprocess.TimeoutExpired) as err:
            return f"bwrap could not be run: {err}"
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

    ``scratch`` is the host's copy of the submission's folder (the kernel's working folder is a
    copy of it, at the same path); ``exchange`` holds the connection file and the sockets;
    ``readable`` lists the course folders it may read (the helper package, ``datasets/``);
    ``sandbox_env`` is its whole environment.
    """

    scratch = Unicode()
    exchange = Unicode()
    readable = List(Unicode())
    sandbox_env = Dict()
    limits = Instance(Limits, args=())
    sandbox_pid = Any(None)  # the kernel's process as the host sees it, once started
    _launch = Any(None)

    def __init__(self, **kwargs):
        kwargs.setdefault("transport", "ipc")
        super().__init__(**kwargs)
        self.ip = str(Path(self.exchange) / "kernel")
        self.connection_file = str(Path(self.exchange) / "kernel.json")

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if self._launch is None:
            self._launch = Launch(Path(self.scratch), Path(self.exchange),
                                  [Path(p) for p in self.readable], self.sandbox_env, self.limits)
        return self._launch.command(cmd)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        launch, self._launch = self._launch, None
        kw["pass_fds"] = launch.pass_fds  # the sandbox's own pipes, and no other file
        kw["env"] = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            launch.started(getattr(self.provisioner, "pid", None))
            self.sandbox_pid = launch.child_pid
        finally:
            launch.close()

    @property
    def kernel_spec(self):
        spec = super().kernel_spec
        if spec is not None:
            spec.interrupt_mode = "message"
        return spec
