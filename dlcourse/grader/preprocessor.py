"""nbgrader's ``Execute`` step, replaced by the course's grading
(:func:`.verdicts.grade_notebook`)."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from .limits import DEFAULT_BUDGET_SECONDS
from .verdicts import Result, grade_notebook

# --- as an nbgrader preprocessor ------------------------------------------------------------------

def _preprocessor_base():
    from nbgrader.preprocessors import NbGraderPreprocessor

    return NbGraderPreprocessor


class SandboxedExecute(_preprocessor_base()):
    """nbgrader's ``Execute`` step, replaced: the notebook is graded by :func:`grade_notebook`.

    Configured by ``dlcourse grade`` (``course_root``, ``isolated``, ``timeout``); the last run's
    events and timings are kept in ``last`` for the grading report.
    """

    from traitlets import Bool, Float, Integer, Unicode

    course_root = Unicode("").tag(config=True)
    isolated = Bool(True).tag(config=True)
    timeout = Integer(60).tag(config=True)
    budget = Float(DEFAULT_BUDGET_SECONDS, help="Seconds a whole submission may run (every cell "
                   "and test draws from it); after that its remaining cells are skipped and it is "
                   "graded on what it answered.").tag(config=True)
    last: Result | None = None

    def preprocess(self, nb, resources):
        root = Path(self.course_root)
        assignment = resources["nbgrader"]["assignment"]
        name = resources["nbgrader"]["notebook"]
        source = nbformat.read(root / "source" / assignment / f"{name}.ipynb", as_version=4)
        folder = Path(resources["metadata"]["path"])
        import dlcourse

        package = Path(dlcourse.__file__).resolve().parent
        datasets = root / "datasets"
        readable = [package] + ([datasets] if datasets.is_dir() else [])
        env = {"DLCOURSE_DATA_DIR": str(datasets)} if datasets.is_dir() else {}
        result = grade_notebook(source, nb, folder, isolated=self.isolated, timeout=self.timeout,
                                readable=readable, env=env, budget=self.budget,
                                catalogue=_catalogue(root, assignment))
        type(self).last = result
        return result.nb, resources


def _catalogue(root: Path, assignment: str):
    """The assignment's misconception catalogue (none when it has no file, or it cannot be read:
    the exercises are graded all the same, without a diagnosis)."""
    try:
        from . import misconceptions

        return misconceptions.read(root, assignment)
    except Exception as err:  # noqa: BLE001 - a catalogue problem never stops grading
        print(f"misconception catalogue of {assignment} not used: {err}", file=sys.stderr)
        return []
