"""Graded notebooks in which nothing a learner's code produced can run: :func:`make_inert`.

The graded notebook keeps the outputs of the learner's cells, and two pages show it as HTML: the
feedback that nbgrader's ``GenerateFeedback`` writes (nbconvert's ``HTMLExporter``, nbgrader's
``feedback`` template) and formgrader's view of a submission (the same exporter, nbgrader's
``formgrade`` template), which opens in the instructor's Jupyter server. Both templates extend
nbconvert's ``classic`` one, which puts ``text/html`` and ``text/markdown`` outputs into the page
as they are, ``application/javascript`` inside a ``<script>`` tag, and an image's ``width`` and
``height`` from the output's metadata as *unquoted* attributes (``width: "1 onload=..."`` adds an
event handler); both print a cell's nbgrader ``grade_id`` unescaped, and nbconvert refuses to show
a notebook with a field of the wrong type (a prompt number that is a text, say). A learner's code
can produce any of these, and the learner's kernel can send any message it likes.

What these templates escape, and so what a graded notebook may keep from the learner:

- outputs: ``text/plain`` (shown in ``<pre>``, escaped), ``image/png`` and ``image/jpeg`` when
  their data is strict base64 of a PNG or JPEG file, stream text and error tracebacks (escaped);
  every other kind of output is left out, with a short plain-text note saying so;
- every field an output or a cell has, reduced to what nbformat allows and of the right type:
  texts are strings, execution counts whole numbers, an image's size a positive whole number;
- cell metadata that nbgrader and the notebook need (``nbgrader`` when it is valid for nbgrader,
  ``tags``, ``deletable``, ``editable``, ``collapsed``, ``scrolled``, a raw cell's
  ``raw_mimetype`` and ``format``); the rest goes (``transient``, which can hide a cell's code
  from the grader's view, ``jupyter``, ``execution``, ...);
- notebook metadata: ``kernelspec`` and ``language_info`` (their text fields); nbgrader keeps
  nothing of its own at notebook level, and ``widgets`` (a widget state that nbconvert's templates
  put inside a ``<script>`` tag), ``title`` and anything else go;
- attachments: none on code cells (nbformat allows them on markdown and raw cells only); on a
  markdown or raw cell, an attachment keeps its PNG or JPEG image when it is a valid one, and any
  other becomes a blank PNG, so that the markdown that names it still renders (nbconvert fails on
  a missing attachment).

The text of markdown cells is left as it is: in a graded notebook every markdown cell is the
instructor's, from ``source/`` (:func:`dlcourse.grader.plan.assemble` keeps only the code cells a
learner added, and the course has no written-answer cells).
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid

import nbformat
from nbformat.v4 import new_output

__all__ = ["make_inert"]

#: What a note about left-out output adds after naming it.
NOTE = "graded copies show the learner's outputs only as text and PNG/JPEG images"

#: The start of each image format kept, as its file starts.
MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}

#: A 1x1 transparent PNG: what an attachment that is not a valid PNG or JPEG image becomes.
BLANK_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg"
             "AAAABJRU5ErkJggg==")

#: How each kind of output left out is named in its note.
LABELS = {
    "text/html": "HTML output",
    "image/svg+xml": "SVG image",
    "application/javascript": "JavaScript output",
    "text/javascript": "JavaScript output",
    "text/markdown": "Markdown output",
    "text/latex": "LaTeX output",
    "text/vnd.mermaid": "Mermaid diagram",
    "application/pdf": "PDF output",
    "application/json": "JSON output",
    "application/vnd.jupyter.widget-view+json": "widget",
    "image/png": "PNG image that is not a valid PNG file",
    "image/jpeg": "JPEG image that is not a valid JPEG file",
    "text/plain": "text that is not a string",
}


# --- values ---------------------------------------------------------------------------------------

def _text(value) -> str:
    """A text field as a string: nbformat's list of lines joined, anything else written out."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(s, str) for s in value):
        return "".join(value)
    return "" if value is None else str(value)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --- what is kept ---------------------------------------------------------------------------------

MIME_TYPE = re.compile(r"[A-Za-z0-9][\w.+-]{0,63}/[A-Za-z0-9][\w.+-]{0,127}")
GRADE_ID = re.compile(r"[A-Za-z0-9_-]*")  # nbgrader's own rule (its metadata schema, v3)
CELL_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # nbformat's rule (v4.5)

