"""The sandbox's command and its process filter; what a kernel in it can and cannot do is proved
here by attacks run in the real sandbox, by the hostile class (tests/test_hostile.py) and the
grading tests."""

import os
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from jupyter_core.utils import run_sync
from toycourse import ROOT

from dlcourse.grader import sandbox

MiB = 2**20
SMALL = sandbox.Limits(memory_bytes=2**30, file_bytes=4 * MiB, disk_bytes=16 * MiB, files=1000)


# --- the filter, read by a small classic-BPF interpreter ---------------------------------------

_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_ALLOW, _EPERM, _EAGAIN, _ENOSYS = 0x7FFF0000, 0x50001, 0x5000B, 0x50026
_THREAD_FLAGS = 0x3D0F00  # what glibc's pthread_create gives clone
_FORK_FLAGS = 0x01200011  # what glibc's fork gives clone (SIGCHLD, CHILD_SETTID, CHILD_CLEARTID)


def _verdict(program: bytes, arch: int, nr: int, *args: int) -> int:
    data = struct.pack("=IIQ6Q", nr, arch, 0, *args, *[0] * (6 - len(args)))
    insns = [struct.unpack("=HBBI", program[i:i + 8]) for i in range(0, len(program), 8)]
    pc = acc = 0
    while True:
        code, jt, jf, k = insns[pc]
        if code == 0x06:
            return k
        if code == 0x20:
            acc, pc = struct.unpack_from("=I", data, k)[0], pc + 1
            continue
        taken = {0x15: acc == k, 0x35: acc >= k, 0x45: bool(acc & k)}[code]
        pc += 1 + (jt if taken else jf)


def test_the_filter_is_a_well_formed_program_for_known_machines():
    for machine in ("x86_64", "aarch64"):
        program = sandbox.no_new_processes_filter(machine)
        assert len(program) % 8 == 0 and 8 <= len(program) // 8 <= 128
        codes = [struct.unpack("=HBBI", program[i:i + 8]) for i in range(0, len(program), 8)]
        assert codes[-1] == (0x06, 0, 0, 0x7FFF0000)  # everything else is allowed
        for i, (code, jt, jf, _) in enumerate(codes):  # every jump lands in the program
            assert code == 0x06 or i + 1 + max(jt, jf) < len(codes)
    with pytest.raises(sandbox.SandboxUnavailable, match="no process filter for the mips"):
        sandbox.no_new_processes_filter("mips")


@pytest.mark.parametrize("machine", ["x86_64", "aarch64"])
def test_the_filter_lets_threads_through_and_refuses_processes_and_reaching_out(machine):
    program, arch = sandbox.no_new_processes_filter(machine), _ARCH[machine]
    calls = sandbox._SYSCALLS[machine]
    assert _verdict(program, arch, calls["clone"], _THREAD_FLAGS) == _ALLOW
    assert _verdict(program, arch, calls["clone"], _FORK_FLAGS) == _EAGAIN
    assert _verdict(program, arch, calls["clone"], _THREAD_FLAGS | 0x10000000) == _EPERM  # NEWUSER
    assert _verdict(program, arch, calls["clone"], _THREAD_FLAGS | 0x00020000) == _EPERM  # NEWNS
    assert _verdict(program, arch, calls["clone3"]) == _ENOSYS
    for name in ("fork", "vfork"):
        if name in calls:
            assert _verdict(program, arch, calls[name]) == _EAGAIN
    for name in sandbox.DENIED:
        assert _verdict(program, arch, calls[name]) == _EPERM, name
    remount = sandbox.REMOUNT_FLAGS
    assert _verdict(program, arch, calls["mount"], 0, 0, 0, remount) == _ALLOW  # the launcher's
    for flags in (0, 0x1000 | 0x20, remount | 0x1000, remount & ~0x2, 0x20):  # MS_BIND, -NOSUID
        assert _verdict(program, arch, calls["mount"], 0, 0, 0, flags) == _EPERM, hex(flags)
    ordinary = {"x86_64": (0, 1, 9, 13, 202, 231), "aarch64": (63, 64, 222, 134, 98, 94)}
    for nr in ordinary[machine]:  # read, write, mmap, signals, futex, exit_group
        assert _verdict(program, arch, nr) == _ALLOW, nr
    assert _verdict(program, 0x40000003, 0) == _EPERM  # another architecture
    if machine == "x86_64":
        assert _verdict(program, arch, 0x40000000 | calls["clone"], _THREAD_FLAGS) == _EPERM


