"""A hostile class, built from the course itself: submissions that attack the grader, beside honest
ones, each with the outcome it must get.

Every hostile submission is week 1 (the fastest notebook to grade). Its answers are either the
reference solutions ("complete") or the untouched student version ("empty"); the attack is added
to it. ``points`` is what the submission honestly earns: an attack earns nothing, and costs only
what it breaks of the learner's own work. ``says`` is a piece of text the grading report or the
graded notebook must show, so that the instructor (and the learner) can see what happened.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from dlcourse.grader import authoring
from dlcourse.grader.course import Course

ASSIGNMENT = "week1_numpy_basics"


def _graded_cells(nb) -> tuple[list, list]:
    return authoring.exercises(nb), authoring.questions(nb)


def _full_points() -> float:
    """All the points of the week: its code exercises and its theory questions."""
    [path] = (Path(__file__).resolve().parents[1] / "source" / ASSIGNMENT).glob("*.ipynb")
    exercises, questions = _graded_cells(authoring.read(path))
    return sum(e.points for e in exercises) + sum(q.points for q in questions)


FULL = _full_points()
LAST = "ex12_L2"  # 1 point; the attacks that break a cell are put in this one
LAST_TEST = "test_L2"


@dataclass
class Case:
    student: str
    what: str  # the attack, in words
    points: float | None  # None: the submission is refused (not graded)
    says: str = ""  # in the report line (or, with where="notebook", in the graded notebook)
    where: str = "report"
    lost: set[str] = field(default_factory=set)  # the test cells it must lose
    files: dict[str, bytes] | None = None  # the submission folder's files, when not a notebook
    notebook: object = None


def _answers(course: Course, complete: bool) -> dict[str, str]:
    source = authoring.read(course.source_notebook(ASSIGNMENT))
    return authoring.solution_code(source) if complete else {}


def _notebook(course: Course, complete: bool, first: str = "", last: str = ""):
    """The student version with answers, ``first`` put before the first answer's code and
    ``last`` before the last one's."""
    release = authoring.read(course.release_notebook(ASSIGNMENT))
    answers = _answers(course, complete)
    stubs = {c.metadata.nbgrader.grade_id: c.source for c in release.cells
             if authoring.nbgrader_meta(c).get("solution")}
    code = {**stubs, **answers}
    if first:
        code["ex1_basic_sigmoid"] = first + "\n" + code["ex1_basic_sigmoid"]
    if last:
        code[LAST] = last + "\n" + code[LAST]
    return authoring.with_answers(release, code)


def _with_cell_after_imports(nb, code: str):
    nb = copy.deepcopy(nb)
    nb.cells.insert(2, nbformat.v4.new_code_cell(code))
    return nb


WRONG_ANSWERS = '''
def basic_sigmoid(x):
    return 0.0
def sigmoid(x):
    return x
def relu(x):
    return x
'''

FORGE_NUMPY = '''
import numpy as np, numpy.testing
np.allclose = lambda *a, **k: True
np.isclose = lambda *a, **k: np.array(True)
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
''' + WRONG_ANSWERS

FORGE_BUILTINS = '''
import builtins
builtins.AssertionError = type("AssertionError", (Exception,), {})
builtins.isinstance = lambda *a: True
builtins.abs = lambda x: 0
builtins.print = lambda *a, **k: None
''' + WRONG_ANSWERS

FORGE_ASSERTION = '''
class AssertionError(BaseException):
    pass
NotImplementedError = type("NotImplementedError", (Warning,), {})
''' + WRONG_ANSWERS

FORGE_CHECKS = '''
import contextlib
import dlcourse.checks as checks
checks.check = checks.compare = lambda *a, **k: print("passed")
checks.check_that = lambda *a, **k: print("passed")
checks.exercise = lambda name: contextlib.suppress(BaseException)
checks.CheckFailed = type("CheckFailed", (Exception,), {})
''' + WRONG_ANSWERS

REDEFINE_CHECKS = '''
import contextlib
def check(*args, **kwargs):
    print("passed")
def check_that(*args, **kwargs):
    print("passed")
def exercise(name):
    return contextlib.suppress(BaseException)
''' + WRONG_ANSWERS

EXIT_EARLY = "import os\nos._exit(0)"
SYS_EXIT = "import sys\nsys.exit(0)"

INFINITE_LOOP = "while True:\n    pass"
SLEEP_FOREVER = "import time\ntime.sleep(10**9)"
MEMORY_BOMB = "hog = bytearray(64 * 2**30)"
FORK_BOMB = '''import os
while True:
    try:
        os.fork()
    except OSError:
        pass'''
