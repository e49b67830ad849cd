"""The authoring rule the grader relies on: a check's expected value is computed from the test's
own inputs, never from a learner's value. `dlcourse check` reads every test cell for it."""

import pytest
from toycourse import SETUP, cell, notebook

from dlcourse.grader import authoring, rules
from dlcourse.grader.course import Course

LEARNER = {"forward", "params", "answer"}


@pytest.mark.parametrize("code", [
    # the expected value is a reference computation on what the learner's function returned
    "_p = init(3)\n_got = forward(_p)\ncheck('f', _got, _ref_forward(_p))\n"
    "_p = params\ncheck('f', forward(_p), _ref_forward(_p))",
    # through an intermediate name
    "_out = forward(_x)\n_cache = _out[1]\ncheck('backward', backward(_cache), _ref(_cache))",
    # through a loop variable
    "for _v in forward(_x):\n    check('item', _v, _ref(_v))",
    # a learner's cell's value as the yardstick, by keyword
    "check('shape', _mine.shape, expected=params['W1'].shape)",
], ids=["reference-on-learner-params", "intermediate", "loop", "keyword"])
def test_expected_values_from_learner_values_are_found(code):
    assert rules.expected_value_problems(code, LEARNER)


@pytest.mark.parametrize("code", [
    "_x = np.ones(3)\ncheck('f', forward(_x), _ref_forward(_x))",
    # a name a learner's cell also defines, rebound by the test from its own values
    "params = {'W1': np.ones((2, 2))}\ncheck('f', forward(params), _ref_forward(params))",
    "got, (after,), _ = arguments_after(forward, _x)\ncheck('unchanged', after, _x)",
], ids=["own-inputs", "rebound", "arguments-after"])
def test_expected_values_from_the_tests_own_inputs_pass(code):
    assert rules.expected_value_problems(code, LEARNER) == []


def test_the_course_follows_the_rule(course: Course):
    for assignment in course.assignments():
        nb = authoring.read(course.source_notebook(assignment))
        assert rules.notebook_problems(nb) == [], assignment


def test_notebook_problems_names_the_test_cell():
    nb = notebook(cell(SETUP), cell("def forward(p):\n    return p", "ex1_forward", solution=True),
                  cell("_r = forward(2.0)\ncheck('twice', forward(_r), 2 * _r)", "test_forward",
                       grade=True, points=1))
    [problem] = rules.notebook_problems(nb)
    assert problem.startswith("test_forward, line 2:") and "_r" in problem