@pytest.mark.parametrize("machine, header", [
    ("x86_64", "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"),
    ("aarch64", "/usr/include/asm-generic/unistd.h")])
def test_the_syscall_numbers_are_the_kernels(machine, header):
    if not Path(header).exists():
        pytest.skip(f"no kernel headers for {machine} here")
    numbers = {}
    for line in Path(header).read_text().splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "#define" and parts[2].isdigit():
            for prefix in ("__NR_", "__NR3264_"):
                if parts[1].startswith(prefix):
                    numbers[parts[1][len(prefix):]] = int(parts[2])
    for name, number in sandbox._SYSCALLS[machine].items():
        assert numbers[name] == number, name


# --- the command ------------------------------------------------------------------------------

def test_the_command_binds_the_course_parts_only(tmp_path):
    scratch, exchange = tmp_path / "work", tmp_path / "run"
    limits = sandbox.Limits()
    cmd = sandbox.bwrap_prefix(scratch, exchange, [ROOT / "dlcourse", ROOT / "datasets"],
                               {"HOME": "/x"}, limits, 5)
    pairs = [(cmd[i], cmd[i + 1]) for i in range(len(cmd) - 1)]
    bound = {b for a, b in pairs if a == "--ro-bind"}
    assert str(ROOT / "dlcourse") in bound and str(ROOT / "datasets") in bound
    assert str(ROOT) not in bound and str(ROOT / "source") not in bound
    # the submission is copied into a tmpfs of its own at the working folder's path
    assert ("--ro-bind", str(scratch)) in pairs and ("--bind", str(scratch)) not in pairs
    at = pairs.index(("--tmpfs", str(scratch)))
    assert cmd[at - 2:at + 2] == ["--size", str(limits.disk_bytes), "--tmpfs", str(scratch)]
    assert ("--remount-ro", "/dev") in pairs and "--dev" not in cmd  # no writable /dev
    assert ("--chdir", str(scratch)) in pairs and ("--bind", str(exchange)) in pairs
    for option in ("--unshare-all", "--die-with-parent", "--as-pid-1", "--clearenv"):
        assert option in cmd
    assert ("--cap-drop", "ALL") in pairs
    assert {b for a, b in pairs if a == "--cap-add"} == {"CAP_SYS_ADMIN"}  # the launcher's
    assert ("--seccomp", "5") in pairs and cmd[-1] == "--"
    assert f"--nproc={limits.threads}" in cmd and f"--fsize={limits.file_bytes}" in cmd
    as_root = sandbox.bwrap_prefix(scratch, exchange, [], {}, limits, 5, info_fd=6, block_fd=7)
    pairs = [(as_root[i], as_root[i + 1]) for i in range(len(as_root) - 1)]
    assert ("--userns-block-fd", "7") in pairs and ("--info-fd", "6") in pairs
    assert {b for a, b in pairs if a == "--cap-add"} == {
        "CAP_SYS_ADMIN", "CAP_SETUID", "CAP_SETGID", "CAP_CHOWN"}


def test_limits_keep_one_file_within_the_disk():
    with pytest.raises(ValueError, match="file_bytes"):
        sandbox.Limits(file_bytes=2 * MiB, disk_bytes=MiB)


# --- in the real sandbox ----------------------------------------------------------------------

def _in_sandbox(tmp_path, code: str, limits=None, files=None, drop_root=None):
    scratch, exchange = tmp_path / "work", tmp_path / "run"
    scratch.mkdir()
    exchange.mkdir()
    sandbox.prepare_scratch(scratch)
    for name, data in (files or {}).items():
        (scratch / name).write_bytes(data)
    return sandbox.run([sys.executable, "-c", code], scratch, exchange, [ROOT / "dlcourse"],
                       limits=limits or sandbox.Limits(memory_bytes=2**30), drop_root=drop_root)


def _lines(result) -> dict[str, str]:
    assert result.returncode == 0, result.stderr
    return dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)


