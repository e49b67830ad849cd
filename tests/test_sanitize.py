"""Graded notebooks made inert: whatever a learner's code put into its outputs (scripts, event
handlers, ``javascript:`` links, widget state, forged images, forged prompts and grade ids) is
left out or shown as text in the pages that show a graded notebook: nbgrader's feedback,
formgrader's view of a submission (each made by the exporter and template nbgrader sets up) and
nbconvert's stock HTML export. Each page is compared, element by element, with the page of the
same notebook without the learner's outputs."""

from __future__ import annotations

import base64
import copy
import functools
import io
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from nbformat.validator import NotebookValidationError

from dlcourse.grader import sanitize
from dlcourse.grader.sanitize import make_inert

SOLUTION_META = {"grade": False, "grade_id": "ex1_f", "locked": False, "schema_version": 3,
                 "solution": True, "task": False}
TEST_META = {"grade": True, "grade_id": "test_f", "locked": True, "points": 2.0,
             "schema_version": 3, "solution": False, "task": False}
METADATA = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python", "version": "3.11.2", "mimetype": "text/x-python",
                              "codemirror_mode": {"name": "ipython", "version": 3},
                              "pygments_lexer": "ipython3", "file_extension": ".py",
                              "nbconvert_exporter": "python"}}
ANSWER = "def f(x):\n    print('cost after iteration 100: 0.25')\n    return 2 * x"
PRINTED = "cost after iteration 100: 0.25"
ROOT = Path(__file__).resolve().parents[1]

# --- the pages that show a graded notebook --------------------------------------------------------

@functools.cache
def exporters() -> dict:
    """Each page that shows a graded notebook: ``(exporter, resources)``, set up as nbgrader sets
    it up (its own configuration objects, not a copy of them)."""
    from nbconvert.exporters import HTMLExporter
    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import GetGrades
    from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension

    # GenerateFeedback.start(): its exporter class and config, and its preprocessors but GetGrades
    # (which reads the gradebook; the scores it would add are given in the resources instead)
    converter = GenerateFeedback(coursedir=CourseDirectory())
    feedback = converter.exporter_class(parent=converter, config=converter.config)
    for preprocessor in converter.preprocessors:
        if preprocessor is not GetGrades:
            feedback.register_preprocessor(preprocessor)
    feedback_resources = {"nbgrader": {"notebook": "shallow_network", "assignment": "week3",
                                       "student": "learner", "score": 1.0, "max_score": 2.0,
                                       "late_penalty": 0}}
    # formgrader: HTMLExporter(config=...) with the extension's own extra config; the resources
    # that its SubmissionHandler passes
    formgrade = HTMLExporter(config=FormgradeExtension().build_extra_config())
    formgrade_resources = {"assignment_id": "week3", "notebook_id": "shallow_network",
                           "submission_id": "abc123", "index": 0, "total": 1,
                           "base_url": "/user/instructor", "student": "learner",
                           "last_name": None, "first_name": None,
                           "notebook_path": "course/autograded/learner/week3/shallow_network.ipynb"}
    # `jupyter nbconvert --to html`: the stock exporter and its default (lab) template
    stock = HTMLExporter()
    return {"feedback": (feedback, feedback_resources),
            "formgrade": (formgrade, formgrade_resources),
            "stock": (stock, {})}


PAGES = ["feedback", "formgrade", "stock"]


def render(nb, page: str) -> str:
    exporter, resources = exporters()[page]
    nb = copy.deepcopy(nb)
    if page == "feedback":
        with_grades(nb)
    html, _ = exporter.from_notebook_node(nb, resources=copy.deepcopy(resources))
    return html


def with_grades(nb) -> None:
    """What nbgrader's GetGrades adds from the gradebook before the feedback is made: each graded
    cell's score and points, each answer's comment (here: full points, no comment)."""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") or meta.get("task"):
            meta["score"] = meta["points"] = 1.0
        if meta.get("solution") or meta.get("task"):
            meta["comment"] = None


