"""The hostile class: attacks on the grader graded together with honest submissions.

Each case of ``tests/hostile.py`` states what it must get: exactly the points honestly earned, a
clear line saying what happened, and nothing changed outside its sandbox. The honest students
beside them must get exactly their own points. Graded for real: ``dlcourse grade`` on a copy of the
course, with nbgrader, the sandbox and the gradebook.
"""

import json
import sqlite3
import time
from pathlib import Path

import hostile
import pytest
from conftest import copy_course

from dlcourse import cli
from dlcourse.grader import authoring
from dlcourse.grader import coordinator as grading
from dlcourse.grader.course import generate_release

TIMEOUT = 8  # seconds per cell, for this class (the course's own is 60)


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("hostile") / "course")
    with open(course.root / "nbgrader_config.py", "a", encoding="utf-8") as f:
        f.write(f"\nc.Execute.timeout = {TIMEOUT}\nc.SandboxedExecute.budget = {hostile.BUDGET}\n")
    generate_release(course, hostile.ASSIGNMENT)
    cases = hostile.build(course)
    hostile.write(course, cases)
    cases.append(hostile.add_link_to_source(course))
    before = hostile.files_digest(course.submitted)
    start = time.perf_counter()
    # the broken files fail (they are not graded), so the command says so with its exit status
    assert cli.main(["--course", str(course.root), "grade", "--jobs", "2"]) == 1
    seconds = time.perf_counter() - start
    report = json.loads((course.root / "grading_report.json").read_text())
    outcomes = {o["student"]: o for o in report["submissions"]}
    scores = {}
    for s in grading.scores(course):
        scores.setdefault(s.student, {})[s.test_id] = s.points
    print(f"\nhostile class: {len(cases)} submissions graded in {seconds:.0f} s")
    for case in cases:
        o = outcomes.get(case.student, {})
        got = sum(scores.get(case.student, {}).values()) if case.student in scores else None
        print(f"  {case.student:<18} {o.get('status', '?'):<9} "
              f"{'-' if got is None else f'{got:g}/{hostile.FULL:g}':>6} "
              f"{o.get('seconds', 0):5.1f} s  {case.what}")
    return course, cases, outcomes, scores, before, seconds


def _graded_text(course, student) -> str:
    nb = authoring.read(course.autograded / student / hostile.ASSIGNMENT / "numpy_basics.ipynb")
    return json.dumps([c.get("outputs", []) for c in nb.cells])


def test_each_case_gets_exactly_its_points(hostile_class):
    course, cases, outcomes, scores, _, _ = hostile_class
    for case in cases:
        outcome = outcomes[case.student]
        if case.points is None:
            assert outcome["status"] == "failed", (case.student, outcome)
            assert case.student not in scores
            continue
        assert outcome["status"] == "graded", (case.student, outcome)
        got = scores[case.student]
        assert sum(got.values()) == case.points, (case.student, got)
        assert set(got.values()) <= {0, 1, 2}  # the course's points, never the forged ones
        if case.lost:
            assert {t for t, p in got.items() if p == 0} == case.lost, (case.student, got)


def test_each_case_says_what_happened(hostile_class):
    course, cases, outcomes, *_ = hostile_class
    for case in cases:
        if not case.says:
            continue
        if case.where == "report":
            assert case.says in outcomes[case.student]["message"], outcomes[case.student]
        else:
            assert case.says in _graded_text(course, case.student), case.student


def test_the_gradebook_holds_the_course_points_only(hostile_class):
    course, *_ = hostile_class
    with sqlite3.connect(course.gradebook) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tops = {row[0] for row in db.execute("SELECT max_score FROM grade_cells")}
    assert tops <= {1.0, 2.0}


def test_nothing_outside_the_sandbox_was_touched_or_read(hostile_class):
    course, _, _, _, before, _ = hostile_class
    for path in [course.root / "pwned.txt", course.source / "pwned.txt",
                 Path("/tmp/dlcourse-pwned.txt"), Path("/usr/pwned.txt"),
                 Path("/root/pwned.txt"), Path("/pwned.txt")]:
        assert not path.exists(), path
    stolen = _graded_text(course, "read_source")
    assert "BEGIN HIDDEN TESTS" not in stolen and "BEGIN SOLUTION" not in stolen
    assert "root:" not in stolen  # /etc/passwd
    assert hostile.files_digest(course.submitted) == before  # submitted/ is only read


def test_huge_output_is_cut(hostile_class):
    course, *_ = hostile_class
    size = (course.autograded / "huge_output" / hostile.ASSIGNMENT /
            "numpy_basics.ipynb").stat().st_size
    assert size < 5_000_000


def test_the_hostile_class_finishes_in_bounded_time(hostile_class):
    *_, seconds = hostile_class
    # four cells stopped at the time limit, one at a time per process, plus ordinary grading
    assert seconds < 300


def _active_parts(page: str) -> list[str]:
    """What of a page would run: event-handler attributes, javascript: URLs, scripts' text."""
    from html.parser import HTMLParser

    found = []

    class Reader(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            self.in_script = tag == "script"
            for name, value in attrs:
                if name.startswith("on") or (value or "").strip().lower().startswith(
                        "javascript:"):
                    found.append(f"<{tag} {name}={value!r}>")

        def handle_data(self, data):
            if self.in_script:
                found.append(data)

        def handle_endtag(self, tag):
            self.in_script = False

    Reader().feed(page)
    return found


def test_learner_html_is_inert_in_graded_copies_and_feedback(hostile_class):
    course, *_ = hostile_class
    graded = _graded_text(course, "html_payloads")  # the outputs (the code is only text)
    for payload in ("<script>document.title", 'onerror="document', 'onload="alert',
                    "document.title = 'pwned-js'"):
        assert payload not in graded, payload
    [feedback] = (course.feedback / "html_payloads" / hostile.ASSIGNMENT).glob("*.html")
    [honest] = (course.feedback / "honest_complete" / hostile.ASSIGNMENT).glob("*.html")
    active = _active_parts(feedback.read_text())
    assert not [part for part in active if "pwned" in part or "alert(1)" in part], active
    # nothing active beyond what the page of an honest submission has (the page's own scripts)
    assert len(active) == len(_active_parts(honest.read_text()))


def test_thread_bombs_are_refused_and_said(hostile_class):
    course, *_ = hostile_class
    for student in ("thread_sleepers", "thread_pool"):  # the printers end before the limit
        assert "threads refused after" in _graded_text(course, student), student


def test_a_spent_budget_bounds_the_submission(hostile_class):
    _, _, outcomes, *_ = hostile_class
    for student in ("budget_sleeps", "budget_slow_function"):
        # the budget, then a short grace for each test after it, and the kernel's start
        assert outcomes[student]["seconds"] < hostile.BUDGET + 5 * 20 + 15, outcomes[student]