HUGE_OUTPUT = "for _ in range(40):\n    print('spam ' * 200_000)"

WRITE_OUTSIDE = '''
import os
escaped = []
for target in [{course}/"pwned.txt", {course}/"source"/"pwned.txt", {course}/"gradebook.db",
               "../../../pwned.txt", "/tmp/dlcourse-pwned.txt", "/usr/pwned.txt",
               "/root/pwned.txt", "/pwned.txt"]:
    try:
        with open(target, "a") as f:
            f.write("pwned")
        escaped.append(str(target))
    except OSError as err:
        print("refused:", target, type(err).__name__)
print("written:", escaped)
'''

READ_SOURCE = '''
import glob
stolen = []
for pattern in [{course}/"source"/"*"/"*.ipynb", "../../../source/*/*.ipynb",
                "../../source/*/*.ipynb", {course}/"gradebook.db",
                {course}/"submitted"/"*"/"*"/"*.ipynb", "/root/*", "/home/*/*", "/etc/passwd"]:
    for path in glob.glob(str(pattern)):
        try:
            stolen.append(open(path, "rb").read()[:20000].decode("latin-1"))
        except OSError:
            pass
print("stolen files:", len(stolen))
print("".join(stolen))
'''

NETWORK = '''
import socket, urllib.request
for host, port in [("1.1.1.1", 53), ("pypi.org", 443), ("127.0.0.1", 8888)]:
    try:
        socket.create_connection((host, port), timeout=3)
        print("connected:", host)
    except OSError as err:
        print("no network:", host, type(err).__name__)
'''


def build(course: Course) -> list[Case]:
    """The hostile class and the honest students graded with it."""
    course_path = f"__import__('pathlib').Path({str(course.root)!r})"
    complete, empty = _notebook(course, True), _notebook(course, False)
    exercises, questions = _graded_cells(authoring.read(course.source_notebook(ASSIGNMENT)))
    all_tests = {e.test_id for e in exercises} | {q.test_id for q in questions}
    source = authoring.read(course.source_notebook(ASSIGNMENT))
    points = {test: p for _, test, p in _graded_pairs(source)}
    after_last = _after(source, LAST)
    cases = [
        Case("honest_complete", "the reference solutions", FULL, notebook=complete),
        Case("honest_empty", "the student version untouched", 0, notebook=empty,
             lost=all_tests),
        # forgeries: nothing of the learner's is right, so any point would be forged
        Case("forge_numpy", "replaces np.allclose, np.array_equal... and answers wrongly", 0,
             notebook=_notebook(course, False, first=FORGE_NUMPY), lost=all_tests),
        Case("forge_builtins", "replaces AssertionError, isinstance, abs, print in builtins", 0,
             notebook=_notebook(course, False, first=FORGE_BUILTINS), lost=all_tests),
        Case("forge_assertion", "redefines AssertionError and NotImplementedError", 0,
             notebook=_notebook(course, False, first=FORGE_ASSERTION), lost=all_tests),
        Case("forge_checks", "monkeypatches dlcourse.checks to pass everything", 0,
             notebook=_notebook(course, False, first=FORGE_CHECKS), lost=all_tests),
        Case("forge_added_cells", "adds cells that re-define check, check_that, exercise", 0,
             notebook=_with_cell_after_imports(empty, REDEFINE_CHECKS), lost=all_tests),
        Case("forge_exit", "os._exit(0) in a cell added right after the imports", 0,
             notebook=_with_cell_after_imports(complete, EXIT_EARLY), lost=all_tests,
             says="kernel stopped"),
        Case("forge_sys_exit", "sys.exit(0) right after the imports, nothing answered", 0,
             notebook=_with_cell_after_imports(empty, SYS_EXIT), lost=all_tests),
        Case("forge_test_cells", "edits every test cell to print success, deletes two", 0,
             notebook=_edited_tests(empty), lost=all_tests),
        Case("forge_metadata", "100 points per test, grade ids swapped, tests made ungraded", 0,
             notebook=_edited_metadata(empty), lost=all_tests),
        Case("forge_outputs", "hands in test cells with outputs claiming success", 0,
             notebook=_fake_outputs(empty), lost=all_tests),
        # runaway code in the last exercise: it loses that exercise, and only that
        Case("infinite_loop", "while True: pass", FULL - 1, notebook=_notebook(
            course, True, last=INFINITE_LOOP), lost={LAST_TEST}, says="CellTimeoutError",
             where="notebook"),
        Case("sleep_forever", "time.sleep(10**9)", FULL - 1, notebook=_notebook(
            course, True, last=SLEEP_FOREVER), lost={LAST_TEST}, says="CellTimeoutError",
             where="notebook"),
        Case("memory_bomb", "allocates 64 GiB", FULL - 1, notebook=_notebook(
            course, True, last=MEMORY_BOMB), lost={LAST_TEST}, says="MemoryError",
             where="notebook"),
        # IPython swallows the interrupt of a fork loop: the kernel is stopped, and the
        # answers after it are lost with it
        Case("fork_bomb", "forks in a loop, ignoring errors",
             FULL - 1 - sum(points[t] for t in after_last), notebook=_notebook(
            course, True, last=FORK_BOMB), lost={LAST_TEST} | after_last,
             says="CellTimeoutError", where="notebook"),
        Case("huge_output", "prints 40 MB", FULL, notebook=_notebook(
            course, True, last=HUGE_OUTPUT), says="was dropped", where="notebook"),
        Case("write_outside", "writes to the course, the gradebook, /tmp, /usr", FULL,
             notebook=_notebook(course, True, last=WRITE_OUTSIDE.format(course=course_path)),
             says="written: []", where="notebook"),
        Case("read_source", "reads source/, the gradebook, others' work, /root, /etc", FULL,
             notebook=_notebook(course, True, last=READ_SOURCE.format(course=course_path)),
             says="stolen files: 0", where="notebook"),
        Case("network", "connects to the internet and to a local server", FULL,
             notebook=_notebook(course, True, last=NETWORK), says="no network: 1.1.1.1",
             where="notebook"),
        # broken files
        Case("malformed_json", "a notebook cut short", None, says="JSON breaks at line",
             files={"numpy_basics.ipynb": json.dumps(complete)[:5000].encode()}),
        Case("empty_file", "an empty notebook file", None, says="is empty",
             files={"numpy_basics.ipynb": b""}),
        Case("wrong_name", "the notebook renamed", None, says="must keep its name",
             files={"my_numpy.ipynb": nbformat.writes(complete).encode()}),
        Case("non_utf8", "bytes that are not UTF-8", None, says="is not UTF-8",
             files={"numpy_basics.ipynb": nbformat.writes(complete).encode().replace(
                 b"Compute", b"Comp\xffute", 1)}),
        Case("extra_files", "extra files and an extra notebook beside the notebook", FULL,
             files={"numpy_basics.ipynb": nbformat.writes(complete).encode(),
                    "notes.txt": b"my notes", "scratch.ipynb": nbformat.writes(empty).encode(),
                    "data/more.bin": bytes(range(256)) * 100}),
        Case("old_nbformat", "the notebook saved in nbformat 3", FULL,
             files={"numpy_basics.ipynb": nbformat.writes(
                 nbformat.convert(complete, 3), version=3).encode()}),
        _honest_half(course, empty, all_tests),
        *_boundary_cases(course, _notebook(course, True), all_tests),
    ]
    return cases