#: nbgrader's cell metadata (schema v3): each key and the check its value must pass.
NBGRADER_KEYS = {
    "schema_version": _is_int,
    "grade": lambda v: isinstance(v, bool),
    "locked": lambda v: isinstance(v, bool),
    "solution": lambda v: isinstance(v, bool),
    "task": lambda v: isinstance(v, bool),
    "grade_id": lambda v: isinstance(v, str) and GRADE_ID.fullmatch(v) is not None,
    "points": lambda v: _is_number(v) and v >= 0,
    "checksum": lambda v: isinstance(v, str) and re.fullmatch(r"[0-9a-f]{32}", v) is not None,
    "cell_type": lambda v: v in ("code", "markdown", "raw"),
}

#: Other cell metadata kept: each key and the check its value must pass.
CELL_KEYS = {
    "tags": lambda v: isinstance(v, list) and all(isinstance(t, str) for t in v),
    "deletable": lambda v: isinstance(v, bool),
    "editable": lambda v: isinstance(v, bool),
    "collapsed": lambda v: isinstance(v, bool),
    "scrolled": lambda v: isinstance(v, bool) or v == "auto",
}

KERNELSPEC_KEYS = ("name", "display_name", "language")
LANGUAGE_INFO_KEYS = ("name", "version", "mimetype", "file_extension", "pygments_lexer",
                      "nbconvert_exporter")


# --- the graded notebook --------------------------------------------------------------------------

def make_inert(nb):
    """Make ``nb``, a graded notebook (nbformat v4), safe to show as HTML: the learner's outputs
    keep only what is inert there (see the module's description). Changes ``nb`` in place and
    returns it.

    Apply it to the graded notebook before it is written: it leaves everything grading reads (the
    cells' code, nbgrader's metadata, the test cells' text and errors) as it was.
    """
    nb.metadata = _notebook_metadata(nb.get("metadata"))
    seen: set[str] = set()
    for cell in nb.cells:
        _clean_cell(cell, seen)
    return nb


def _notebook_metadata(metadata) -> nbformat.NotebookNode:
    metadata = metadata if isinstance(metadata, dict) else {}
    kept = {}
    spec = metadata.get("kernelspec")
    if isinstance(spec, dict):
        kept["kernelspec"] = {k: spec[k] for k in KERNELSPEC_KEYS if isinstance(spec.get(k), str)}
    info = metadata.get("language_info")
    if isinstance(info, dict):
        language = {k: info[k] for k in LANGUAGE_INFO_KEYS if isinstance(info.get(k), str)}
        mode = info.get("codemirror_mode")
        if isinstance(mode, str):
            language["codemirror_mode"] = mode
        elif isinstance(mode, dict):
            language["codemirror_mode"] = {k: v for k, v in mode.items() if
                                           (k == "name" and isinstance(v, str)) or
                                           (k == "version" and _is_int(v))}
        kept["language_info"] = language
    return nbformat.from_dict(kept)


# --- cells ----------------------------------------------------------------------------------------

def _clean_cell(cell, seen: set[str]) -> None:
    kind = cell.get("cell_type")
    cell.metadata = _cell_metadata(cell.get("metadata"), kind)
    if "id" in cell:
        if not (isinstance(cell.id, str) and CELL_ID.fullmatch(cell.id)) or cell.id in seen:
            cell.id = uuid.uuid4().hex[:8]
        seen.add(cell.id)
    if kind == "code":
        cell.pop("attachments", None)
        cell.source = _text(cell.get("source", ""))
        count = cell.get("execution_count")
        cell.execution_count = count if _is_int(count) else None
        outputs = cell.get("outputs")
        cell.outputs = [o for out in (outputs if isinstance(outputs, list) else [])
                        for o in _clean_output(out)]
    elif "attachments" in cell:
        cell.attachments = _attachments(cell.attachments)