@functools.cache
def clean_page(page: str) -> Scan:
    """The page of the graded notebook without anything from the learner's outputs."""
    return scan(render(graded_notebook(), page))


# --- what in a page can run -----------------------------------------------------------------------

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: Elements that load, run or submit something, counted in each page.
WATCHED = {"script", "style", "link", "meta", "base", "iframe", "frame", "object", "embed",
           "form", "input", "button", "textarea", "svg", "math", "a", "video", "audio"}
#: Elements the learner's outputs may add to a page: their text and images.
OUTPUT_TAGS = {"div", "pre", "span", "img"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                  "background", "srcset", "ping"}


class Scan(HTMLParser):
    """What in an HTML page can run: its scripts, event handler attributes, script and data URLs,
    elements that load or submit things, and the images it shows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.scripts: list[tuple] = []
        self.handlers: list[tuple] = []
        self.urls: list[tuple] = []
        self.images: list[str] = []
        self._script: list | None = None

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            plain = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            if plain.startswith(("javascript:", "vbscript:")) or (
                    name in URL_ATTRIBUTES and plain.startswith("data:") and tag != "img"):
                self.urls.append((tag, name, value))
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")
        if tag == "script":
            self._script = [tuple(sorted(attrs)), ""]

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            attrs, text = self._script
            self.scripts.append((attrs, UUID.sub("<id>", " ".join(text.split()))))
            self._script = None


def scan(html: str) -> Scan:
    found = Scan()
    found.feed(html)
    found.close()
    return found


def is_image(src: str) -> bool:
    """Whether an image's URL is a PNG or JPEG file given in strict base64."""
    match = re.fullmatch(r"data:(image/png|image/jpeg);base64,([A-Za-z0-9+/=]*)", src)
    if not match:
        return False
    try:
        raw = base64.b64decode(match[2], validate=True)
    except ValueError:
        return False
    return raw.startswith(sanitize.MAGIC[match[1]])


def active_parts(html: str, page: str) -> list[str]:
    """What the page holds, beyond the clean page of the same notebook, that could run or load
    something: empty when the learner's outputs are inert there."""
    found, clean = scan(html), clean_page(page)
    problems = []
    if found.scripts != clean.scripts:
        problems.append(f"scripts: {[s for s in found.scripts if s not in clean.scripts]}")
    if found.handlers != clean.handlers:
        problems.append(f"event handlers: {[h for h in found.handlers if h not in clean.handlers]}")
    if found.urls != clean.urls:
        problems.append(f"script or data URLs: {found.urls}")
    extra = found.tags - clean.tags
    if set(extra) - OUTPUT_TAGS:
        problems.append(f"elements: {sorted(set(extra) - OUTPUT_TAGS)}")
    counts = [(t, found.tags[t], clean.tags[t]) for t in WATCHED if found.tags[t] != clean.tags[t]]
    if counts:
        problems.append(f"(element, count, count in the clean page): {counts}")
    problems += [f"image: {src[:80]}" for src in found.images if not is_image(src)]
    return problems


# --- graded notebooks -----------------------------------------------------------------------------

@functools.cache
def png_plot() -> str:
    """A learner's plot as the inline backend sends it: a PNG file in base64."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 1.5), dpi=50)
    ax.plot([0, 1, 2], [0.7, 0.4, 0.25])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode()


@functools.cache
def jpeg_photo() -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 120, 40)).save(buffer, format="JPEG")
    return base64.b64encode(buffer.getvalue()).decode()


def graded_notebook(*outputs, extra_cells=(), metadata=None):
    """A graded notebook as nbgrader writes it: the instructor's text, the learner's answer cell
    with ``outputs``, cells the learner added, and a test cell with the grader's output."""
    nb = new_notebook(metadata=copy.deepcopy(METADATA if metadata is None else metadata))
    nb.cells = [
        new_markdown_cell("## Exercise 1\nWrite `f`, which doubles $x$.",
                          metadata={"deletable": False, "editable": False}),
        new_code_cell(ANSWER, execution_count=3, metadata={"nbgrader": dict(SOLUTION_META)}),
        *extra_cells,
        new_code_cell("check('f(2)', f(2), 4)", execution_count=4,
                      outputs=[new_output("stream", name="stdout", text="f(2): correct\n")],
                      metadata={"nbgrader": dict(TEST_META), "deletable": False}),
    ]
    nb.cells[1].outputs = [nbformat.from_dict(o) for o in outputs]  # as sent, even if invalid
    return nb