#: The whole submission's time budget in the hostile class (``c.SandboxedExecute.budget``).
BUDGET = 30

THREAD_SLEEPERS = '''
import threading, time
threading.stack_size(65536)
started = 0
try:
    for _ in range(5000):
        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
        started += 1
except RuntimeError as error:
    print("threads refused after", started, ":", error)
'''

THREAD_PRINTERS = '''
import threading
def talk():
    for i in range(200):
        print("thread says", i)
threads = []
try:
    for _ in range(5000):
        threads.append(threading.Thread(target=talk, daemon=True))
        threads[-1].start()
except RuntimeError as error:
    print("threads refused after", len(threads), ":", error)
'''

THREAD_POOL = '''
import concurrent.futures, time
pool = concurrent.futures.ThreadPoolExecutor(max_workers=5000)
futures = []
try:
    for _ in range(5000):
        futures.append(pool.submit(time.sleep, 30))
except RuntimeError as error:
    print("threads refused after", len(futures), ":", error)
'''

HTML_PAYLOADS = '''
from IPython.display import HTML, SVG, Javascript, display
display(HTML("<script>document.title = 'pwned-script'</script><b>bold</b>"))
display(HTML('<img src="x" onerror="document.title = \\'pwned-img\\'">'))
display(SVG('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>'))
display(Javascript("document.title = 'pwned-js'"))
'''

ONE_HUGE_WRITE = "import sys\nsys.stdout.write('x' * (300 * 2**20))\nsys.stdout.flush()"


def _order(source) -> list[str]:
    return [authoring.nbgrader_meta(c).get("grade_id") for c in source.cells]


