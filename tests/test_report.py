"""The class report: a small class in a gradebook made through nbgrader's API, grading records with
diagnosed misconceptions, and the report's HTML and CSV files read back."""

import base64
import csv
import json
import os
import sys
import warnings
from html.parser import HTMLParser

import pytest
from toycourse import cell, make_course, toy_notebook

from dlcourse import cli
from dlcourse.grader import authoring
from dlcourse.grader import report as class_report
from dlcourse.grader.course import Course
from dlcourse.grader.worker import RECORD

TRIPLE = ("def triple(x):\n    ### BEGIN SOLUTION\n    return 3 * x\n    ### END SOLUTION")
TRIPLE_TEST = 'with exercise("triple"):\n    check("triple(1.0)", triple(1.0), 3.0)'
ANSWER = ('answer_q1 = None  # your answer: one letter, in quotes\n### BEGIN SOLUTION\n'
          'answer_q1 = "b"\n### END SOLUTION')
QUESTION = ('from dlcourse import quiz\n\nwith quiz.question("answer_q1") as q:\n'
            '    q.choice(answer_q1, options="abc")\n### BEGIN HIDDEN TESTS\n'
            'q.judge("b", why="Doubling twice is multiplying by four.")\n### END HIDDEN TESTS')

CATALOGUE = '''
CATALOGUE = [
    {"id": "double:adds-one", "exercise": "ex1_double",
     "explanation": "Doubling multiplies by 2; adding 1 shifts <instead>.",
     "code": "def double(x):\\n    return x + 1"},
    {"id": "double:squares", "exercise": "ex1_double", "explanation": "Squaring is not doubling.",
     "code": "def double(x):\\n    return x * x"},
    {"id": "triple:adds", "exercise": "ex2_triple", "explanation": "Tripling multiplies.",
     "code": "def triple(x):\\n    return x + 3"},
]
'''

#: (student, assignment) -> {test id: points}; week_a is worth 2 + 1 + 1 = 4, week_b 2.
GRADES = {
    ("alice", "week_a"): {"test_double": 2, "test_triple": 1, "quiz_doubling": 1},
    ("alice", "week_b"): {"test_double": 2},
    ("bob", "week_a"): {"test_double": 0, "test_triple": 1, "quiz_doubling": 1},
    ("bob", "week_b"): {"test_double": 0},
    ("carol", "week_a"): {"test_double": 0, "test_triple": 0, "quiz_doubling": 0},
    ("erin", "week_a"): {"test_double": 0, "test_triple": 0, "quiz_doubling": 1},
}
RECORDS = {
    ("bob", "week_a"): {"misconceptions": {"test_double": ["double:adds-one"]}},
    ("bob", "week_b"): {"misconceptions": {"test_double": ["double:gone-from-the-catalogue"]}},
    ("carol", "week_a"): {"misconceptions": {"test_double": ["double:adds-one", 3],
                                             "test_triple": ["triple:adds"],
                                             "test_oops": "not a list"}},
    ("erin", "week_a"): {"misconceptions": {"test_double": ["double:squares",
                                                            "double:adds-one"]}},
    ("alice", "week_a"): {"digest": "no misconceptions key: none"},
    ("alice", "week_b"): {"misconceptions": ["not", "a", "dict"]},
}


