"""The course command's surface: help, and clear refusals outside a course or with nothing to do."""

import subprocess
import sys

from toycourse import make_course, toy_notebook

from dlcourse import cli


def test_python_m_dlcourse_lists_the_subcommands():
    result = subprocess.run([sys.executable, "-m", "dlcourse", "--help"], capture_output=True,
                            text=True)
    assert result.returncode == 0
    for word in ("release", "check", "grade", "demo", "data"):
        assert word in result.stdout


def test_outside_a_course_the_command_says_where_it_looked(tmp_path, capsys):
    assert cli.main(["--course", str(tmp_path), "release"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"dlcourse release: {tmp_path / 'source'} does not exist")


def test_grade_with_no_submissions_says_where_they_go(tmp_path, capsys):
    root = make_course(tmp_path / "c", {"toy": toy_notebook()})
    assert cli.main(["--course", str(root), "grade"]) == 1
    assert "submitted/<student>/<assignment>/<notebook>.ipynb" in capsys.readouterr().out


def test_data_needs_the_import_verb(capsys):
    assert cli.main(["data", "export"]) == 2
    assert "usage: dlcourse data import DIR" in capsys.readouterr().err
