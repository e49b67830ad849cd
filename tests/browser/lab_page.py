"""What a person does in JupyterLab, as Playwright steps: open a file, type in a cell, run it,
read its output, use a menu."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

#: An input prompt once its cell has run: ``[12]:``.
RAN = re.compile(r"^\[\d+\]:$")
#: Error outputs and stderr are both shown with this mime type.
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
#: The status bar's kernel item once the notebook's kernel is ready: "Python 3 (ipykernel) | Idle".
KERNEL_IDLE = re.compile(r"^(?!No Kernel).+ \| Idle$")


def open_lab(page: Page, url: str) -> None:
    """JupyterLab at ``url``, in a fresh workspace (no tab of an earlier test comes back)."""
    page.goto(url + ("&" if "?" in url else "?") + "reset")
    expect(page.locator(".jp-DirListing-item").first).to_be_visible()


def open_from_file_browser(page: Page, *names: str) -> Locator:
    """Double-click folder after folder, then the notebook, in the file browser; return the
    notebook's panel once its kernel is ready."""
    listing = page.locator(".jp-FileBrowser .jp-DirListing-content")
    for name in names:
        listing.locator(".jp-DirListing-itemText", has_text=re.compile(f"^{re.escape(name)}$")) \
            .dblclick()
    panel = page.locator(".jp-NotebookPanel:visible")
    wait_for_kernel(page)
    return panel


def wait_for_kernel(page: Page) -> None:
    """Wait until the notebook's kernel has started and is idle, as the status bar says (the
    toolbar's indicator says "idle" before there is a kernel at all)."""
    expect(page.locator(".jp-StatusBar-Item", has_text=KERNEL_IDLE)).to_be_visible()



def menu(page: Page, *labels: str) -> None:
    """Click through the menu bar: ``menu(page, "Run", "Run All Cells")``."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{labels[0]}$")).click()
    for label in labels[1:]:
        page.locator(".lm-Menu:visible .lm-Menu-itemLabel",
                     has_text=re.compile(f"^{re.escape(label)}$")).click()


def code_cell(panel: Locator, text: str) -> Locator:
    """The code cell whose source holds ``text`` (the first one)."""
    return panel.locator(".jp-CodeCell").filter(
        has=panel.page.locator(".jp-InputArea-editor", has_text=text)).first


def type_code(cell: Locator, code: str) -> None:
    """Replace the source of ``cell`` by ``code``, as typed (inserted as one edit, so that the
    editor does not indent it a second time)."""
    editor = cell.locator(".cm-content")
    editor.click()
    page = cell.page
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)
    expect(editor).to_have_text(code.replace("\n", ""))


def run(cell: Locator) -> Locator:
    """Run ``cell`` (Shift+Enter in it) and wait until it has run; return its outputs."""
    prompt = cell.locator(".jp-InputPrompt")
    before = prompt.inner_text().strip()
    cell.locator(".cm-content").click()
    cell.page.keyboard.press("Shift+Enter")
    if RAN.match(before):
        expect(prompt).not_to_have_text(before)
    expect(prompt).to_have_text(RAN)
    return cell.locator(".jp-OutputArea-output")


def lines(output: Locator) -> list[str]:
    """The text of an output, line by line."""
    return output.inner_text().splitlines()
