"""A student's day in JupyterLab: open week 1, answer an exercise wrongly then rightly, read the
checks, validate with nbgrader, open the Assignments panel."""

from __future__ import annotations

import re

import nbformat
import pytest
from playwright.sync_api import expect

from .lab_page import code_cell, lines, menu, open_from_file_browser, open_lab, run, type_code

pytestmark = pytest.mark.browser

WRONG = "def basic_sigmoid(x):\n    s = 1 / (1 + math.exp(x))\n    return s\n"
RIGHT = "def basic_sigmoid(x):\n    s = 1 / (1 + math.exp(-x))\n    return s\n"
#: The first line of the error of a check or question the student has not done yet.
NOT_DONE = re.compile(
    r"^NotImplementedError: \w+ (is not (implemented|answered) yet|cannot run yet)")


def graded_cells(lab) -> int:
    nb = nbformat.read(str(lab.course / "release/week1_numpy_basics/numpy_basics.ipynb"), 4)
    return sum(bool(c.metadata.get("nbgrader", {}).get("grade")) for c in nb.cells)


def test_student_day(lab, page, shots):
    open_lab(page, lab.url("lab"))
    panel = open_from_file_browser(page, "release", "week1_numpy_basics", "numpy_basics.ipynb")
    expect(panel.locator(".jp-MarkdownCell h1").first).to_contain_text("Week 1")
    shots.take(page, "opened")

    setup = code_cell(panel, "setup()")
    assert run(setup).count() == 0  # the setup cell prints nothing

    exercise = code_cell(panel, "def basic_sigmoid(x):")
    check = code_cell(panel, 'with exercise("basic_sigmoid"):')

    # a wrong answer: the check says what was expected, what came, and the likely cause
    type_code(exercise, WRONG)
    run(exercise)
    failed = run(check)
    expect(failed).to_have_count(1)
    shown = lines(failed.first)
    assert shown[0] == "\u2718 basic_sigmoid(3): wrong value", shown
    assert shown[1].strip() == "expected: 0.9525741268224334"
    assert shown[2].strip().startswith("got:      0.0474258731")
    assert shown[3].strip().startswith("likely cause: sigmoid(x) is 1 divided by (1 + e")
    assert not any("Traceback" in line or "checks.py" in line for line in shown), shown
    check.scroll_into_view_if_needed()
    shots.take(page, "check-failed", readme="student-check-failed.png")

    # the right answer: one line per check, then the exercise's closing line
    type_code(exercise, RIGHT)
    run(exercise)
    passed = run(check)
    expect(passed).to_have_count(1)
    assert lines(passed.first) == ["\u2714 basic_sigmoid(3): as expected",
                                   "\u2714 basic_sigmoid(0): as expected",
                                   "All checks of basic_sigmoid passed."]
    shots.take(page, "check-passed")

    # the next exercise, not written yet: its check says so in its first line
    run(code_cell(panel, "def sigmoid(x):"))
    unfinished = run(code_cell(panel, 'with exercise("sigmoid"):'))
    expect(unfinished).to_have_count(1)
    assert lines(unfinished.first)[0] == "NotImplementedError: sigmoid is not implemented yet"
    expect(unfinished.first).not_to_contain_text("Traceback")

    # Validate: nbgrader runs the notebook afresh; the first failure it shows is the first
    # exercise not done yet, said in one line
    panel.locator(".validate-button").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog.locator(".jp-Dialog-header")).to_have_text("Validation Results")
    body = dialog.locator(".jp-Dialog-body")
    failures = body.get_by_text("The following cell failed:")
    expect(failures).to_have_count(graded_cells(lab) - 1)  # all but basic_sigmoid's check
    errors = body.locator(".jp-RenderedText pre")  # source then error, for each failed cell
    assert 'with exercise("sigmoid")' in errors.nth(0).inner_text()
    first = lines(errors.nth(1))
    assert first[0] == "NotImplementedError: sigmoid is not implemented yet", first
    assert first[1].strip().startswith("Write your code in its cell where it says YOUR CODE HERE")
    every = body.inner_text()
    assert "Traceback" not in every and "checks.py" not in every
    firsts = [lines(errors.nth(i))[0] for i in range(1, errors.count(), 2)]
    assert all(NOT_DONE.match(line) for line in firsts), firsts
    shots.take(page, "validated", readme="student-validate.png")
    dialog.get_by_role("button", name="Ok").click()
    expect(dialog).to_have_count(0)

    # the Assignments panel: week 1, released by the instructor, can be fetched
    menu(page, "Nbgrader", "Assignment List")
    released = page.locator("#released_assignments_list")
    expect(released.locator(".item_name")).to_have_text(["week1_numpy_basics"])
    expect(released.locator(".item_course")).to_have_text(["nndl"])
    released.get_by_role("button", name="Fetch").click()
    fetched = page.locator("#fetched_assignments_list")
    expect(fetched.locator(".item_name").first).to_have_text("week1_numpy_basics")
    shots.take(page, "assignments")