_ATTEMPT = """
import ctypes, errno, os
libc = ctypes.CDLL(None, use_errno=True)
def attempt(f):
    try:
        result = f()
    except (OSError, MemoryError, ValueError, RuntimeError) as e:
        return getattr(e, "errno", None) and errno.errorcode[e.errno] or type(e).__name__
    return "yes"
def c(name, *args, restype=ctypes.c_int):
    function = getattr(libc, name)
    function.restype = restype
    def call():
        if function(*args) == -1:
            raise OSError(ctypes.get_errno(), name)
    return call
"""


def test_inside_no_processes_no_network_no_course_and_little_memory(tmp_path):
    code = f"SOURCE = {str(ROOT / 'source')!r}\n" + _ATTEMPT + """
import socket, threading
t = threading.Thread(target=lambda: None); t.start(); t.join()
print("fork=" + str(attempt(os.fork)))
print("net=" + str(attempt(lambda: socket.create_connection(("1.1.1.1", 53), timeout=2))))
print("source=" + str(os.path.exists(SOURCE)))
print("write /usr=" + str(attempt(lambda: open("/usr/x", "w"))))
print("write here=" + str(attempt(lambda: open("x", "w").write("ok"))))
print("write /=" + str(attempt(lambda: open("/x", "w"))))
print("write /tmp=" + str(attempt(lambda: open("/tmp/x", "w"))))
print("memory=" + str(attempt(lambda: bytearray(3 * 2**30))))
print("home=" + str(os.listdir("/root") if os.path.exists("/root") else "absent"))
"""
    lines = _lines(_in_sandbox(tmp_path, code))
    assert lines["fork"] == "EAGAIN"
    assert lines["net"] in ("ENETUNREACH", "OSError")
    assert lines["source"] == "False"
    assert lines["write /usr"] == "EROFS"
    assert lines["write here"] == "yes"
    assert lines["write /"] == lines["write /tmp"] == "EROFS"  # the sandbox's own root too
    assert lines["memory"] == "MemoryError"
    assert ".bashrc" not in lines["home"] and ".ssh" not in lines["home"]
    assert not (tmp_path / "work" / "x").exists()  # written in the sandbox's tmpfs, not here
    assert not Path("/usr/x").exists()


def test_the_kernel_is_alone_and_cannot_reach_into_another_process(tmp_path):
    """Limits bind the kernel; with it as process 1 there is no other process in the sandbox to
    use beyond them, and the calls that reach into a process are refused anyway."""
    code = f"HOST_PID = {os.getpid()}\n" + _ATTEMPT + """
PTRACE_TRACEME, PTRACE_ATTACH, PTRACE_SEIZE = 0, 16, 0x4206
class iovec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]
def ptrace(request, pid):
    return c("ptrace", request, pid, None, None, restype=ctypes.c_long)
buf = ctypes.create_string_buffer(64)
iov = iovec(ctypes.cast(buf, ctypes.c_void_p), 64)
print("pid=" + str(os.getpid()))
print("processes=" + ",".join(sorted(p for p in os.listdir("/proc") if p.isdigit())))
print("self=" + os.readlink("/proc/self"))
print("ptrace 1=" + attempt(ptrace(PTRACE_ATTACH, 1)))
print("seize 1=" + attempt(ptrace(PTRACE_SEIZE, 1)))
print("ptrace host=" + attempt(ptrace(PTRACE_ATTACH, HOST_PID)))
print("traceme=" + attempt(ptrace(PTRACE_TRACEME, 0)))
for name in ("process_vm_writev", "process_vm_readv"):
    for pid in (1, HOST_PID):
        print(f"{name} {pid}=" + attempt(c(name, pid, ctypes.byref(iov), 1, ctypes.byref(iov),
                                            1, 0, restype=ctypes.c_ssize_t)))
print("mem of another=" + attempt(lambda: open(f"/proc/{HOST_PID}/mem", "r+b")))
print("mem of 2=" + attempt(lambda: open("/proc/2/mem", "r+b")))
print("kill host=" + attempt(lambda: os.kill(HOST_PID, 0)))
"""
    lines = _lines(_in_sandbox(tmp_path, code))
    assert lines["pid"] == "1" and lines["processes"] == "1" and lines["self"] == "1"
    for key in ("ptrace 1", "seize 1", "ptrace host", "traceme"):
        assert lines[key] == "EPERM", key
    for name in ("process_vm_writev", "process_vm_readv"):
        assert lines[f"{name} 1"] == lines[f"{name} {os.getpid()}"] == "EPERM"
    assert lines["mem of another"] == lines["mem of 2"] == "ENOENT"  # no such process in sight
    assert lines["kill host"] == "ESRCH"