def _graded_pairs(source) -> list[tuple[str, str, float]]:
    """(answer cell's grade id, test id, points) of every exercise and question."""
    exercises, questions = _graded_cells(source)
    return ([(e.solution_id, e.test_id, e.points) for e in exercises]
            + [(q.answer_id, q.test_id, q.points) for q in questions])


def _after(source, grade_id: str) -> set[str]:
    """The test cells whose answer comes after the cell ``grade_id``."""
    order = _order(source)
    where = order.index(grade_id)
    return {test for answer, test, _ in _graded_pairs(source) if order.index(answer) > where}


def _with_cells_after(nb, grade_id: str, *codes: str):
    nb = copy.deepcopy(nb)
    at = next(i for i, c in enumerate(nb.cells)
              if authoring.nbgrader_meta(c).get("grade_id") == grade_id)
    for code in reversed(codes):
        nb.cells.insert(at + 1, nbformat.v4.new_code_cell(code))
    return nb


def _with_added_metadata(nb, meta: dict, code: str = "print('full marks, surely')"):
    nb = _with_cell_after_imports(nb, code)
    nb.cells[2].metadata["nbgrader"] = meta
    return nb


def _second_answer(nb):
    nb = copy.deepcopy(nb)
    at = next(i for i, c in enumerate(nb.cells)
              if authoring.nbgrader_meta(c).get("grade_id") == "ex1_basic_sigmoid")
    wrong = nbformat.v4.new_code_cell("def basic_sigmoid(x):\n    return 0.0")
    wrong.metadata = copy.deepcopy(nb.cells[at].metadata)
    nb.cells.insert(at + 1, wrong)
    return nb


def _retyped(nb, grade_id: str, cell_type: str):
    nb = copy.deepcopy(nb)
    for i, c in enumerate(nb.cells):
        if authoring.nbgrader_meta(c).get("grade_id") == grade_id:
            new = (nbformat.v4.new_markdown_cell if cell_type == "markdown"
                   else nbformat.v4.new_raw_cell)(c.source)
            new.metadata = c.metadata
            nb.cells[i] = new
    return nb


def _split_first_answer(nb):
    nb = copy.deepcopy(nb)
    at = next(i for i, c in enumerate(nb.cells)
              if authoring.nbgrader_meta(c).get("grade_id") == "ex1_basic_sigmoid")
    code = nb.cells[at].source
    nb.cells[at].source = "import math"
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(code))
    return nb


def _claims(nb, **metadata):
    nb = copy.deepcopy(nb)
    nb.metadata.update(metadata)
    return nb


def _old_schema(nb):
    nb = copy.deepcopy(nb)
    for c in nb.cells:
        meta = authoring.nbgrader_meta(c)
        if meta:
            meta["schema_version"] = 1
    return nb