def _cell_metadata(metadata, kind) -> nbformat.NotebookNode:
    metadata = metadata if isinstance(metadata, dict) else {}
    kept = {k: v for k, v in metadata.items() if k in CELL_KEYS and CELL_KEYS[k](v)}
    grading = metadata.get("nbgrader")
    if isinstance(grading, dict):
        # nbgrader drops unknown keys itself; metadata it would reject as invalid (such as a
        # grade id with characters its templates print unescaped) is not kept at all
        grading = {k: v for k, v in grading.items() if k in NBGRADER_KEYS}
        if all(NBGRADER_KEYS[k](v) for k, v in grading.items()):
            kept["nbgrader"] = grading
    if kind == "raw":
        kept.update({k: metadata[k] for k in ("raw_mimetype", "format")
                     if isinstance(metadata.get(k), str)})
    return nbformat.from_dict(kept)


def _attachments(attachments) -> nbformat.NotebookNode:
    """Each attachment of a markdown or raw cell as its valid PNG or JPEG image, or a blank PNG."""
    kept = {}
    for name, bundle in (attachments.items() if isinstance(attachments, dict) else []):
        if not isinstance(name, str):
            continue
        images = _images(bundle if isinstance(bundle, dict) else {})
        kept[name] = images or {"image/png": BLANK_PNG}
    return nbformat.from_dict(kept)


# --- outputs --------------------------------------------------------------------------------------

def _clean_output(output) -> list:
    """The inert outputs that stand for one output of a learner's cell (one, or two when a note
    about what was left out follows it)."""
    kind = output.get("output_type") if isinstance(output, dict) else None
    if kind == "stream":
        name = output.get("name")
        return [new_output("stream", name=name if name in ("stdout", "stderr") else "stdout",
                           text=_text(output.get("text", "")))]
    if kind == "error":
        lines = output.get("traceback")
        if not isinstance(lines, list):
            lines = [] if lines is None else [lines]
        return [new_output("error", ename=_text(output.get("ename", "")),
                           evalue=_text(output.get("evalue", "")),
                           traceback=[_text(line) for line in lines])]
    if kind not in ("display_data", "execute_result"):
        return [_note(["output of an unknown kind"])]
    data = output.get("data")
    data = data if isinstance(data, dict) else {}
    if not data:
        return []
    kept = _images(data)
    plain = data.get("text/plain")
    if isinstance(plain, str) or (isinstance(plain, list) and all(isinstance(s, str)
                                                                  for s in plain)):
        kept["text/plain"] = _text(plain)
    left_out = [_label(mime) for mime in data if mime not in kept]
    extra = {}
    if kind == "execute_result":
        count = output.get("execution_count")
        extra["execution_count"] = count if _is_int(count) else None
    if not kept:
        return [new_output(kind, data={"text/plain": _note_text(left_out)}, **extra)]
    cleaned = new_output(kind, data=kept, metadata=_image_metadata(output.get("metadata"), kept),
                         **extra)
    return [cleaned, _note(left_out)] if left_out else [cleaned]


def _images(data: dict) -> dict:
    """The PNG and JPEG images of a MIME bundle whose data is a valid image of its type, as
    base64 text without line breaks."""
    images = {}
    for mime, magic in MAGIC.items():
        value = data.get(mime)
        if isinstance(value, list) and all(isinstance(s, str) for s in value):
            value = "".join(value)
        if not isinstance(value, str):
            continue
        value = value.replace("\r", "").replace("\n", "")
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            continue
        if raw.startswith(magic):
            images[mime] = value
    return images


def _image_metadata(metadata, kept: dict) -> dict:
    """An image's width and height, when they are positive whole numbers; nothing else (the
    templates print them unquoted, and take file names and other options from here)."""
    metadata = metadata if isinstance(metadata, dict) else {}
    sizes = {}
    for mime in kept:
        given = metadata.get(mime)
        if mime in MAGIC and isinstance(given, dict):
            size = {k: given[k] for k in ("width", "height")
                    if _is_int(given.get(k)) and given[k] > 0}
            if size:
                sizes[mime] = size
    return sizes


def _note(left_out: list[str]):
    return new_output("display_data", data={"text/plain": _note_text(left_out)})


def _note_text(left_out: list[str]) -> str:
    names = list(dict.fromkeys(left_out))
    named = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"[{named} left out: {NOTE}]"


def _label(mime) -> str:
    if mime in LABELS:
        return LABELS[mime]
    if isinstance(mime, str) and mime.startswith("application/vnd.jupyter.widget"):
        return "widget"
    if isinstance(mime, str) and MIME_TYPE.fullmatch(mime):
        return f"{mime} output"
    return "output of an unknown type"