@pytest.mark.parametrize("drop_root", [None, False])
def test_the_kernel_cannot_change_its_limits_mounts_or_namespaces(tmp_path, drop_root):
    if drop_root is False and os.geteuid() != 0:
        pytest.skip("the grader is not root here")
    code = f"REMOUNT = {sandbox.REMOUNT_FLAGS}\n" + _ATTEMPT + """
import resource
MS_BIND, MS_REMOUNT = 4096, 32
CLONE_NEWNS, CLONE_NEWUSER = 0x20000, 0x10000000
for name in ("AS", "CPU", "FSIZE", "NOFILE", "NPROC"):
    soft, hard = resource.getrlimit(getattr(resource, "RLIMIT_" + name))
    print(f"{name}={soft == hard} " + attempt(
        lambda: resource.setrlimit(getattr(resource, "RLIMIT_" + name), (hard, hard + 1))))
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print("capabilities=" + ",".join(str(int(status[k], 16)) for k in ("CapPrm", "CapEff", "CapAmb")))
print("uid=" + str(os.getuid()))
print("remount=" + attempt(c("mount", None, b"/usr", None, MS_REMOUNT | MS_BIND, None)))
print("tmpfs=" + attempt(c("mount", b"tmpfs", b"/usr", b"tmpfs", 0, None)))
print("remount here=" + attempt(c("mount", None, os.getcwd().encode(), None, REMOUNT,
                                  b"size=9G,nr_inodes=9000000")))
print("umount=" + attempt(c("umount2", b"/run/dlcourse/submission", 2)))
print("unshare=" + attempt(lambda: os.unshare(CLONE_NEWUSER | CLONE_NEWNS)
                           if hasattr(os, "unshare") else c("unshare", CLONE_NEWUSER)()))
print("setns=" + attempt(c("setns", os.open("/proc/self/ns/user", os.O_RDONLY), 0)))
print("memfd=" + attempt(lambda: os.memfd_create("x")))
print("sysv shm=" + attempt(c("shmget", 0, 2**30, 0o1600)))
BPF = 321 if os.uname().machine == "x86_64" else 280
print("bpf=" + attempt(c("syscall", BPF, 0, None, 0, restype=ctypes.c_long)))
"""
    lines = _lines(_in_sandbox(tmp_path, code, drop_root=drop_root))
    for name in ("AS", "CPU", "FSIZE", "NOFILE", "NPROC"):
        assert lines[name] == "True EPERM" or lines[name] == "True ValueError", name
    assert lines["capabilities"] == "0,0,0"
    assert lines["uid"] == ("1000" if os.geteuid() == 0 and drop_root is None
                            else str(os.getuid()))
    for key in ("remount", "tmpfs", "remount here", "umount", "unshare", "setns", "memfd",
                "sysv shm", "bpf"):
        assert lines[key] == "EPERM", key


_FILL = """
import errno, os
CHUNK = b"x" * 2**20
def fill(folder, file_bytes, files, prefix="f"):
    total = 0
    for i in range(files):
        fd = os.open(os.path.join(folder, f"{prefix}{i}"), os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            left = file_bytes
            while left:
                n = os.write(fd, CHUNK[:min(left, len(CHUNK))])
                total, left = total + n, left - n
        except OSError as e:
            return f"{total} {errno.errorcode[e.errno]}"
        finally:
            os.close(fd)
    return f"{total} none"
def attempt(f):
    try:
        f()
    except OSError as e:
        return errno.errorcode[e.errno]
    return "yes"
"""


