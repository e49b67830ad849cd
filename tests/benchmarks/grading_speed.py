"""How long grading a class takes: stock nbgrader against ``dlcourse grade``.

Usage (from the repository root)::

    python tests/benchmarks/grading_speed.py                  # 8 students x 4 weeks, all cores
    python tests/benchmarks/grading_speed.py --jobs 2 --students 12 --kernels 20
    python tests/benchmarks/grading_speed.py --keep /tmp/bench  # keep both course copies

The same class (the sample students of :mod:`dlcourse.sample`, and copies of them under new
names) is graded twice, each time in a fresh copy of the course:

1. stock nbgrader, as an instructor runs it with the course's ``nbgrader_config.py``:
   ``nbgrader autograde <assignment>`` for each assignment (learners' code in an ordinary
   kernel), then ``nbgrader generate_feedback <assignment>``, timed apart;
2. ``dlcourse grade --no-feedback --jobs N`` (every learner's kernel in the sandbox, the checks
   outside it, CSV files written), then ``dlcourse feedback --jobs N``, timed apart.

Grading is compared with grading (stock autograde writes no feedback), and grading plus feedback
with grading plus feedback. It prints the wall times, the ratios against the target (grading 1.8x
faster on 2 cores, isolation on), the
time to start a kernel plainly and in the sandbox, and whether both gradebooks give every
submission the same points. Both runs use one BLAS thread per kernel.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

import dlcourse
from dlcourse.grader import sample
from dlcourse.grader.course import Course

ROOT = Path(__file__).resolve().parents[2]
COURSE_ID = "nndl"
TARGET = 1.8


def say(text: str = "") -> None:
    print(text, flush=True)


def environment() -> dict[str, str]:
    """The environment of both runs: this Python's programs first, one BLAS thread."""
    env = os.environ.copy()
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env.pop("NBGRADER_EXECUTION", None)
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = "1"
    return env


