"""How fast the gradebook takes a graded submission: SQLite against PostgreSQL.

Usage (from the repository root)::

    python tests/benchmarks/gradebook_writes.py                 # 200 submissions, 12 cells each
    python tests/benchmarks/gradebook_writes.py --submissions 500 --cells 20

A fake assignment (one notebook, ``--cells`` graded test cells) is added to a fresh gradebook,
then, for each of ``--submissions`` students, what grading one submission writes through
nbgrader's Gradebook API: the submission (``Gradebook.add_submission``), then every cell's
automatic score, in one commit. It prints the submissions written per second and the time of one,
for a SQLite file in a temporary folder (write-ahead log, as ``dlcourse grade`` sets it) and for
a private PostgreSQL server on a Unix socket (Debian's ``postgresql``, started as in the tests).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

from sqlalchemy.exc import SAWarning

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/postgres.py

ASSIGNMENT, NOTEBOOK = "fake_assignment", "fake_notebook"


def _setup(url: str, cells: int) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(url, "bench") as gb:
        gb.add_assignment(ASSIGNMENT)
        gb.add_notebook(NOTEBOOK, ASSIGNMENT)
        for i in range(cells):
            gb.add_grade_cell(f"test_{i}", NOTEBOOK, ASSIGNMENT, max_score=2,
                              cell_type="code")


def measure(url: str, submissions: int, cells: int) -> tuple[float, float]:
    """(submissions written per second, median seconds of one) on the gradebook at ``url``."""
    from nbgrader.api import Gradebook

    _setup(url, cells)
    times = []
    with Gradebook(url, "bench") as gb:
        start = time.perf_counter()
        for n in range(submissions):
            one = time.perf_counter()
            student = f"student_{n:05d}"
            gb.add_student(student)
            submission = gb.add_submission(ASSIGNMENT, student)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    grade.auto_score = n % 3
            gb.db.commit()
            times.append(time.perf_counter() - one)
        total = time.perf_counter() - start
    return submissions / total, statistics.median(times)


def main() -> None:
    from dlcourse.grader.environment import put_tools_on_path

    put_tools_on_path()  # nbgrader starts alembic by name when it makes a gradebook
    warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own sessions
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--cells", type=int, default=12)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gradebook.db"
        sqlite3.connect(path).execute("PRAGMA journal_mode=WAL").close()
        rows.append(("SQLite (WAL)", *measure(f"sqlite:///{path}?timeout=120", args.submissions,
                                              args.cells)))
    try:
        from postgres import server

        with server("bench") as url:
            rows.append(("PostgreSQL", *measure(url, args.submissions, args.cells)))
    except (RuntimeError, AssertionError, ImportError) as err:
        print(f"PostgreSQL not measured: {err}")
    print(f"{args.submissions} submissions of {args.cells} graded cells each, one commit each:")
    for name, rate, median in rows:
        print(f"  {name:<14} {rate:8.1f} submissions/s   {median * 1000:7.1f} ms per submission "
              "(median)")


if __name__ == "__main__":
    main()