def test_all_a_kernel_writes_is_bounded_in_total(tmp_path):
    """Many files, each under the limit for one file, fill the working folder's tmpfs and no more;
    the host's disk gets none of it."""
    quota, one = SMALL.disk_bytes, SMALL.file_bytes
    code = _FILL + f"""
print("here=" + fill(".", 3 * 2**20, 40))
for name in os.listdir("."):
    if name.startswith("f"):
        os.unlink(name)
print("home=" + fill(os.environ["TMPDIR"], 3 * 2**20, 2, "za") + " "
      + fill(os.environ["HOME"], 3 * 2**20, 2, "zb") + " " + fill(".", 3 * 2**20, 20, "zc"))
for folder in (os.environ["TMPDIR"], os.environ["HOME"], "."):
    for name in os.listdir(folder):
        if name[:2] in ("za", "zb", "zc"):
            os.unlink(os.path.join(folder, name))
print("one big file=" + fill(".", {one + 2**20}, 1, "big"))
made = 0
try:
    while made < 5000:
        os.close(os.open(f"e{{made}}", os.O_WRONLY | os.O_CREAT, 0o644))
        made += 1
except OSError as e:
    made = f"{{made}} {{errno.errorcode[e.errno]}}"
print(f"empty files={{made}}")
for path in ("/dev/shm/x", "/dev/x", "/run/x", "/run/dlcourse/submission/x", "/usr/x"):
    print(path + "=" + attempt(lambda: open(path, "wb").write(CHUNK)))
print("data=" + open("data.bin", "rb").read().decode())
"""
    result = _in_sandbox(tmp_path, code, limits=SMALL, files={"data.bin": b"submitted"})
    lines = _lines(result)
    written, error = lines["here"].split()
    assert error == "ENOSPC" and quota - 2 * MiB <= int(written) <= quota
    home = lines["home"].split()
    assert home[1] == home[3] == "none" and home[5] == "ENOSPC"  # one quota for all of them
    assert quota - 2 * MiB <= sum(int(n) for n in home[::2]) <= quota
    assert lines["one big file"] == f"{one} EFBIG"
    made, error = lines["empty files"].split()  # an empty file takes memory, not room
    assert error == "ENOSPC" and SMALL.files - 10 <= int(made) <= SMALL.files
    assert lines["/dev/shm/x"] in ("ENOENT", "EROFS")
    for path in ("/dev/x", "/run/x", "/run/dlcourse/submission/x", "/usr/x"):
        assert lines[path] == "EROFS", path
    assert lines["data"] == "submitted"
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == [".home", "data.bin"]
    assert sandbox.folder_bytes(tmp_path / "work") < 64 * 1024
    assert sandbox.folder_bytes(tmp_path / "run") == 0


def test_writes_to_the_exchange_folder_are_measured(tmp_path):
    """The exchange folder is the host's: one file is bounded by the limit for a file, and all
    of them by the grader with ``folder_bytes``."""
    one = SMALL.file_bytes
    code = _FILL + f"""
exchange = {str(tmp_path / "run")!r}
print("files=" + fill(exchange, 3 * 2**20, 10))
print("big=" + fill(exchange, {one + 2**20}, 1, "big"))
os.makedirs(os.path.join(exchange, "a", "b"))
print("nested=" + fill(os.path.join(exchange, "a", "b"), 2**20, 3, "n"))
os.symlink("/usr", os.path.join(exchange, "link"))
"""
    lines = _lines(_in_sandbox(tmp_path, code, limits=SMALL))
    assert lines["files"] == f"{30 * MiB} none"
    assert lines["big"] == f"{one} EFBIG"
    assert lines["nested"] == f"{3 * MiB} none"
    measured = sandbox.folder_bytes(tmp_path / "run")
    assert 30 * MiB + one + 3 * MiB <= measured <= 30 * MiB + one + 3 * MiB + 64 * 1024
    assert sandbox.folder_bytes(tmp_path / "run", limit=10 * MiB) > 10 * MiB


def test_folder_bytes_counts_pages_never_follows_links_and_stops_early(tmp_path):
    (tmp_path / "a.bin").write_bytes(b"x" * 5000)  # two pages
    (tmp_path / "empty").touch()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.bin").write_bytes(b"x" * 4096)
    (tmp_path / "to_usr").symlink_to("/usr")
    (tmp_path / "to_big").symlink_to("/proc/kcore")
    assert sandbox.folder_bytes(tmp_path) == (2 + 1 + 1 + 1 + 1 + 1) * 4096
    assert sandbox.folder_bytes(tmp_path, limit=4096) <= 3 * 4096
    deep = tmp_path / "deep"
    for _ in range(70):
        deep = deep / "d"
    deep.mkdir(parents=True)
    assert sandbox.folder_bytes(tmp_path) == sys.maxsize
    with pytest.raises(NotADirectoryError):
        sandbox.folder_bytes(tmp_path / "a.bin")
    with pytest.raises(OSError):
        sandbox.folder_bytes(tmp_path / "to_usr")


