"""The course command: ``dlcourse release | check | grade | feedback | report | demo |
data import``.

Run it in the course folder (or pass ``--course DIR``). Each subcommand prints what it does and
exits non-zero, with a message that says what to fix, when something is wrong.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from .grader.course import Course, CourseError, generate_release
from .grader.environment import put_tools_on_path


def cmd_release(course: Course, args) -> int:
    for assignment in args.assignments or course.assignments():
        generate_release(course, assignment)
        where = course.release_notebook(assignment).relative_to(course.root)
        print(f"released {assignment} -> {where}")
    return 0


def cmd_check(course: Course, args) -> int:
    from .grader.selfcheck import check_course

    start = time.perf_counter()
    print(f"checking {course.root} (source notebooks run in full: this takes a few minutes)")
    reports = check_course(course, args.assignments or None, jobs=args.jobs)
    failed = [r for r in reports if not r.ok]
    took = time.perf_counter() - start
    if failed:
        print(f"check FAILED for {len(failed)} of {len(reports)} assignments ({took:.0f} s)")
        return 1
    print(f"check passed: {len(reports)} assignments ({took:.0f} s)")
    return 0


def _grade_and_report(course: Course, regrade: bool, students=None, jobs=None,
                      no_sandbox: bool = False, feedback: bool = True,
                      cluster: str | None = None) -> int:
    from .grader import coordinator as grading
    from .grader import sandbox

    reason = sandbox.unavailable_reason()
    if reason and not no_sandbox:
        print(f"dlcourse grade: the learners' code cannot be isolated here: {reason}.\n"
              "Grading runs every submission's code in a sandbox (no network, no access to "
              "source/, the gradebook or other students' work). To grade anyway, with the "
              "learners' code running with your rights, pass --no-sandbox; the report will say "
              "so.", file=sys.stderr)
        return 2
    if no_sandbox:
        print("grading WITHOUT isolation (--no-sandbox): the learners' code runs with your "
              "rights; the report says so", file=sys.stderr)
    problem = preflight(course, isolated=not no_sandbox)
    if problem:
        print(f"dlcourse grade: a learner's kernel cannot run the course here: {problem}. "
              "Nothing was graded: every submission would score 0. Check that this Python "
              "environment has the course installed (pip install -r requirements.txt in the "
              "course folder) and run the command again.", file=sys.stderr)
        return 2
    start = time.perf_counter()
    outcomes = grading.grade_class(course, regrade=regrade, progress=sys.stderr.isatty(),
                                   jobs=jobs, isolated=not no_sandbox, feedback=feedback,
                                   cluster=cluster)
    for line in grading.outcome_lines(outcomes):
        print(line)
    report = grading.save_outcomes(course, outcomes)
    found = grading.scores(course)  # read from the gradebook once, for the files and the table
    total, detail = grading.export(course, found)
    print()
    print(grading.table(course, found, students))
    failed = [o for o in outcomes if o.status == "failed"]
    print(f"graded {sum(o.status in ('graded', 're-graded') for o in outcomes)}, "
          f"skipped {sum(o.status == 'skipped' for o in outcomes)}, failed {len(failed)} "
          f"submissions in {time.perf_counter() - start:.0f} s")
    written = f"{course.feedback.name}/" if feedback else "not written (dlcourse feedback)"
    print(f"grades: {total.name}, {detail.name}; feedback: {written}; report: {report.name}")
    if failed:
        print(f"{len(failed)} submissions could not be graded: see the lines marked failed "
              "above", file=sys.stderr)
        return 1
    return 0


def preflight(course: Course, isolated: bool) -> str | None:
    from .grader.verdicts import preflight as check_kernel

    return check_kernel(course.root, isolated=isolated)


def cmd_grade(course: Course, args) -> int:
    local = args.cluster and args.cluster.startswith("local:") and args.cluster[6:].isdigit()
    if args.cluster and not (local or "://" in args.cluster):
        print(f"dlcourse grade: --cluster {args.cluster}: give local:N (N worker processes on "
              "this machine) or a Dask scheduler's address, tcp://HOST:PORT", file=sys.stderr)
        return 2
    if not course.submitted.is_dir():
        print(f"nothing to grade: {course.submitted} does not exist (submissions go in "
              "submitted/<student>/<assignment>/<notebook>.ipynb)")
        return 1
    return _grade_and_report(course, args.regrade, jobs=args.jobs, no_sandbox=args.no_sandbox,
                             feedback=not args.no_feedback, cluster=args.cluster)


def cmd_feedback(course: Course, args) -> int:
    from .grader import coordinator as grading

    start = time.perf_counter()
    outcomes = grading.feedback_class(course, progress=sys.stderr.isatty(), jobs=args.jobs)
    if not outcomes:
        print("no graded submission: run dlcourse grade first")
        return 1
    for line in grading.outcome_lines(outcomes):
        print(line)
    failed = sum(o.status == "failed" for o in outcomes)
    print(f"feedback written for {len(outcomes) - failed}, failed for {failed} submissions in "
          f"{time.perf_counter() - start:.0f} s, into {course.feedback.name}/")
    return 0


def cmd_report(course: Course, args) -> int:
    from .grader.report import write_report

    written = write_report(course, threshold=args.threshold, out=args.out)
    for warning in written.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"report written into {written.folder}: {written.html.name}, {written.scores.name}, "
          f"{written.misconceptions.name}")
    return 0


def cmd_demo(course: Course, args) -> int:
    from .grader import sample

    print("1. releasing the student versions")
    cmd_release(course, argparse.Namespace(assignments=None))
    print("2. building the sample class from the course itself")
    for line in sample.write_sample_class(course):
        print("  ", line)
    print("3. grading it")
    return _grade_and_report(course, regrade=False, students=list(sample.STUDENTS))


def cmd_data(args) -> int:
    if not args.rest or args.rest[0] != "import":
        print("usage: dlcourse data import DIR [--out DIR] [--test-fraction F] [--seed N] "
              "[--force]", file=sys.stderr)
        return 2
    from . import data_import

    return data_import.cli(args.rest[1:])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dlcourse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--course", help="the course folder (default: found from here upward)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("release", help="write the student versions of source/ into release/")
    p.add_argument("assignments", nargs="*", help="default: every assignment")
    p.set_defaults(run=cmd_release)
    p = sub.add_parser("check", help="the course's self-test (source runs, release in sync, "
                       "no leak, student versions fail only with 'not implemented yet')")
    p.add_argument("assignments", nargs="*", help="default: every assignment")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="notebooks executed at once (default: the number of cores)")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser("grade", help="autograde submitted/, write feedback and grades.csv")
    p.add_argument("--regrade", action="store_true",
                   help="grade again submissions already graded and unchanged since")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="submissions graded at once (default: the number of cores)")
    p.add_argument("--no-sandbox", action="store_true",
                   help="grade without isolating the learners' code (where the sandbox, "
                        "bubblewrap, cannot run); the report says so")
    p.add_argument("--no-feedback", action="store_true",
                   help="grade only; write the feedback later with `dlcourse feedback` (after "
                        "manual grading, for instance)")
    p.add_argument("--cluster", metavar="local:N | tcp://HOST:PORT",
                   help="grade on a Dask cluster: N worker processes on this machine, or the "
                        "workers of a running scheduler (each with the course and bubblewrap "
                        "installed); this process alone writes the gradebook")
    p.set_defaults(run=cmd_grade)
    p = sub.add_parser("feedback", help="write the feedback of every graded submission again, "
                       "with the gradebook's scores and comments as they are now")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="submissions handled at once (default: the number of cores)")
    p.set_defaults(run=cmd_feedback)
    p = sub.add_parser("report", help="the class report: score histograms, exercises, common "
                       "misconceptions, learners below a threshold (HTML and CSV)")
    p.add_argument("--threshold", type=float, default=50.0, metavar="PERCENT",
                   help="list the learners below this share of all the points (default: 50)")
    p.add_argument("--out", metavar="DIR", help="where to write it (default: report/ of the "
                   "course folder)")
    p.set_defaults(run=cmd_report)
    p = sub.add_parser("demo", help="release, build a sample class from the course, grade it")
    p.set_defaults(run=cmd_demo)
    p = sub.add_parser("data", help="data sets: `dlcourse data import DIR` builds the cat "
                       "files from a folder of images")
    p.add_argument("rest", nargs=argparse.REMAINDER, help="import DIR [options]")
    p.set_defaults(run=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    put_tools_on_path()  # nbgrader starts its own programs (alembic) by name
    args = build_parser().parse_args(argv)
    if args.command == "data":  # works on any folder, not only a course
        return cmd_data(args)
    try:
        course = Course.at(args.course)
        return args.run(course, args)
    except CourseError as error:
        print(f"dlcourse {args.command}: {error}", file=sys.stderr)
        return 2