def run(args: list[str], cwd: Path, what: str) -> tuple[float, subprocess.CompletedProcess]:
    """Run ``python -m ARGS`` in ``cwd``; its wall time. Exits the script if it fails."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=environment(),
                            capture_output=True, text=True)
    took = time.perf_counter() - start
    if result.returncode != 0:
        say(f"FAILED: {what} (exit {result.returncode}, {took:.1f} s) in {cwd}")
        tail = (result.stderr or result.stdout or "").splitlines()[-30:]
        say("\n".join("  " + line for line in tail))
        sys.exit(1)
    return took, result


def copy_course(target: Path) -> Course:
    """A fresh copy of the course (config, source, release, data), its assignments released
    (which also puts them in the copy's gradebook)."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", target)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for folder in ("source", "release", "datasets"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    course = Course(target)
    for assignment in course.assignments():
        run(["nbgrader", "generate_assignment", assignment, "--force"], target,
            f"nbgrader generate_assignment {assignment}")
    return course


def build_class(released: Course, target: Path, students: int) -> list[tuple[str, str]]:
    """The class in ``target/submitted``: the sample students, then copies of them under new
    names (``copy1_complete``...) up to ``students``. Returns its (student, assignment) pairs."""
    target.mkdir(parents=True)
    for folder in ("source", "release"):
        shutil.copytree(released.root / folder, target / folder)
    course = Course(target)
    sample.write_sample_class(course)
    names = list(sample.STUDENTS)
    for number in range(students - len(sample.STUDENTS)):
        original = sample.STUDENTS[number % len(sample.STUDENTS)]
        name = f"copy{number // len(sample.STUDENTS) + 1}_{original.split('_', 1)[1]}"
        shutil.copytree(course.submitted / original, course.submitted / name)
        names.append(name)
    return [(s, a) for s in names[:students] for a in course.assignments()]


def gradebook_scores(course: Course, pairs) -> dict[tuple[str, str], float | None]:
    """Total points of each submission in the course's gradebook (None: not graded)."""
    from nbgrader.api import Gradebook, MissingEntry

    found = {}
    with Gradebook("sqlite:///" + str(course.gradebook), COURSE_ID) as gb:
        for student, assignment in pairs:
            try:
                found[student, assignment] = float(gb.find_submission(assignment, student).score)
            except MissingEntry:
                found[student, assignment] = None
    return found


def stock_run(course: Course) -> tuple[float, float]:
    """``nbgrader autograde`` then ``nbgrader generate_feedback``, per assignment: their times."""
    autograde = feedback = 0.0
    for assignment in course.assignments():
        took, _ = run(["nbgrader", "autograde", assignment], course.root,
                      f"nbgrader autograde {assignment}")
        autograde += took
        say(f"stock: autograde {assignment} ... {took:.1f} s")
    for assignment in course.assignments():
        took, _ = run(["nbgrader", "generate_feedback", assignment], course.root,
                      f"nbgrader generate_feedback {assignment}")
        feedback += took
        say(f"stock: generate_feedback {assignment} ... {took:.1f} s")
    return autograde, feedback


def dlcourse_run(course: Course, jobs: int) -> tuple[float, float, dict]:
    """``dlcourse grade --no-feedback --jobs N`` (grading, as stock autograde does) then
    ``dlcourse feedback --jobs N``: their wall times and the grading report."""
    took, result = run(["dlcourse", "grade", "--no-feedback", "--jobs", str(jobs)],
                       course.root, f"dlcourse grade --jobs {jobs}")
    summary = [line for line in result.stdout.splitlines() if line.startswith("graded ")]
    say(f"dlcourse: grade --no-feedback --jobs {jobs} ... {took:.1f} s"
        + (f" ({summary[-1]})" if summary else ""))
    report = json.loads((course.root / "grading_report.json").read_text(encoding="utf-8"))
    feedback, _ = run(["dlcourse", "feedback", "--jobs", str(jobs)], course.root,
                      f"dlcourse feedback --jobs {jobs}")
    say(f"dlcourse: feedback --jobs {jobs} ... {feedback:.1f} s")
    return took, feedback, report


def kernel_startup(course: Course, count: int) -> dict[bool, list[float]]:
    """Seconds to start a kernel until it answers, ``count`` times plainly and in the sandbox
    (alternately), each kernel stopped after."""
    from dlcourse.grader.kernel_client import Kernel

    readable = [Path(dlcourse.__file__).resolve().parent, course.root / "datasets"]
    times = {False: [], True: []}
    for _ in range(count):
        for isolated in (False, True):
            with tempfile.TemporaryDirectory(prefix="kernel-") as folder, \
                    tempfile.TemporaryDirectory(prefix="scratch-") as parent:
                scratch = Path(parent) / "work"
                scratch.mkdir()
                kernel = Kernel(Path(folder), scratch, isolated, 60, readable, {})
                try:
                    times[isolated].append(kernel.start(nbformat.v4.new_notebook()))
                finally:
                    kernel.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="dlcourse grade --jobs (default: the number of cores)")
    parser.add_argument("--students", type=int, default=8,
                        help="students in the class, each handing in every week (default: 8)")
    parser.add_argument("--kernels", type=int, default=10,
                        help="kernels started plainly and in the sandbox (default: 10)")
    parser.add_argument("--keep", metavar="DIR",
                        help="keep the two course copies in DIR (default: deleted)")
    args = parser.parse_args()
    if args.students < len(sample.STUDENTS):
        parser.error(f"--students must be at least {len(sample.STUDENTS)}")

    if args.keep:
        base, holder = Path(args.keep).resolve(), None
        base.mkdir(parents=True, exist_ok=True)
        for name in ("stock", "dlcourse", "class"):
            if (base / name).exists():
                parser.error(f"{base / name} exists already: remove it or pick another --keep")
    else:
        holder = tempfile.TemporaryDirectory(prefix="grading-speed-")
        base = Path(holder.name)
    try:
        return benchmark(base, args)
    finally:
        if holder is not None:
            holder.cleanup()