def test_a_submission_too_large_for_the_working_folder_is_refused(tmp_path):
    scratch, exchange = tmp_path / "work", tmp_path / "run"
    scratch.mkdir()
    exchange.mkdir()
    with open(scratch / "data.bin", "wb") as f:
        f.truncate(SMALL.disk_bytes + 1)  # sparse: nothing on the disk
    with pytest.raises(sandbox.SubmissionTooLarge, match="16 MiB"):
        sandbox.Launch(scratch, exchange, [], {}, SMALL)


_BOMBS = """
import concurrent.futures, ctypes, threading, time
threading.stack_size(65536)
stop = threading.Event()
def bomb(start):
    started = 0
    try:
        for _ in range(5000):
            start()
            started += 1
    except RuntimeError:
        pass
    return started
def ended(started, pool=None):
    stop.set()
    if pool is not None:
        pool.shutdown()
    for t in threading.enumerate():
        if t is not threading.main_thread():
            t.join()
    stop.clear()
    return str(started)
print("threading=" + ended(bomb(lambda: threading.Thread(target=stop.wait).start())))
pool = concurrent.futures.ThreadPoolExecutor(max_workers=5000)
print("pool=" + ended(bomb(lambda: pool.submit(stop.wait)), pool))
libc = ctypes.CDLL(None, use_errno=True)
attr, tid = ctypes.create_string_buffer(128), ctypes.c_ulong()
libc.pthread_attr_init(attr)
libc.pthread_attr_setstacksize(attr, ctypes.c_size_t(65536))
sleep = ctypes.cast(libc.sleep, ctypes.c_void_p)
raw = 0
while raw < 5000 and libc.pthread_create(ctypes.byref(tid), attr, sleep, ctypes.c_void_p(60)) == 0:
    raw += 1
print("pthread_create=" + str(raw))
import ipykernel.kernelapp, matplotlib.pyplot as plt, numpy as np
plt.plot(np.arange(3) @ np.ones((3, 2)))
plt.savefig("plot.png")
print("after=ok", flush=True)
os._exit(0)  # the threads of pthread_create sleep on
"""


def test_a_thread_bomb_is_bounded(tmp_path):
    """Threads beyond the limit are refused, however they are started, and a kernel's usual work
    (ipykernel, NumPy, matplotlib) still has the threads it needs."""
    code = "import os\n" + _BOMBS
    lines = _lines(_in_sandbox(tmp_path, code, limits=sandbox.Limits()))
    limit = sandbox.Limits().threads
    for key in ("threading", "pool", "pthread_create"):
        assert limit - 8 <= int(lines[key]) < limit, key
    assert lines["after"] == "ok"


def test_a_kernel_starts_with_its_usual_work_well_within_the_thread_limit(tmp_path):
    code = """
import threading, ipykernel.kernelapp, matplotlib, numpy as np
matplotlib.use("Agg")
import matplotlib.pyplot as plt
a = np.random.default_rng(0).normal(size=(300, 300))
print("product=" + str((a @ a.T).shape))
plt.plot([1, 2, 3]); plt.savefig("plot.png")
print("threads=" + str(threading.active_count()))
"""
    lines = _lines(_in_sandbox(tmp_path, code))
    assert lines["product"] == "(300, 300)" and int(lines["threads"]) < 8


def test_without_dropping_root_the_thread_limit_does_not_bind(tmp_path):
    """What the sandbox measures when the grader runs as root: RLIMIT_NPROC does not bind a
    process of the host's root (in any user namespace), hence the kernel's own user."""
    if os.geteuid() != 0:
        pytest.skip("the grader is not root here")
    code = _BOMBS.split("def bomb")[0] + """
started = 0
while started < 1000 and threading.Thread(target=stop.wait).start() is None:
    started += 1
print("threading=" + str(started))
stop.set()
"""
    lines = _lines(_in_sandbox(tmp_path, code, limits=sandbox.Limits(), drop_root=False))
    assert lines["threading"] == "1000"