def _boundary_cases(course: Course, complete, all_tests: set[str]) -> list[Case]:
    """Attacks on the boundary itself: cells that claim grading metadata, cells of another
    type, other kernels, thread bombs, a time budget spent, active HTML, one huge message."""
    source = authoring.read(course.source_notebook(ASSIGNMENT))
    points = {test: p for _, test, p in _graded_pairs(source)}
    first = "test_basic_sigmoid"
    late = _after(source, "ex6_relu")
    return [
        Case("meta_unknown_id", "an added cell claiming a grade id of its own with 100 points",
             FULL, notebook=_with_added_metadata(complete, {
                 "grade": True, "grade_id": "bonus", "points": 100, "locked": False,
                 "solution": False, "schema_version": 3})),
        Case("meta_copied_test", "an added cell carrying a copy of a test's grade id",
             FULL, notebook=_with_added_metadata(complete, {
                 "grade": True, "grade_id": LAST_TEST, "points": 1, "locked": True,
                 "solution": False, "schema_version": 3})),
        # as the notebook runs top to bottom, the later of two answer cells counts
        Case("meta_second_answer", "a second, wrong answer cell with the first one's grade id",
             FULL - points[first], lost={first}, notebook=_second_answer(complete)),
        Case("retyped_answer_markdown", "the first answer cell turned into markdown",
             FULL - points[first], lost={first},
             notebook=_retyped(complete, "ex1_basic_sigmoid", "markdown")),
        Case("retyped_answer_raw", "the first answer cell turned into a raw cell",
             FULL - points[first], lost={first},
             notebook=_retyped(complete, "ex1_basic_sigmoid", "raw")),
        Case("retyped_test", "a test cell turned into markdown", FULL,
             notebook=_retyped(complete, LAST_TEST, "markdown")),
        Case("split_answer", "the first answer split in two cells", FULL,
             notebook=_split_first_answer(complete)),
        Case("other_kernel", "the notebook claims an R kernel", FULL,
             notebook=_claims(complete, kernelspec={"name": "ir", "display_name": "R",
                                                    "language": "R"},
                              language_info={"name": "R"})),
        Case("old_schema", "cells with nbgrader's schema version 1", FULL,
             notebook=_old_schema(complete)),
        Case("thread_sleepers", "5,000 sleeping threads", FULL,
             notebook=_with_cell_after_imports(complete, THREAD_SLEEPERS)),
        Case("thread_printers", "5,000 threads printing", FULL,
             notebook=_with_cell_after_imports(complete, THREAD_PRINTERS)),
        Case("thread_pool", "a pool of 5,000 threads", FULL,
             notebook=_with_cell_after_imports(complete, THREAD_POOL)),
        Case("budget_sleeps", f"five cells sleeping 7 s each, past the {BUDGET} s budget",
             FULL - sum(points[t] for t in late), lost=late, says="time budget",
             notebook=_with_cells_after(complete, "ex6_relu", *["import time\ntime.sleep(7)"] * 5)),
        Case("budget_slow_function", "relu made to sleep 6 s a call, then the budget spent",
             FULL - sum(points[t] for t in late | {"test_relu"}), lost=late | {"test_relu"},
             notebook=_with_cells_after(complete, "ex6_relu",
                                        "import time\n_relu = relu\n"
                                        "def relu(x):\n    time.sleep(6)\n    return _relu(x)",
                                        "import time\ntime.sleep(7)", "import time\ntime.sleep(7)",
                                        "import time\ntime.sleep(7)")),
        Case("html_payloads", "script, img onerror, svg onload, javascript outputs", FULL,
             notebook=_with_cell_after_imports(complete, HTML_PAYLOADS)),
        Case("one_huge_write", "one write of 300 MB", FULL, says="was dropped",
             where="notebook", notebook=_with_cell_after_imports(complete, ONE_HUGE_WRITE)),
    ]


def _honest_half(course: Course, empty, all_tests: set[str]) -> Case:
    source = authoring.read(course.source_notebook(ASSIGNMENT))
    exercises = authoring.exercises(source)
    half = exercises[: (len(exercises) + 1) // 2]
    reference = authoring.solution_code(source)
    nb = authoring.with_answers(empty, {e.solution_id: reference[e.solution_id] for e in half})
    return Case("honest_half", "the first half of the exercises", sum(e.points for e in half),
                notebook=nb, lost=all_tests - {e.test_id for e in half})


def _edited_tests(nb):
    nb = copy.deepcopy(nb)
    tests = [c for c in nb.cells if authoring.nbgrader_meta(c).get("grade")]
    for cell in tests:
        cell.source = "print('All checks passed.')"
    nb.cells = [c for c in nb.cells if c not in tests[:2]]
    return nb


def _edited_metadata(nb):
    nb = copy.deepcopy(nb)
    ids = []
    for cell in nb.cells:
        meta = authoring.nbgrader_meta(cell)
        if meta.get("grade"):
            meta["points"] = 100
            ids.append(meta["grade_id"])
    for cell in nb.cells:  # every test cell takes the next one's grade id, the first is ungraded
        meta = authoring.nbgrader_meta(cell)
        if meta.get("grade"):
            index = ids.index(meta["grade_id"])
            meta["grade_id"] = ids[(index + 1) % len(ids)]
            if index == 0:
                meta["grade"] = False
                meta["locked"] = False
        if meta.get("solution"):
            meta["grade"] = True  # answers claimed as tests
            meta["points"] = 50
    return nb


def _fake_outputs(nb):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if authoring.nbgrader_meta(cell).get("grade"):
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout",
                                                   text="All checks passed.\n")]
            cell.execution_count = 1
    return nb


def write(course: Course, cases: list[Case]) -> None:
    for case in cases:
        folder = course.submitted / case.student / ASSIGNMENT
        folder.mkdir(parents=True, exist_ok=True)
        if case.notebook is not None:
            nbformat.write(case.notebook, str(folder / "numpy_basics.ipynb"))
        for name, data in (case.files or {}).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)


def add_link_to_source(course: Course) -> Case:
    """A submission holding a symbolic link to the instructor's notebook."""
    case = Case("link_to_source", "a symbolic link to source/ beside the notebook", None,
                says="symbolic link", notebook=_notebook(course, True))
    write(course, [case])
    folder = course.submitted / case.student / ASSIGNMENT
    (folder / "answers.ipynb").symlink_to(course.source_notebook(ASSIGNMENT))
    return case


def files_digest(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}
