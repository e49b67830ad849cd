"""Shared fixtures: the course itself, and a scratch copy of it for grading."""

from __future__ import annotations

import os

# Before NumPy loads: plots without a screen, and one BLAS thread, as the grading kernels use.
os.environ.setdefault("MPLBACKEND", "Agg")
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import shutil  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests' own helper modules

from dlcourse.grader.course import Course  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = ["week1_numpy_basics", "week2_logistic_regression", "week3_shallow_network",
               "week4_deep_network"]



@pytest.fixture(scope="session")
def course() -> Course:
    return Course(ROOT)


def copy_course(target: Path) -> Course:
    """A copy of the course folder (config, source, release, data) with nothing graded yet."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", target)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for folder in ("source", "release", "datasets"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    return Course(target)
