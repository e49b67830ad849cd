"""What grading on a Dask cluster costs: ``dlcourse grade --jobs N`` against
``dlcourse grade --cluster local:N`` on the same class.

Usage (from the repository root)::

    python tests/benchmarks/cluster_speed.py                      # 4 sample students, week 1, N=2
    python tests/benchmarks/cluster_speed.py --copies 3 --workers 2 --assignments week1_numpy_basics

The class is the sample students of :mod:`dlcourse.grader.sample` (``--copies`` times each, under
new names), for the given assignments. Each run grades it in a fresh copy of the course (released
first, so that both start from the same gradebook), as the course command, in a process of its
own: its wall time, and its core-seconds (user + system CPU time of the command and everything it
started: grading processes, Dask's workers, the sandboxed kernels) per submission are printed,
then the cluster path's overhead against local grading processes.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/conftest.py

import nbformat  # noqa: E402
from conftest import copy_course  # noqa: E402

from dlcourse.grader import authoring, sample  # noqa: E402
from dlcourse.grader.course import generate_release  # noqa: E402
from dlcourse.grader.environment import child_env, put_tools_on_path, tools_dir  # noqa: E402


def make_class(root: Path, assignments: list[str], copies: int) -> int:
    course = copy_course(root)
    count = 0
    for assignment in assignments:
        generate_release(course, assignment)
        source_nb = authoring.read(course.source_notebook(assignment))
        release_nb = authoring.read(course.release_notebook(assignment))
        for student in sample.STUDENTS:
            answered = authoring.with_answers(release_nb, sample.answers_for(student, source_nb))
            for n in range(copies):
                name = student if n == 0 else f"{student}_{n}"
                target = (course.submitted / name / assignment /
                          course.release_notebook(assignment).name)
                target.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(answered, str(target))
                count += 1
    return count


def run(root: Path, how: list[str]) -> tuple[float, float]:
    """(wall seconds, core-seconds) of ``dlcourse grade HOW`` in the course at ``root``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([os.path.join(tools_dir(), "dlcourse"), "--course", str(root),
                             "grade", *how], capture_output=True, text=True, env=child_env())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"dlcourse grade {' '.join(how)} failed:\n{result.stdout[-2000:]}\n"
                         f"{result.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assignments", nargs="+", default=["week1_numpy_basics"])
    parser.add_argument("--copies", type=int, default=1,
                        help="copies of each sample student (default 1: 4 submissions a week)")
    parser.add_argument("--workers", type=int, default=2,
                        help="N of --jobs N and of --cluster local:N")
    parser.add_argument("--keep", help="keep the course copies in this folder")
    args = parser.parse_args()
    put_tools_on_path()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="dlcourse-cluster-bench-"))
    rows = []
    try:
        template = folder / "template"
        submissions = make_class(template, args.assignments, args.copies)
        for label, how in (("--jobs", ["--jobs", str(args.workers)]),
                           ("--cluster", ["--cluster", f"local:{args.workers}"])):
            root = folder / label.strip("-")
            shutil.copytree(template, root)
            wall, cpu = run(root, how)
            rows.append((f"{label} {how[1]}", wall, cpu))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"{submissions} submissions ({', '.join(args.assignments)}), {os.cpu_count()} cores:")
    for label, wall, cpu in rows:
        print(f"  {label:<18} wall {wall:7.1f} s   {cpu / submissions:6.1f} core-s per submission")
    (_, jobs_wall, jobs_cpu), (_, cl_wall, cl_cpu) = rows
    print(f"cluster overhead: {cl_wall - jobs_wall:+.1f} s wall ({cl_wall / jobs_wall:.2f}x), "
          f"{(cl_cpu - jobs_cpu) / submissions:+.1f} core-s per submission "
          f"({cl_cpu / jobs_cpu:.2f}x)")


if __name__ == "__main__":
    main()