def benchmark(base: Path, args) -> int:
    say(f"cores: {os.cpu_count()}, dlcourse grade --jobs {args.jobs}, "
        f"students: {args.students}, course copies in {base}")
    stock = copy_course(base / "stock")
    mine = copy_course(base / "dlcourse")
    pairs = build_class(stock, base / "class", args.students)
    for course in (stock, mine):
        shutil.copytree(base / "class" / "submitted", course.submitted)
    n = len(pairs)
    say(f"class: {args.students} students x {len(stock.assignments())} assignments = "
        f"{n} submissions")

    autograde, feedback = stock_run(stock)
    ours, our_feedback, report = dlcourse_run(mine, args.jobs)

    graded = [s for s in report["submissions"] if s["status"] in ("graded", "re-graded")]
    failed = [s for s in report["submissions"] if s["status"] == "failed"]
    isolated = bool(report.get("isolated"))
    ratio = autograde / ours
    both = (autograde + feedback) / (ours + our_feedback)
    met = ratio >= TARGET and isolated
    say()
    say(f"submissions:                              {n}")
    rows = [("stock nbgrader autograde", autograde),
            (f"dlcourse grade --no-feedback --jobs {args.jobs}", ours),
            ("stock autograde + generate_feedback", autograde + feedback),
            ("dlcourse grade + feedback", ours + our_feedback)]
    for label, seconds in rows:
        say(f"{label + ':':<41} {seconds:7.1f} s   ({seconds / n:5.2f} s per submission)")
    say(f"ratio, grading (stock autograde / dlcourse grade):        {ratio:5.2f}x")
    say(f"ratio, grading and feedback (stock / dlcourse):           {both:5.2f}x")
    say(f"ratio, stock autograde / dlcourse grade with feedback:    "
        f"{autograde / (ours + our_feedback):5.2f}x")
    say(f"dlcourse report: {len(graded)} graded, {len(failed)} failed, isolation "
        f"{'on' if isolated else 'OFF'}; mean seconds per graded submission (each in its own "
        f"process): {statistics.mean(s['seconds'] for s in graded) if graded else 0:.2f} s, of "
        f"which kernel start "
        f"{statistics.mean(s['kernel_start'] or 0 for s in graded) if graded else 0:.2f} s")
    say(f"target: grading at least {TARGET}x faster on 2 cores with isolation on: "
        f"{'met' if met else 'NOT met'} (this run: {ratio:.2f}x, {os.cpu_count()} cores, "
        f"--jobs {args.jobs}, isolation {'on' if isolated else 'off'})")

    say()
    say(f"kernel start-up, {args.kernels} kernels each (start until it answers):")
    times = kernel_startup(mine, args.kernels)
    for isolated_kernel, label in ((False, "plain"), (True, "sandbox")):
        t = times[isolated_kernel]
        say(f"  {label:<8} mean {statistics.mean(t):6.3f} s   min {min(t):6.3f} s")
    say(f"  sandbox overhead per kernel: mean "
        f"{statistics.mean(times[True]) - statistics.mean(times[False]):+6.3f} s   min "
        f"{min(times[True]) - min(times[False]):+6.3f} s")

    say()
    stock_scores = gradebook_scores(stock, pairs)
    our_scores = gradebook_scores(mine, pairs)
    missing = [p for p in pairs if stock_scores[p] is None or our_scores[p] is None]
    differ = [p for p in pairs if p not in missing and abs(stock_scores[p] - our_scores[p]) > 1e-9]
    for student, assignment in missing:
        say(f"NOT GRADED in {'stock' if stock_scores[student, assignment] is None else 'dlcourse'}"
            f": {student}/{assignment}")
    for p in differ:
        say(f"POINTS DIFFER: {p[0]}/{p[1]}: stock {stock_scores[p]:g}, dlcourse {our_scores[p]:g}")
    for s in failed:
        say(f"dlcourse FAILED: {s['student']}/{s['assignment']}: {s.get('message', '')}")
    if not missing and not differ:
        say(f"sanity: both runs graded the same {n} submissions with the same total points")
    else:
        say(f"sanity: {len(missing)} submissions not graded by both, {len(differ)} with "
            "different points (all learners here are honest: these are findings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
