"""The course folder, its assignments, and nbgrader run in it.

Every nbgrader step is run as nbgrader's own command line (``python -m nbgrader ...``) in the course
folder, so that it reads the course's ``nbgrader_config.py`` exactly as an instructor's own
``nbgrader`` call would, and so that one failing step (a broken submission, say) cannot take the
calling process down with it.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .environment import child_env

CONFIG = "nbgrader_config.py"


class CourseError(RuntimeError):
    """Something about the course folder or an nbgrader step that the user must fix."""


def find_root(start: str | Path | None = None) -> Path:
    """The course folder: the nearest folder holding ``nbgrader_config.py`` and ``source/``,
    from ``start`` (default: the current directory) upward, else the folder of this package."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file() and (folder / "source").is_dir():
            return folder
    package_root = Path(__file__).resolve().parents[1]
    if (package_root / CONFIG).is_file():
        return package_root
    raise CourseError(
        f"no course folder found from {here}: a course folder holds {CONFIG} and source/. "
        "Run the command inside the course folder, or pass --course DIR.")


@dataclass(frozen=True)
class Course:
    root: Path

    @classmethod
    def at(cls, root: str | Path | None = None) -> Course:
        return cls(find_root(root) if root is None else Path(root).resolve())

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def release(self) -> Path:
        return self.root / "release"

    @property
    def submitted(self) -> Path:
        return self.root / "submitted"

    @property
    def autograded(self) -> Path:
        return self.root / "autograded"

    @property
    def feedback(self) -> Path:
        return self.root / "feedback"

    @functools.cached_property
    def settings(self):
        """The course's nbgrader settings, read once from its ``nbgrader_config.py``."""
        from traitlets.config.loader import PyFileConfigLoader

        if not (self.root / CONFIG).is_file():
            from traitlets.config import Config

            return Config()
        return PyFileConfigLoader(CONFIG, path=str(self.root)).load_config()

    @property
    def course_id(self) -> str:
        """The course id set in ``nbgrader_config.py``."""
        return self.settings.CourseDirectory.get("course_id", "default_course")

    @property
    def db_url(self) -> str:
        """The gradebook's URL, as ``nbgrader_config.py`` sets it (a SQLite file in the course
        folder unless it names another database, PostgreSQL say)."""
        return self.settings.CourseDirectory.get("db_url") or f"sqlite:///{self.root}/gradebook.db"

    @property
    def sqlite(self) -> bool:
        return self.db_url.startswith("sqlite:")

    @property
    def gradebook(self) -> Path:
        """The gradebook's file (a SQLite gradebook's; another database has none here)."""
        if self.sqlite:
            return Path(self.db_url.split("///", 1)[-1].split("?", 1)[0])
        return self.root / "gradebook.db"

    @property
    def grading_db_url(self) -> str:
        """The gradebook as the grading processes open it: SQLite with a generous wait for a
        lock, so that processes grading side by side take turns instead of failing with "database
        is locked"; another database as it is."""
        if self.sqlite and "?" not in self.db_url:
            return self.db_url + "?timeout=120"
        return self.db_url

    def assignments(self) -> list[str]:
        """Assignment ids: the folders of ``source/`` that hold a notebook, in order."""
        if not self.source.is_dir():
            raise CourseError(f"{self.source} does not exist: the course has no assignments")
        return sorted(p.name for p in self.source.iterdir()
                      if p.is_dir() and any(p.glob("*.ipynb")))

    def source_notebook(self, assignment: str) -> Path:
        found = sorted((self.source / assignment).glob("*.ipynb"))
        if len(found) != 1:
            raise CourseError(f"source/{assignment} must hold exactly one notebook, "
                              f"it holds {len(found)}")
        return found[0]

    def release_notebook(self, assignment: str) -> Path:
        return self.release / assignment / self.source_notebook(assignment).name

    def nbgrader(self, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess:
        """Run ``nbgrader ARGS`` in the course folder; output is captured, never raised on."""
        return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=self.root,
                              env=child_env(),
                              capture_output=True, text=True, timeout=timeout)


def nbgrader_errors(result: subprocess.CompletedProcess, limit: int = 6) -> str:
    """The ERROR lines of an nbgrader run's log (its stderr), or its tail if it has none."""
    lines = (result.stderr or "").splitlines() + (result.stdout or "").splitlines()
    errors = [line for line in lines if "| ERROR]" in line or "Error:" in line]
    picked = errors[:limit] if errors else lines[-limit:]
    return "\n".join(line.strip() for line in picked)


def generate_release(course: Course, assignment: str) -> None:
    """Write the student version of ``assignment`` into ``release/`` (nbgrader
    generate_assignment), replacing the previous one."""
    result = course.nbgrader("generate_assignment", assignment, "--force")
    if result.returncode != 0:
        raise CourseError(f"nbgrader could not release {assignment}:\n"
                          f"{nbgrader_errors(result)}")