def test_the_cpu_limit_stops_the_kernel(tmp_path):
    limits = sandbox.Limits(memory_bytes=2**30, cpu_seconds=1)
    start = time.monotonic()
    result = _in_sandbox(tmp_path, "while True:\n    pass\n", limits=limits)
    assert result.returncode in (137, -9) and time.monotonic() - start < 30


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as f:
            return any(line.startswith("State:\tZ") for line in f)
    except FileNotFoundError:
        return True


def _wait_gone(pid: int, seconds: float = 10) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if _gone(pid):
            return True
        time.sleep(0.05)
    return False


def test_the_kernel_dies_with_the_sandbox(tmp_path):
    scratch, exchange = tmp_path / "work", tmp_path / "run"
    scratch.mkdir()
    exchange.mkdir()
    launch = sandbox.Launch(scratch, exchange, [], sandbox.kernel_env(scratch), SMALL)
    try:
        process = subprocess.Popen(launch.command([sys.executable, "-c", "import time\n"
                                                   "print('up', flush=True)\ntime.sleep(60)"]),
                                   pass_fds=launch.pass_fds, stdout=subprocess.PIPE, text=True)
        launch.started(process.pid)
    finally:
        launch.close()
    assert process.stdout.readline() == "up\n"
    assert not _gone(launch.child_pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
    assert _wait_gone(launch.child_pid)


def test_a_real_kernel_runs_finds_the_submission_and_is_interrupted_by_message(tmp_path):
    scratch, exchange = tmp_path / "work", tmp_path / "run"
    scratch.mkdir()
    exchange.mkdir()
    (scratch / "my_cat.png").write_bytes(b"\x89PNG a cat")
    sandbox.prepare_scratch(scratch)
    km = sandbox.SandboxedKernelManager(
        kernel_name="python3", scratch=str(scratch), exchange=str(exchange),
        readable=[str(ROOT / "dlcourse"), str(ROOT / "datasets")],
        sandbox_env=sandbox.kernel_env(scratch))
    run_sync(km.start_kernel)(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = km.blocking_client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        printed = []

        def run(code, timeout=60):
            def hook(msg):
                if msg["msg_type"] == "stream":
                    printed.append(msg["content"]["text"])
            return kc.execute_interactive(code, timeout=timeout, output_hook=hook)["content"]

        reply = run("import os, numpy as np, matplotlib.pyplot as plt\n"
                    "plt.plot(np.arange(3)); plt.savefig('plot.png')\n"
                    "print(os.getpid(), open('my_cat.png', 'rb').read(), sorted(os.listdir()))")
        assert reply["status"] == "ok"
        assert "".join(printed).strip() == (
            "1 b'\\x89PNG a cat' ['.home', 'my_cat.png', 'plot.png']")
        msg_id = kc.execute("import time\ntime.sleep(120)")
        time.sleep(1)
        run_sync(km.interrupt_kernel)()
        reply = kc.get_shell_msg(timeout=30)
        assert reply["parent_header"]["msg_id"] == msg_id
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        printed.clear()
        assert run("print(6 * 7)")["status"] == "ok" and "".join(printed).strip() == "42"
    finally:
        kc.stop_channels()
        pid = km.sandbox_pid
        run_sync(km.shutdown_kernel)(now=True)
    assert pid is not None and _wait_gone(pid)
    assert not (scratch / "plot.png").exists()


def test_the_sandbox_is_available_here_and_too_old_a_bwrap_is_named(tmp_path, monkeypatch):
    sandbox.unavailable_reason.cache_clear()
    try:
        assert sandbox.unavailable_reason() is None
        old = tmp_path / "bwrap"
        old.write_text("#!/bin/sh\necho 'usage: bwrap [OPTIONS...] --as-pid-1 --cap-drop'\n")
        old.chmod(0o755)
        monkeypatch.setattr(sandbox, "BWRAP", str(old))
        sandbox.unavailable_reason.cache_clear()
        reason = sandbox.unavailable_reason()
        assert "--size" in reason and "0.7" in reason
    finally:
        sandbox.unavailable_reason.cache_clear()
