"""Small nbgrader courses built by the tests, to prove the course tools on known defects."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]

SETUP = ("import numpy as np\nfrom dlcourse.checks import check, exercise\n"
         "from dlcourse.notebook import setup\nsetup()")
SOLUTION = ('def double(x):\n    """Return twice x."""\n    ### BEGIN SOLUTION\n'
            "    return 2 * x\n    ### END SOLUTION")
TEST = ('with exercise("double"):\n    check("double(3.0)", double(3.0), 6.0)\n'
        "### BEGIN HIDDEN TESTS\n"
        'with exercise("double"):\n'
        '    check("double(np.arange(3.0))", double(np.arange(3.0)), np.arange(3.0) * 2)\n'
        "### END HIDDEN TESTS")


def cell(source, grade_id=None, solution=False, grade=False, points=None, markdown=False):
    c = nbformat.v4.new_markdown_cell(source) if markdown else nbformat.v4.new_code_cell(source)
    if grade_id:
        meta = dict(grade_id=grade_id, solution=solution, grade=grade, locked=not solution,
                    schema_version=3, task=False)
        if points is not None:
            meta["points"] = points
        c.metadata["nbgrader"] = meta
    return c


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = list(cells)
    return nb


def toy_notebook(solution=SOLUTION, test=TEST, extra=()):
    return notebook(cell("# Doubling\nWrite `double`.", markdown=True),
                    cell(SETUP),
                    cell(solution, "ex1_double", solution=True),
                    cell(test, "test_double", grade=True, points=2),
                    *extra)


def make_course(root: Path, assignments: dict) -> Path:
    """A course folder at ``root`` with the course's own nbgrader config and these notebooks
    (``{assignment: notebook}``), each saved as ``source/<assignment>/<assignment>.ipynb``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", root)
    for name, nb in assignments.items():
        folder = root / "source" / name
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / f"{name}.ipynb"))
    return root