def display(data, **metadata):
    return new_output("display_data", data=data, metadata=metadata)


SVG = ("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(\"XSS\")'>"
       "<script>alert('XSS')</script></svg>")
WIDGET_STATE = {"application/vnd.jupyter.widget-state+json": {
    "version_major": 2, "version_minor": 0,
    "state": {"m": {"model_name": "HTMLModel", "state": {
        "value": "</script><script>alert('XSS')</script>"}}}}}


def _html_script():
    return graded_notebook(display({"text/html": "<script>alert('XSS')</script>",
                                    "text/plain": "<IPython.core.display.HTML object>"}))


def _img_onerror():
    return graded_notebook(display({"text/html": "<img src=x onerror=alert('XSS')>"}))


def _svg_onload_html():
    return graded_notebook(display({"text/html": "<svg onload=alert('XSS')>"}))


def _svg_image():
    return graded_notebook(display({"image/svg+xml": SVG, "text/plain": "<Figure>"}))


def _javascript():
    return graded_notebook(display({"application/javascript": "alert('XSS')"}))


def _markdown_link():
    return graded_notebook(display({"text/markdown": "[see the plot](javascript:alert('XSS')) "
                                                     "<b onmouseover=alert('XSS')>here</b>"}))


def _latex():
    return graded_notebook(display({"text/latex": r"$\href{javascript:alert('XSS')}{x}$"}))


def _png_breakout():
    return graded_notebook(display({"image/png": "\"><script>alert('XSS')</script>"}),
                           display({"image/png": "x\" onload=\"alert('XSS')"}))


def _png_not_a_png():
    svg_text = base64.b64encode(SVG.encode()).decode()  # valid base64, but of an SVG file
    return graded_notebook(display({"image/png": svg_text}))


def _image_size():
    # nbconvert prints width and height unquoted: a space starts a new attribute
    return graded_notebook(display({"image/png": png_plot()},
                                   **{"image/png": {"width": "40 onload=alert('XSS')",
                                                    "height": 30,
                                                    "filenames": "javascript:alert('XSS')"}}))


def _widget_view():
    return graded_notebook(display({"application/vnd.jupyter.widget-view+json":
                                    {"model_id": "m", "version_major": 2, "version_minor": 0},
                                    "text/plain": "HTML(value='')"}),
                           metadata={**METADATA, "widgets": WIDGET_STATE})


def _widget_state():
    return graded_notebook(metadata={**METADATA, "widgets": WIDGET_STATE,
                                     "title": "</title><script>alert('XSS')</script>"})


def _attachment():
    nb = graded_notebook()
    svg = base64.b64encode(SVG.encode()).decode()
    nb.cells[0].source += " ![diagram](attachment:diagram.svg)"
    nb.cells[0].attachments = {"diagram.svg": {"image/svg+xml": svg,
                                               "text/html": "<script>alert('XSS')</script>"}}
    nb.cells[1].attachments = {"x.png": {"image/png": "\"><script>alert('XSS')</script>"}}
    return nb


def _prompt():
    # the learner's kernel sends the execution counts: nbconvert prints them unescaped
    nb = graded_notebook(nbformat.from_dict({
        "output_type": "execute_result", "data": {"text/plain": "4"}, "metadata": {},
        "execution_count": "<img src=x onerror=alert('XSS')>"}))
    nb.cells[1].execution_count = "<script>alert('XSS')</script>"
    return nb


