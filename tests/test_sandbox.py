"""The sandbox's command and its process filter; what a kernel in it can and cannot do is proved
by the hostile class (tests/test_hostile.py) and the grading tests."""

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from toycourse import ROOT

from dlcourse.grader import sandbox


def test_the_filter_is_a_well_formed_program_for_known_machines():
    for machine in ("x86_64", "aarch64"):
        program = sandbox.no_new_processes_filter(machine)
        assert len(program) % 8 == 0 and 8 <= len(program) // 8 <= 64
        codes = [struct.unpack("=HBBI", program[i:i + 8]) for i in range(0, len(program), 8)]
        assert codes[-1] == (0x06, 0, 0, 0x7FFF0000)  # everything else is allowed
    with pytest.raises(sandbox.SandboxUnavailable, match="no process filter for the mips"):
        sandbox.no_new_processes_filter("mips")


def test_the_command_binds_the_course_parts_only(tmp_path):
    scratch, exchange = tmp_path / "work", tmp_path / "run"
    cmd = sandbox.bwrap_prefix(scratch, exchange, [ROOT / "dlcourse", ROOT / "datasets"],
                               {"HOME": "/x"}, sandbox.Limits(), 5)
    pairs = [(cmd[i], cmd[i + 1]) for i in range(len(cmd) - 1)]
    bound = {b for a, b in pairs if a == "--ro-bind"}
    assert str(ROOT / "dlcourse") in bound and str(ROOT / "datasets") in bound
    assert str(ROOT) not in bound and str(ROOT / "source") not in bound
    assert ("--bind", str(scratch)) in pairs and ("--chdir", str(scratch)) in pairs
    assert "--unshare-all" in cmd and "--die-with-parent" in cmd and "--clearenv" in cmd
    assert ("--seccomp", "5") in pairs and cmd[-1] == "--"


def _in_sandbox(tmp_path, code: str):
    scratch, exchange = tmp_path / "work", tmp_path / "run"
    scratch.mkdir()
    exchange.mkdir()
    read, write = os.pipe()
    os.write(write, sandbox.no_new_processes_filter())
    os.close(write)
    cmd = sandbox.bwrap_prefix(scratch, exchange, [ROOT / "dlcourse"],
                               sandbox.kernel_env(scratch), sandbox.Limits(memory_bytes=2**30),
                               read)
    try:
        return subprocess.run([*cmd, sys.executable, "-c", code], pass_fds=(read,),
                              capture_output=True, text=True, timeout=60)
    finally:
        os.close(read)


def test_inside_no_processes_no_network_no_course_and_little_memory(tmp_path):
    code = f"SOURCE = {str(ROOT / 'source')!r}\n" + """
import os, socket, threading
def attempt(f):
    try:
        f()
        return "yes"
    except (OSError, MemoryError) as e:
        return type(e).__name__
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
    result = _in_sandbox(tmp_path, code)
    lines = dict(line.split("=", 1) for line in result.stdout.splitlines())
    assert lines["fork"] == "BlockingIOError"
    assert lines["net"] == "OSError"
    assert lines["source"] == "False"
    assert lines["write /usr"] == "OSError"
    assert lines["write here"] == "yes"
    assert lines["write /"] == lines["write /tmp"] == "OSError"  # the sandbox's own root too
    assert lines["memory"] == "MemoryError"
    assert ".bashrc" not in lines["home"] and ".ssh" not in lines["home"]
    assert (tmp_path / "work" / "x").read_text() == "ok"
    assert not Path("/usr/x").exists()