def week_a():
    return toy_notebook(extra=[
        cell(TRIPLE, "ex2_triple", solution=True),
        cell(TRIPLE_TEST, "test_triple", grade=True, points=1),
        cell(ANSWER, "quiz_doubling_answer", solution=True),
        cell(QUESTION, "quiz_doubling", grade=True, points=1)])


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """A course of two assignments, five learners in its gradebook (dave without a submission),
    records of their grading, and a catalogue for week_a."""
    from nbgrader.api import Gradebook

    # nbgrader makes a new gradebook with alembic, a program installed beside this Python
    path = os.environ.get("PATH", "")
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + path
    course = Course(make_course(tmp_path_factory.mktemp("report") / "course",
                                {"week_a": week_a(), "week_b": toy_notebook()}))
    (course.source / "week_a" / "misconceptions.py").write_text(CATALOGUE, encoding="utf-8")
    with Gradebook(course.db_url, course.course_id) as gb:
        for assignment in course.assignments():
            gb.add_assignment(assignment)
            gb.add_notebook(assignment, assignment)
            nb = authoring.read(course.source_notebook(assignment))
            for c in nb.cells:
                meta = authoring.nbgrader_meta(c)
                if meta.get("grade"):
                    gb.add_grade_cell(meta["grade_id"], assignment, assignment,
                                      max_score=meta["points"], cell_type="code")
        for student in ("alice", "bob", "carol", "dave", "erin"):
            gb.add_student(student)
        for (student, assignment), points in GRADES.items():
            with warnings.catch_warnings():  # nbgrader's own session handling warns
                warnings.simplefilter("ignore")
                gb.add_submission(assignment, student)
            for test_id, score in points.items():
                grade = gb.find_grade(test_id, assignment, assignment, student)
                grade.auto_score = score
            gb.db.commit()
        # a manual grade counts as the gradebook says: bob's double of week_b, regraded by hand
        gb.find_grade("test_double", "week_b", "week_b", "bob").manual_score = 1
        gb.db.commit()
    os.environ["PATH"] = path
    for (student, assignment), record in RECORDS.items():
        folder = course.autograded / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        (folder / RECORD).write_text(json.dumps(record), encoding="utf-8")
    return course