def _grade_id():
    # a cell the learner added keeps its metadata: nbgrader's templates print grade ids unescaped
    forged = {**SOLUTION_META, "grade_id": "x\"><img src=x onerror=alert('XSS')>"}
    return graded_notebook(extra_cells=[new_code_cell("g = 1", metadata={"nbgrader": forged})])


def _text_outputs():
    # printed text and errors are kept, as text
    ansi = "\x1b[31m<script>alert('XSS')</script>\x1b[0m"
    return graded_notebook(
        new_output("stream", name="stdout", text=f"{PRINTED}\n<img src=x onerror=alert(1)>\n"),
        new_output("stream", name="<script>", text=["<svg onload=", "alert('XSS')>"]),
        new_output("error", ename="ValueError", evalue="<b>bad</b>",
                   traceback=[ansi, "<a href='javascript:alert(1)'>x</a>"]))


PAYLOADS = {
    "html-script": _html_script, "html-img-onerror": _img_onerror,
    "html-svg-onload": _svg_onload_html, "svg-image": _svg_image, "javascript": _javascript,
    "markdown-javascript-link": _markdown_link, "latex-href": _latex,
    "png-breaking-out": _png_breakout, "png-not-a-png": _png_not_a_png,
    "image-size-attribute": _image_size, "widget-view": _widget_view,
    "widget-state": _widget_state, "attachment": _attachment, "forged-prompt": _prompt,
    "forged-grade-id": _grade_id, "printed-text": _text_outputs,
}

#: The pages in which the check finds each payload left as it is (nbconvert 7.17, nbgrader 0.9.6).
#: Most of them run there. The browser shows an SVG image, or a "PNG" that is none, without running
#: it, and these nbconvert templates escape an image's data, but graded copies keep neither.
#: LaTeX is shown escaped (MathJax runs in its safe mode); nbgrader's templates leave the widget
#: state out; a prompt that is not a number stops the page (test_fields_of_the_wrong_type_...).
FOUND = {
    "html-script": PAGES, "html-img-onerror": PAGES, "html-svg-onload": PAGES,
    "svg-image": PAGES, "javascript": PAGES, "markdown-javascript-link": PAGES,
    "png-breaking-out": PAGES, "png-not-a-png": PAGES, "image-size-attribute": PAGES,
    "widget-view": PAGES, "widget-state": ["stock"], "attachment": PAGES,
    "forged-grade-id": ["feedback", "formgrade"],
}

# --- tests ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "page"), [(n, p) for n, pages in FOUND.items() for p in pages])
def test_the_check_finds_each_payload_left_as_it_is(name, page):
    """The check that the tests below make finds each payload in the pages where it is shown."""
    assert active_parts(render(PAYLOADS[name](), page), page)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", list(PAYLOADS))
def test_learner_outputs_are_inert_in_every_page(name, page):
    nb = make_inert(PAYLOADS[name]())
    html = render(nb, page)
    assert active_parts(html, page) == []
    if name != "printed-text":  # everything else is left out, not shown as text
        assert "XSS" not in html


@pytest.mark.parametrize("page", PAGES)
def test_fields_of_the_wrong_type_no_longer_stop_the_pages(page):
    """nbconvert refuses a notebook that nbformat finds invalid (here: prompts that are not
    numbers), so that one learner's outputs could stop their feedback and formgrader's page."""
    with pytest.raises(NotebookValidationError):
        render(_prompt(), page)
    assert active_parts(render(make_inert(_prompt()), page), page) == []


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_an_inert_notebook_is_a_valid_notebook_and_stays_the_same(name):
    nb = make_inert(PAYLOADS[name]())
    nbformat.validate(nb)
    assert make_inert(copy.deepcopy(nb)) == nb


