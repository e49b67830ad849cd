"""A self-learner's day in JupyterLab: run a notebook of source/ from top to bottom, see its
plots, and no error."""

from __future__ import annotations

import re

import nbformat
import pytest
from playwright.sync_api import expect

from .lab_page import STDERR, menu, open_from_file_browser, open_lab

pytestmark = pytest.mark.browser

#: The first line of an error, traceback or not: "ValueError: ...", "NotImplementedError: ...".
ERROR_LINE = re.compile(r"^\w*(Error|Exception)\b", re.MULTILINE)


NOTEBOOK = "source/week1_numpy_basics/numpy_basics.ipynb"


def exercises(path) -> int:
    """How many exercises the notebook checks (each check cell says ``with exercise(...)``)."""
    nb = nbformat.read(str(path), 4)
    return sum(c.cell_type == "code" and "with exercise(" in c.source for c in nb.cells)


def test_self_learner_runs_week1_from_top_to_bottom(lab, page, shots):
    open_lab(page, lab.url("lab"))
    panel = open_from_file_browser(page, *NOTEBOOK.split("/"))
    prompts = panel.locator(".jp-CodeCell .jp-InputPrompt")
    cells = prompts.count()
    menu(page, "Run", "Run All Cells")
    # every code cell has run once the last one has a number; Run All runs them in order
    expect(prompts.last).to_have_text(re.compile(r"^\[\d+\]:$"), timeout=300_000)
    expect(panel.locator(".jp-CodeCell .jp-InputPrompt", has_text="[*]")).to_have_count(0)
    expect(prompts.filter(has_text=re.compile(r"^\[\d+\]:$"))).to_have_count(cells)

    for output in panel.locator(STDERR).all():
        text = output.inner_text()
        assert "Traceback" not in text and not ERROR_LINE.search(text), text
    assert "\u2718" not in "\n".join(panel.locator(".jp-OutputArea").all_inner_texts())

    plots = panel.locator(".jp-OutputArea-output img")
    expect(plots.first).to_be_visible()
    assert plots.count() >= 3
    for plot in plots.all():
        plot.scroll_into_view_if_needed()
        assert plot.evaluate("img => img.complete && img.naturalWidth > 100")
    passed = panel.locator(".jp-OutputArea-output", has_text=re.compile(r"All checks of \w+"))
    expect(passed).to_have_count(exercises(lab.course / NOTEBOOK))
    plots.first.scroll_into_view_if_needed()
    shots.take(page, "plot")