class Page(HTMLParser):
    """The tables (their rows of cell texts, by id or class and assignment) and the images."""

    def __init__(self):
        super().__init__()
        self.tables, self.images, self._table, self._row, self._cell = {}, [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            key = (attrs.get("id") or attrs.get("class"), attrs.get("data-assignment"))
            self._table = self.tables.setdefault(key, [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""
        elif tag == "img":
            self.images.append(attrs)

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


@pytest.fixture(scope="module")
def written(graded_class, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert cli.main(["--course", str(graded_class.root), "report", "--out", str(out),
                     "--threshold", "60"]) == 0
    page = Page()
    page.feed((out / "report.html").read_text(encoding="utf-8"))
    return out, page


def test_scores_csv_has_a_row_per_learner_and_assignment(written):
    out, _ = written
    assert read_csv(out / "scores.csv") == [
        ["student_id", "assignment", "submitted", "points", "max_points", "exercise_points",
         "exercise_max_points", "question_points", "question_max_points"],
        ["alice", "week_a", "yes", "4", "4", "3", "3", "1", "1"],
        ["alice", "week_b", "yes", "2", "2", "2", "2", "0", "0"],
        ["bob", "week_a", "yes", "2", "4", "1", "3", "1", "1"],
        ["bob", "week_b", "yes", "1", "2", "1", "2", "0", "0"],
        ["carol", "week_a", "yes", "0", "4", "0", "3", "0", "1"],
        ["carol", "week_b", "no", "0", "2", "0", "2", "0", "0"],
        ["dave", "week_a", "no", "0", "4", "0", "3", "0", "1"],
        ["dave", "week_b", "no", "0", "2", "0", "2", "0", "0"],
        ["erin", "week_a", "yes", "1", "4", "0", "3", "1", "1"],
        ["erin", "week_b", "no", "0", "2", "0", "2", "0", "0"],
    ]


def test_misconceptions_csv_has_a_row_per_learner_exercise_and_misconception(written):
    out, _ = written
    assert read_csv(out / "misconceptions.csv") == [
        ["student_id", "assignment", "exercise", "misconception"],
        ["bob", "week_a", "ex1_double", "double:adds-one"],
        ["bob", "week_b", "ex1_double", "double:gone-from-the-catalogue"],
        ["carol", "week_a", "ex1_double", "double:adds-one"],
        ["carol", "week_a", "ex2_triple", "triple:adds"],
        ["erin", "week_a", "ex1_double", "double:adds-one"],
        ["erin", "week_a", "ex1_double", "double:squares"],
    ]


def test_the_page_has_a_histogram_per_assignment_embedded_as_png(written):
    _, page = written
    assert [i.get("data-assignment") for i in page.images] == ["week_a", "week_b"]
    for image in page.images:
        prefix = "data:image/png;base64,"
        assert image["src"].startswith(prefix)
        assert base64.b64decode(image["src"][len(prefix):]).startswith(b"\x89PNG\r\n\x1a\n")


def test_the_page_is_self_contained(written):
    out, _ = written
    text = (out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in text and "<link" not in text and "http" not in text
    assert "<style>" in text


def test_the_page_tells_code_exercises_and_questions_apart(written):
    _, page = written
    assert page.tables[("exercises", "week_a")] == [
        ["exercise", "test", "points", "full points", "share", ""],
        ["1 double", "test_double", "2", "1 of 4", "25 %", ""],
        ["2 triple", "test_triple", "1", "2 of 4", "50 %", ""]]
    assert page.tables[("questions", "week_a")] == [
        ["exercise", "test", "points", "full points", "share", ""],
        ["Q1 doubling", "quiz_doubling", "1", "3 of 4", "75 %", ""]]
    assert page.tables[("exercises", "week_b")][1] == ["1 double", "test_double", "2", "1 of 2",
                                                        "50 %", ""]
    assert ("questions", "week_b") not in page.tables


def test_the_page_lists_the_most_common_misconceptions_with_who_shows_them(written):
    _, page = written
    assert page.tables[("misconceptions", "week_a")] == [
        ["misconception", "exercise", "learners", "explanation", "who"],
        ["double:adds-one", "1 double", "3", "Doubling multiplies by 2; adding 1 shifts <instead>.",
         "bob, carol, erin"],
        ["double:squares", "1 double", "1", "Squaring is not doubling.", "erin"],
        ["triple:adds", "2 triple", "1", "Tripling multiplies.", "carol"]]
    assert page.tables[("misconceptions", "week_b")] == [
        ["misconception", "exercise", "learners", "explanation", "who"],
        ["double:gone-from-the-catalogue", "1 double", "1", "not in the catalogue any more",
         "bob"]]


def test_the_page_lists_the_learners_below_the_threshold(written):
    _, page = written
    # 6 points in all: below 60 % is below 3.6 points
    assert page.tables[("below-threshold", None)] == [
        ["learner", "points", "share", "week_a", "week_b"],
        ["carol", "0", "0 %", "0/4", "not graded"],
        ["dave", "0", "0 %", "not graded", "not graded"],
        ["erin", "1", "17 %", "1/4", "not graded"],
        ["bob", "3", "50 %", "2/4", "1/2"]]
    assert page.tables[("summary", None)] == [
        ["assignment", "graded", "mean", "median", "points", "full points"],
        ["week_a", "4", "1.8", "1.5", "4", "1"],
        ["week_b", "2", "1.5", "1.5", "2", "1"]]


def test_the_default_threshold_and_folder(graded_class, capsys):
    assert cli.main(["--course", str(graded_class.root), "report"]) == 0
    assert f"report written into {graded_class.root / 'report'}" in capsys.readouterr().out
    page = Page()
    page.feed((graded_class.root / "report" / "report.html").read_text(encoding="utf-8"))
    assert [row[0] for row in page.tables[("below-threshold", None)][1:]] == \
        ["carol", "dave", "erin"]  # below 50 %: 3 points


def test_a_course_without_grades_gets_an_empty_report(tmp_path):
    course = Course(make_course(tmp_path / "course", {"week_a": toy_notebook()}))
    written = class_report.write_report(course)
    assert read_csv(written.scores) == [read_csv(written.scores)[0]]
    assert len(read_csv(written.misconceptions)) == 1
    page = Page()
    page.feed(written.html.read_text(encoding="utf-8"))
    assert len(page.images) == 1  # an empty histogram
