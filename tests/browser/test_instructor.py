"""An instructor's day in JupyterLab: a class graded by ``dlcourse demo`` reviewed in nbgrader's
Formgrader (assignments, submissions and scores as the gradebook has them), a manual grade and a
comment given to one cell, and the comment found in that student's feedback."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from nbgrader.api import Gradebook
from playwright.sync_api import expect

from .conftest import GRADED
from .lab_page import menu, open_lab

pytestmark = pytest.mark.browser

ASSIGNMENT, NOTEBOOK, STUDENT = "week1_numpy_basics", "numpy_basics", "sample_raises"
COMMENT = ("Only the debugging line left above the function failed; the function itself is "
           "right. Full credit given by hand.")
SCORE = re.compile(r"^([\d.]+) / ([\d.]+)$")


def gradebook(course) -> Gradebook:
    return Gradebook(f"sqlite:///{course / 'gradebook.db'}")


def score(text: str) -> tuple[float, float]:
    """``"6.75 / 15"`` as numbers."""
    match = SCORE.match(text.strip())
    assert match, text
    return float(match[1]), float(match[2])


def close(found: tuple[float, float], expected: tuple[float, float]) -> bool:
    return all(abs(a - b) < 0.01 for a, b in zip(found, expected, strict=True))


def rows(table) -> list:
    """The rows of a Formgrader table, once loaded."""
    expect(table.locator("tr td.name").first).to_be_visible()
    return table.locator("tr").all()


def test_instructor_day(graded_lab, page, shots):
    course = graded_lab.course
    with gradebook(course) as gb:
        submissions = {a.name: a.num_submissions for a in gb.assignments}
        totals = {s["id"]: (s["score"], s["max_score"]) for s in gb.student_dicts()}
        week1 = {n.student.id: (n.score, n.max_score)
                 for n in gb.notebook_submissions(NOTEBOOK, ASSIGNMENT)}
        graded = gb.find_submission_notebook(NOTEBOOK, ASSIGNMENT, STUDENT)
        # the cell the instructor reviews: the first test the student's code failed
        failed = next((g for g in graded.grades if g.max_score and not g.auto_score), None)
        assert failed, f"{STUDENT} failed no test of {ASSIGNMENT}: nothing to grade by hand"
        cell, points = failed.name, failed.max_score
        exercise = failed.name.removeprefix("test_")
        solution = next(c.name for c in graded.comments if c.name.endswith("_" + exercise))
        before = graded.score
    assert set(submissions) == set(GRADED) and STUDENT in totals

    # Nbgrader -> Formgrader opens it in a tab of JupyterLab
    open_lab(page, graded_lab.url("lab"))
    menu(page, "Nbgrader", "Formgrader")
    menu(page, "View", "Appearance", "Show Left Sidebar")  # hidden: Formgrader gets the width
    formgrader = page.frame_locator("iframe")
    table = formgrader.locator("#main-table")
    shown = {r.locator("td.name").inner_text(): int(r.locator("td.num-submissions").inner_text())
             for r in rows(table)}
    assert shown == submissions
    shots.take(page, "assignments")

    here = formgrader.locator(".breadcrumb li.active")  # where Formgrader is
    formgrader.get_by_role("link", name="Manage Students").click()
    expect(here).to_have_text("Students")
    shown = {r.locator("td.id").inner_text(): score(r.locator("td.score").inner_text())
             for r in rows(table)}
    assert shown.keys() == totals.keys()
    assert all(close(shown[s], totals[s]) for s in totals), (shown, totals)

    # the submissions of week 1 (anonymous until a name is revealed), with their scores
    for link in ("Manual Grading", ASSIGNMENT, NOTEBOOK):
        formgrader.get_by_role("link", name=link, exact=True).click()
        expect(here).to_have_text(link)
    listed = rows(table)
    formgrader.get_by_role("button", name="Show All Names").click()
    expect(table.locator("a.name-shown").first).to_be_visible()
    shown = {r.locator("td.name a.name-shown").inner_text(): score(r.locator("td.score")
                                                                    .inner_text())
             for r in listed}
    assert shown.keys() == week1.keys()
    assert all(close(shown[s], week1[s]) for s in week1), (shown, week1)
    shots.take(page, "submissions")

    # the grading view: a manual grade and a comment for the cell that failed
    table.locator("a.name-shown", has_text=STUDENT).click()
    grade = formgrader.locator(f"input.score#{cell}")
    comment = formgrader.locator(f"textarea.comment#{solution}-comment")
    expect(grade).to_have_attribute("placeholder", "0")  # the automatic score, no manual one yet
    with page.expect_response(lambda r: "/api/grade/" in r.url and r.request.method == "PUT"):
        grade.fill(f"{points:g}")
        grade.press("Tab")
    with page.expect_response(lambda r: "/api/comment/" in r.url and r.request.method == "PUT"):
        comment.fill(COMMENT)
        comment.press("Tab")
    # in view: the comment, the error the answer raised, the grade of its test
    comment.evaluate("box => { box.scrollIntoView(); window.scrollBy(0, -330); }")
    shots.take(page, "manual-grade", readme="instructor-formgrader.png")
    with gradebook(course) as gb:
        graded = gb.find_submission_notebook(NOTEBOOK, ASSIGNMENT, STUDENT)
        assert next(g for g in graded.grades if g.name == cell).manual_score == points
        assert next(c for c in graded.comments if c.name == solution).manual_comment == COMMENT
        after, most = graded.score, graded.max_score
    assert after == before + points
    formgrader.get_by_role("link", name=NOTEBOOK, exact=True).click()  # back to the list
    expect(here).to_have_text(NOTEBOOK)
    row = table.locator("tr", has=formgrader.locator("a.name-shown", has_text=STUDENT))
    expect(row.locator("td.score")).to_have_text(f"{after:g} / {most:g}")

    # the feedback, written again with the gradebook as it is now
    done = subprocess.run([sys.executable, "-m", "dlcourse", "--course", str(course), "feedback"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    feedback = course / "feedback" / STUDENT / ASSIGNMENT
    html = "\n".join(p.read_text() for p in feedback.glob("*.html"))
    assert COMMENT in html
    total = re.search(r"Score: ([\d.]+) / ([\d.]+)", html)  # the notebook's, at the top
    assert (float(total[1]), float(total[2])) == (after, most)
    page.goto((feedback / f"{NOTEBOOK}.html").as_uri())
    note = page.get_by_text(COMMENT)
    expect(note).to_be_visible()
    note.scroll_into_view_if_needed()
    shots.take(page, "feedback")
