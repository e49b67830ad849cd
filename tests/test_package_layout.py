"""The package's tree tells its architecture, and the import rules that go with it hold:

* ``dlcourse`` (top level): what notebooks import; importing it loads no grading machinery;
* ``dlcourse/kernel/``: the only grading code that runs in the learner's sandbox; it imports
  nothing from the grader's side;
* ``dlcourse/grader/``: everything else of grading.
"""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dlcourse"
GRADING_MACHINERY = ("nbgrader", "jupyter_client", "nbclient", "sqlalchemy", "nbconvert", "zmq")
LEARNER_MODULES = ["dlcourse", "dlcourse.checks", "dlcourse.notebook", "dlcourse.quiz",
                   "dlcourse.data", "dlcourse.planar", "dlcourse.images", "dlcourse.plots",
                   "dlcourse.baselines", "dlcourse.diagrams"]


@pytest.mark.parametrize("module", LEARNER_MODULES)
def test_what_notebooks_import_loads_no_grading_machinery(module):
    code = (f"import sys, json, {module}\n"
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                           text=True, check=True).stdout))
    assert not loaded & set(GRADING_MACHINERY), loaded & set(GRADING_MACHINERY)
    assert "dlcourse.grader" not in subprocess.run(
        [sys.executable, "-c", f"import sys, {module}; print(list(sys.modules))"],
        capture_output=True, text=True, check=True).stdout


def _imports(path: Path) -> list[tuple[int, str]]:
    """(level, module) of every import in a file: level 0 is absolute, 1 is ``from .``..."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(0, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.level, node.module or ""))
    return found


def test_the_kernel_side_imports_nothing_of_the_grader():
    files = sorted((PACKAGE / "kernel").glob("*.py"))
    assert {f.name for f in files} >= {"agent.py", "wire.py", "launch.py", "output.py"}
    for path in files:
        for level, module in _imports(path):
            grader = (level == 0 and module.startswith("dlcourse.grader")) or \
                     (level >= 2 and module.startswith("grader")) or \
                     (level == 0 and module.split(".")[0] in GRADING_MACHINERY[:1])
            assert not grader, (path.name, level, module)


def test_the_learner_side_imports_the_grader_only_from_the_command_line():
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name in ("cli.py", "__main__.py"):
            continue
        for level, module in _imports(path):
            assert not (level == 1 and module.startswith("grader")), (path.name, module)
            assert not (level == 0 and module.startswith("dlcourse.grader")), (path.name, module)


def test_the_tree_has_its_three_parts():
    assert (PACKAGE / "kernel" / "__init__.py").is_file()
    assert (PACKAGE / "grader" / "__init__.py").is_file()
    for name in ("verdicts.py", "kernel_client.py", "remote.py", "preprocessor.py", "plan.py",
                 "coordinator.py", "worker.py", "sandbox.py", "course.py", "environment.py",
                 "limits.py", "feedback.py"):
        assert (PACKAGE / "grader" / name).is_file(), name
    flat = {p.name for p in PACKAGE.glob("*.py")}
    assert not flat & {"verdicts.py", "agent.py", "wire.py", "sandbox.py", "grading.py",
                       "autograde.py"}
