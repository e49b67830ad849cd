"""The one home of the environments the course's child processes get: grading processes, the
nbgrader commands it runs, and the kernels started outside the sandbox (the sandbox's kernels get
an environment of their own, built from nothing: :func:`.sandbox.kernel_env`)."""

from __future__ import annotations

import os
import sys

#: One BLAS thread per process: figures are then the same on every machine of a kind, and graders
#: running side by side do not fight over cores.
ONE_THREAD = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                     "MKL_NUM_THREADS")}


def tools_dir() -> str:
    """The folder of this Python's programs (a virtual environment's ``bin``): where nbgrader's
    own programs (``alembic``, ``jupyter``) are, activated or not."""
    return os.path.dirname(sys.executable)


def put_tools_on_path() -> None:
    """Make this process (and all it starts) find :func:`tools_dir`'s programs first: nbgrader
    starts ``alembic`` by name when it creates a gradebook."""
    path = os.environ.get("PATH", "")
    if path.split(os.pathsep)[0] != tools_dir():
        os.environ["PATH"] = tools_dir() + (os.pathsep + path if path else "")


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a grading process or an nbgrader command: this one, with the tools on
    PATH, plots without a screen, one BLAS thread, and not in nbgrader's grading mode (its
    notebooks decide that themselves)."""
    env = os.environ.copy()
    env["PATH"] = tools_dir() + os.pathsep + env.get("PATH", "")
    env.pop("NBGRADER_EXECUTION", None)
    env.setdefault("MPLBACKEND", "Agg")
    env.update(ONE_THREAD)
    env.update(extra or {})
    return env