@pytest.mark.parametrize("page", PAGES)
def test_plots_and_printed_text_are_kept(page):
    nb = make_inert(graded_notebook(
        new_output("stream", name="stdout", text=PRINTED + "\n"),
        display({"image/png": png_plot(), "text/plain": "<Figure size 100x75 with 1 Axes>"},
                **{"image/png": {"width": 100, "height": 75}}),
        new_output("execute_result", data={"image/jpeg": jpeg_photo(), "text/plain": "<Image>"},
                   execution_count=3)))
    html = render(nb, page)
    assert active_parts(html, page) == []
    assert PRINTED in html and "f(2): correct" in html
    assert f"data:image/png;base64,{png_plot()}" in html
    assert f"data:image/jpeg;base64,{jpeg_photo()}" in html
    assert "left out" not in html
    found = scan(html)
    assert [is_image(src) for src in found.images] == [True, True]


def test_what_is_left_out_is_named_in_a_note():
    nb = make_inert(graded_notebook(
        display({"text/html": "<table></table>", "text/plain": "   a\n0  1"}),
        new_output("execute_result", data={"application/javascript": "1", "text/latex": "$x$"},
                   execution_count=7),
        display({"application/vnd.plotly.v1+json": {}}),
        display({"<script>": "x"}),
        {"output_type": "<script>", "data": {}}))
    outputs = nb.cells[1].outputs
    texts = [o.get("data", {}).get("text/plain") for o in outputs]
    assert texts == [
        "   a\n0  1",
        f"[HTML output left out: {sanitize.NOTE}]",
        f"[JavaScript output and LaTeX output left out: {sanitize.NOTE}]",
        f"[application/vnd.plotly.v1+json output left out: {sanitize.NOTE}]",
        f"[output of an unknown type left out: {sanitize.NOTE}]",
        f"[output of an unknown kind left out: {sanitize.NOTE}]",
    ]
    assert outputs[2].output_type == "execute_result" and outputs[2].execution_count == 7


def test_images_are_kept_only_as_strict_base64_of_their_format():
    plot = png_plot()
    wrapped = "\n".join(plot[i:i + 76] for i in range(0, len(plot), 76)) + "\n"
    kept = sanitize._images
    assert kept({"image/png": wrapped}) == {"image/png": plot}
    assert kept({"image/png": [line + "\n" for line in wrapped.splitlines()]}) == \
        {"image/png": plot}
    assert kept({"image/jpeg": jpeg_photo()}) == {"image/jpeg": jpeg_photo()}
    assert kept({"image/png": jpeg_photo(), "image/jpeg": plot}) == {}  # wrong format
    assert kept({"image/png": plot[:40] + " " + plot[40:]}) == {}  # not strict base64
    assert kept({"image/png": plot[:40] + "*" + plot[40:]}) == {}
    assert kept({"image/png": plot + "\u00e9"}) == {}
    assert kept({"image/png": {"data": plot}}) == {}
    assert is_image(f"data:image/png;base64,{sanitize.BLANK_PNG}")


def test_fields_get_their_types():
    nb = graded_notebook(
        new_output("stream", name="stdin", text=["a\n", "b\n"]),
        {"output_type": "stream", "name": "stderr", "text": {"not": "text"}},
        {"output_type": "error", "ename": 3, "evalue": None, "traceback": "one line"},
        {"output_type": "execute_result", "data": {"text/plain": ["1", "2"]}, "metadata": {},
         "execution_count": True})
    nb.cells[1].execution_count = 2.5
    nb.cells[1].source = ["x = 1\n", "y = 2"]
    make_inert(nb)
    stdin, stderr, error, result = nb.cells[1].outputs
    assert (stdin.name, stdin.text) == ("stdout", "a\nb\n")
    assert (stderr.name, stderr.text) == ("stderr", "{'not': 'text'}")
    assert (error.ename, error.evalue, error.traceback) == ("3", "", ["one line"])
    assert (result.data["text/plain"], result.execution_count) == ("12", None)
    assert nb.cells[1].execution_count is None and nb.cells[1].source == "x = 1\ny = 2"


