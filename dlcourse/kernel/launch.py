"""The first program of a sandboxed kernel (see :mod:`dlcourse.grader.sandbox`).

It runs inside the sandbox, in the kernel's working folder (an empty, size-limited tmpfs): it fills
that folder with a copy of the submission's files, creates the kernel's home folders, bounds the
number of files the folder may hold, gives up the sandbox's root user when asked to and every
capability, and runs the kernel's command in its own place::

    python -I -S launch.py SEED USER GROUP FILES COMMAND...

``SEED`` is the read-only folder to copy; ``USER`` and ``GROUP`` are the numbers to run as, or ``-``
to keep the current ones; ``FILES`` is how many files and folders the kernel may add. Only the
standard library is used, and nothing of :mod:`dlcourse.grader`.
"""

from __future__ import annotations

import ctypes
import os
import signal
import stat
import sys

#: Variables naming the kernel's own folders, made when they are in its working folder.
HOME_VARIABLES = ("HOME", "TMPDIR", "IPYTHONDIR", "MPLCONFIGDIR", "XDG_CACHE_HOME")

#: The only mount the sandbox lets through: this remount of the working folder, by the launcher
#: (the kernel has no capability left for it).
REMOUNT_FLAGS = 0x20 | 0x2 | 0x4  # MS_REMOUNT | MS_NOSUID | MS_NODEV

_CHUNK = 1 << 20
_PR_SET_PDEATHSIG = 1
_CAPABILITY_VERSION_3 = 0x20080522
_libc = ctypes.CDLL(None, use_errno=True)


def copy_tree(src_fd: int, dst_fd: int) -> None:
    """Copy the plain files and folders of one open folder into another; links, sockets and the
    like are left out, and nothing is followed out of ``src_fd``."""
    for entry in os.scandir(src_fd):
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            os.mkdir(entry.name, stat.S_IMODE(info.st_mode) | 0o700, dir_fd=dst_fd)
            src = os.open(entry.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=src_fd)
            try:
                dst = os.open(entry.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW,
                              dir_fd=dst_fd)
                try:
                    copy_tree(src, dst)
                finally:
                    os.close(dst)
            finally:
                os.close(src)
        elif stat.S_ISREG(info.st_mode):
            _copy_file(entry.name, src_fd, dst_fd, stat.S_IMODE(info.st_mode) | 0o600)


def _copy_file(name: str, src_fd: int, dst_fd: int, mode: int) -> None:
    src = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=src_fd)
    try:
        dst = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode,
                      dir_fd=dst_fd)
        try:
            while chunk := os.read(src, _CHUNK):
                view = memoryview(chunk)
                while view:
                    view = view[os.write(dst, view):]
        finally:
            os.close(dst)
    finally:
        os.close(src)


def chown_tree(dir_fd: int, uid: int, gid: int) -> None:
    """Give a folder made by :func:`copy_tree` (and everything in it) to ``uid``:``gid``, the
    folder itself last (its owner may lose access to it)."""
    for entry in os.scandir(dir_fd):
        if entry.is_dir(follow_symlinks=False):
            sub = os.open(entry.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
            try:
                chown_tree(sub, uid, gid)
            finally:
                os.close(sub)
        else:
            os.chown(entry.name, uid, gid, dir_fd=dir_fd, follow_symlinks=False)
    os.chown(dir_fd, uid, gid)


def limit_files(folder: str, extra: int) -> None:
    """Let the tmpfs at ``folder`` hold the files and folders it has, and ``extra`` more: its
    size is bounded already, but an empty file takes no room in it, only the kernel's memory."""
    info = os.statvfs(folder)
    inodes = info.f_files - info.f_ffree + extra
    if _libc.mount(None, folder.encode(), None, ctypes.c_ulong(REMOUNT_FLAGS),
                   f"nr_inodes={inodes}".encode()) != 0:
        raise OSError(ctypes.get_errno(), f"the working folder could not be limited to {inodes} "
                                          "files")


def become(uid: int, gid: int) -> None:
    """Run as ``uid``:``gid`` from now on, in no other group."""
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    if os.getresuid() != (uid, uid, uid) or os.getresgid() != (gid, gid, gid):
        raise SystemExit(f"the sandbox could not become user {uid}")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


def drop_capabilities() -> None:
    """Give up every capability the sandbox gave the launcher, and check that none is left."""
    header, none = _CapHeader(_CAPABILITY_VERSION_3, 0), (ctypes.c_uint32 * 6)()
    if _libc.capset(ctypes.byref(header), none) != 0:
        raise OSError(ctypes.get_errno(), "capset")
    with open("/proc/self/status", encoding="ascii") as f:
        kept = [line.split(":")[0] for line in f
                if line.startswith(("CapInh:", "CapPrm:", "CapEff:", "CapAmb:"))
                and int(line.split()[1], 16)]
    if kept:
        raise SystemExit(f"the sandbox could not give up its capabilities ({', '.join(kept)})")


def die_with_parent() -> None:
    """Be killed when the sandbox's monitor dies (a change of user clears that setting)."""
    if _libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG)")


def main(argv: list[str]) -> None:
    if len(argv) < 5:
        raise SystemExit("usage: launch.py SEED USER GROUP FILES COMMAND...")
    seed, user, group, files, command = argv[0], argv[1], argv[2], int(argv[3]), argv[4:]
    here = os.getcwd()
    src = os.open(seed, os.O_RDONLY | os.O_DIRECTORY)
    dst = os.open(".", os.O_RDONLY | os.O_DIRECTORY)
    try:
        copy_tree(src, dst)
        for name in HOME_VARIABLES:
            path = os.path.normpath(os.environ.get(name, "/"))
            if path.startswith(here + os.sep):
                os.makedirs(path, mode=0o700, exist_ok=True)
        limit_files(here, files)
        if user != "-":
            chown_tree(dst, int(user), int(group))
            become(int(user), int(group))
    finally:
        os.close(src)
        os.close(dst)
    drop_capabilities()
    die_with_parent()
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
