"""Executing a notebook in a fresh kernel and reading what each graded cell did.

Used by ``dlcourse check`` (source notebooks must pass all their tests; student versions must fail
only with "not implemented yet") and by the course's own test suite. Grading itself goes through
nbgrader; a graded cell fails here exactly when nbgrader would give it no points: when one of its
outputs is an error.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbclient
import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from .authoring import nbgrader_meta
from .environment import ONE_THREAD

#: Kernels run side by side use one BLAS thread each: on a small machine, threads competing for
#: the same cores make matrix products many times slower, not faster.


@dataclass
class CellResult:
    index: int
    grade_id: str | None
    graded: bool
    points: float
    error: str | None  # "Ename: evalue" of the first error output, or None
    ename: str | None
    text: str  # the cell's printed output (stream outputs), for messages


@dataclass
class Run:
    """What one execution of a notebook did, cell by cell."""

    cells: list[CellResult] = field(default_factory=list)
    seconds: float = 0.0
    crashed: str | None = None  # the kernel died, or a cell timed out

    @property
    def failed_tests(self) -> list[str]:
        return [c.grade_id for c in self.cells if c.graded and c.error]

    @property
    def points(self) -> float:
        return sum(c.points for c in self.cells if c.graded and not c.error)

    @property
    def max_points(self) -> float:
        return sum(c.points for c in self.cells if c.graded)


def _results(nb) -> list[CellResult]:
    results = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        meta = nbgrader_meta(cell)
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        text = "".join(o.get("text", "") for o in cell.get("outputs", [])
                       if o.get("output_type") == "stream")
        first = errors[0] if errors else None
        results.append(CellResult(
            index=index,
            grade_id=meta.get("grade_id"),
            graded=bool(meta.get("grade")),
            points=float(meta.get("points", 0) or 0),
            error=f"{first['ename']}: {first['evalue']}" if first else None,
            ename=first["ename"] if first else None,
            text=text,
        ))
    return results


def execute(nb, cwd: str | Path, *, grading: bool = False, timeout: int = 600,
            env: dict | None = None) -> Run:
    """Execute ``nb`` (a copy is made) in a fresh Python kernel started in ``cwd``.

    ``grading=True`` sets ``NBGRADER_EXECUTION`` as nbgrader does, so that notebooks shorten their
    long training runs. Every cell runs even after an error, as in grading.
    """
    nb = nbformat.from_dict(nb)
    kernel_env = {k: v for k, v in os.environ.items() if k != "NBGRADER_EXECUTION"}
    if grading:
        kernel_env["NBGRADER_EXECUTION"] = "autograde"
    kernel_env.setdefault("MPLBACKEND", "Agg")
    kernel_env.update(ONE_THREAD)
    kernel_env.update(env or {})
    start = time.perf_counter()
    crashed = None
    # the kernel is reached over Unix sockets in a folder of its own: kernels started side by
    # side cannot race for the same TCP port
    with tempfile.TemporaryDirectory(prefix="dlcourse-kernel-") as sockets:
        km = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                ip=os.path.join(sockets, "kernel"))
        client = nbclient.NotebookClient(
            nb, km=km, timeout=timeout, allow_errors=True, kernel_name="python3",
            resources={"metadata": {"path": str(cwd)}},
        )
        try:
            # env goes to this kernel only; its own log (not the cells' output) is dropped
            client.execute(env=kernel_env, stderr=subprocess.DEVNULL)
        except (nbclient.exceptions.DeadKernelError,
                nbclient.exceptions.CellTimeoutError) as err:
            crashed = f"{type(err).__name__}: {str(err).strip().splitlines()[0]}"
        finally:
            with contextlib.suppress(Exception):
                run_sync(km.shutdown_kernel)(now=True)
    seconds = time.perf_counter() - start
    return Run(cells=_results(nb), seconds=seconds, crashed=crashed)