def test_what_grading_reads_is_unchanged():
    nb = _html_script()
    before = [(c.cell_type, c.source, c.metadata.get("nbgrader")) for c in nb.cells]
    make_inert(nb)
    assert [(c.cell_type, c.source, c.metadata.get("nbgrader")) for c in nb.cells] == before
    assert nb.cells[-1].outputs == [new_output("stream", name="stdout", text="f(2): correct\n")]


def test_nbgrader_reads_the_course_notebooks_as_before():
    from nbgrader.nbgraderformat import MetadataValidator
    from nbgrader.utils import compute_checksum, is_grade, is_solution

    for path in sorted(ROOT.glob("source/*/*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        graded = [(c.metadata.nbgrader, compute_checksum(c)) for c in nb.cells
                  if is_grade(c) or is_solution(c)]
        make_inert(nb)
        nbformat.validate(nb)
        MetadataValidator().validate_nb(nb)
        assert [(c.metadata.nbgrader, compute_checksum(c)) for c in nb.cells
                if is_grade(c) or is_solution(c)] == graded, path.name
        assert graded


def test_metadata_keeps_only_what_is_needed():
    added = nbformat.from_dict({"id": "added", "cell_type": "code", "source": "h = 1",
                                "execution_count": None, "outputs": [], "metadata": {
        "nbgrader": {**SOLUTION_META, "grade_id": "ex9_extra", "comment": "<b>x</b>"},
        "tags": ["plot"], "scrolled": "auto", "collapsed": "yes",
        "transient": {"remove_source": True}, "jupyter": {"source_hidden": True},
        "magics_language": "html", "alt": "x"}})
    nb = graded_notebook(extra_cells=[added],
        metadata={**METADATA, "widgets": WIDGET_STATE, "title": "x", "authors": [{"n": "<b>"}],
                  "kernelspec": {"name": "python3", "display_name": "Python 3",
                                 "language": "python", "env": {"A": "1"}}})
    nb.metadata.language_info["pygments_lexer"] = {"not": "a name"}
    make_inert(nb)
    assert nb.metadata == {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {k: v for k, v in METADATA["language_info"].items()
                          if k != "pygments_lexer"}}
    assert nb.cells[2].metadata == {"nbgrader": {**SOLUTION_META, "grade_id": "ex9_extra"},
                                    "tags": ["plot"], "scrolled": "auto"}
    assert nb.cells[0].metadata == {"deletable": False, "editable": False}


def test_the_learners_code_stays_visible():
    hidden = new_code_cell("print('hidden from the grader')",
                           metadata={"transient": {"remove_source": True}})
    nb = make_inert(graded_notebook(extra_cells=[hidden]))
    for page in ("feedback", "formgrade"):
        assert "hidden from the grader" in render(nb, page)


def test_cell_ids_are_valid_and_unique():
    nb = graded_notebook(extra_cells=[new_code_cell("a = 1"), new_code_cell("b = 2")])
    nb.cells[2].id = "bad id\"><script>"
    nb.cells[3].id = nb.cells[1].id
    before = [c.id for c in nb.cells]
    make_inert(nb)
    ids = [c.id for c in nb.cells]
    assert len(set(ids)) == len(ids) and all(sanitize.CELL_ID.fullmatch(i) for i in ids)
    assert ids[:2] == before[:2] and ids[4:] == before[4:]


def test_attachments_of_markdown_cells_stay_images():
    nb = make_inert(_attachment())
    assert "attachments" not in nb.cells[1]
    assert nb.cells[0].attachments == {"diagram.svg": {"image/png": sanitize.BLANK_PNG}}
    photo = graded_notebook()
    photo.cells[0].attachments = {"photo.jpg": {"image/jpeg": jpeg_photo(),
                                                "image/svg+xml": "PHN2Zz4="}}
    make_inert(photo)
    assert photo.cells[0].attachments == {"photo.jpg": {"image/jpeg": jpeg_photo()}}
