"""The learner-facing checks: what they accept, what they reject, and the exact messages."""

import math

import numpy as np
import pytest

from dlcourse.checks import CheckFailed, check, check_that, compare, exercise


def failure(got, expected, **kw) -> str:
    with pytest.raises(CheckFailed) as info:
        compare("f(x)", got, expected, **kw)
    return str(info.value)


def test_passing_check_prints_one_line(capsys):
    check("sigmoid(0)", 0.5, 0.5)
    assert capsys.readouterr().out == "\u2714 sigmoid(0): as expected\n"


def test_a_list_where_an_array_is_expected():
    assert failure([1.0, 2.0], np.array([1.0, 2.0])) == (
        "\u2718 f(x): wrong type\n"
        "    expected: a NumPy array of shape (2,) and dtype float64\n"
        "    got:      a list\n"
        "    likely cause: a Python list was built in a loop: use NumPy operations on the array")


def test_a_number_where_an_array_is_expected_points_at_math_functions():
    message = failure(0.7, np.array([0.7, 0.8]))
    assert "wrong type" in message and "math.* functions work on scalars only" in message


def test_integer_array_where_floats_are_expected():
    message = failure(np.array([1, 2]), np.array([1.0, 2.0]))
    assert message.splitlines()[:3] == [
        "\u2718 f(x): wrong dtype",
        "    expected: floating-point numbers (float64)",
        "    got:      int64"]


def test_dropped_dimension_suggests_keepdims():
    assert failure(np.ones(3), np.ones((3, 1))) == (
        "\u2718 f(x): wrong shape\n"
        "    expected: (3, 1)\n"
        "    got:      (3,)\n"
        "    likely cause: a dimension of size 1 was dropped: keep it with keepdims=True in a sum "
        "or max, or reshape")


def test_transposed_result_is_named():
    message = failure(np.ones((2, 3)), np.ones((3, 2)))
    assert "likely cause: the result is transposed" in message


def test_wrong_values_show_both_and_the_largest_difference():
    message = failure(np.array([1.0, 2.0, 3.5]), np.array([1.0, 2.0, 3.0]))
    assert message.splitlines()[0] == (
        "\u2718 f(x): wrong values (largest difference 0.5 at index (2,))")
    assert "expected: [1. 2. 3.]" in message and "got:      [1.  2.  3.5]" in message


def test_a_constant_factor_is_diagnosed():
    message = failure(np.array([2.0, 4.0]), np.array([1.0, 2.0]))
    assert "every value is 2 times the expected one" in message


def test_a_flipped_sign_is_diagnosed():
    assert "a sign is flipped" in failure(-0.25, 0.25)


def test_overflow_is_reported_as_non_finite():
    message = failure(np.array([np.nan, 0.5]), np.array([0.5, 0.5]))
    assert "values are not finite" in message and "numerically stable" in message


def test_a_1x1_array_is_not_a_number():
    assert failure(np.array([[0.69]]), 0.69) == (
        "\u2718 f(x): wrong type\n"
        "    expected: a float\n"
        "    got:      a NumPy array of shape (1, 1) and dtype float64\n"
        "    likely cause: the result is an array of shape (1, 1), not a number: convert it with "
        "float(...)")


def test_numpy_scalars_count_as_floats():
    compare("cost", np.float64(0.5), 0.5)
    compare("cost", math.log(2), 0.6931471805599453)


def test_int_where_float_expected_is_accepted_but_float_where_int_expected_must_be_whole():
    compare("b", 0, 0.0)
    with pytest.raises(CheckFailed, match="a whole number was expected"):
        compare("m", 2.5, 3)


def test_dict_keys_then_values():
    message = failure({"dw": np.ones(2)}, {"dw": np.ones(2), "db": 1.0})
    assert "wrong keys" in message and "missing ['db']" in message
    message = failure({"dw": np.ones(2), "db": 2.0}, {"dw": np.ones(2), "db": 1.0})
    assert message.startswith("\u2718 f(x)['db']: wrong value")


def test_tuples_by_length_then_items():
    assert "wrong number of items" in failure((1.0,), (1.0, 2.0))
    assert failure((1.0, 3.0), (1.0, 2.0)).startswith("\u2718 f(x)[1]: wrong value")
    assert "return all the values" in failure(1.0, (1.0, 2.0))


def test_tolerance_is_applied():
    compare("x", np.array([1.0 + 1e-9]), np.array([1.0]))
    with pytest.raises(CheckFailed):
        compare("x", np.array([1.001]), np.array([1.0]))
    compare("x", np.array([1.001]), np.array([1.0]), rtol=1e-2)


def test_check_that(capsys):
    check_that("b is a float", True, "b must be a Python float")
    assert "b is a float: as expected" in capsys.readouterr().out
    with pytest.raises(CheckFailed, match="b must be a Python float"):
        check_that("b is a float", False, "b must be a Python float")


def test_exercise_turns_not_implemented_into_a_clear_message(capsys):
    def sigmoid(x):
        raise NotImplementedError()

    with pytest.raises(NotImplementedError) as info:
        with exercise("sigmoid"):
            sigmoid(1)
    assert str(info.value).startswith("sigmoid is not implemented yet: write your code")
    with exercise("sigmoid"):
        pass
    assert capsys.readouterr().out == "All checks of sigmoid passed.\n"


def test_exercise_keeps_a_name_error_inside_the_learners_function():
    def sigmoid(x):
        return undefined_name  # noqa: F821

    with pytest.raises(NameError):
        with exercise("sigmoid"):
            sigmoid(1)


def test_exercise_lets_failed_checks_through():
    with pytest.raises(CheckFailed):
        with exercise("sigmoid"):
            compare("s", 1.0, 0.5)


def test_unknown_expected_type_is_a_programming_error():
    with pytest.raises(TypeError):
        compare("x", object(), object())


def test_exercise_explains_a_name_the_test_cell_needs_but_that_does_not_exist_yet():
    cell = "with exercise('dataset_shapes'):\n    compare('m_train', m_train, 209)\n"
    with pytest.raises(NotImplementedError) as info:
        exec(compile(cell, "<test cell>", "exec"), {"exercise": exercise, "compare": compare})
    assert str(info.value).startswith(
        "dataset_shapes is not implemented yet, or its cell has not run: name 'm_train' is not "
        "defined.")


def test_boolean_arrays_are_told_to_convert():
    message = failure(np.array([True, False]), np.array([1.0, 0.0]))
    assert "likely cause: a comparison gives booleans: convert them with .astype(float)" in message


def test_a_single_wrong_number_is_not_blamed_on_a_factor():
    message = failure(0.3, 0.7)
    assert "times the expected one" not in message
    assert "times the expected one" not in failure(np.array([0.0, 0.0]), np.array([1.0, 2.0]))


def test_hint_names_wrong_values_but_a_wrong_shape_keeps_its_own_cause():
    assert failure(np.ones(3), np.zeros(3), hint="use np.exp(-x)").endswith(
        "likely cause: use np.exp(-x)")
    assert "keepdims=True" in failure(np.ones(3), np.ones((3, 1)), hint="use np.exp(-x)")


@pytest.mark.parametrize("raw, cause", [
    (lambda: math.exp(np.arange(3.0)), "a math.* function (or float()) was given an array"),
    (lambda: max(0, np.arange(3.0)), "Python's if, and, or, max or min was used on an array"),
    (lambda: np.ones((2, 3)) / np.ones(2), "the shapes of two arrays do not fit"),
    (lambda: np.dot(np.ones((2, 3)), np.ones((2, 3))), "the inner dimensions of a matrix product"),
    (lambda: math.exp(1000), "math.exp of a large number"),
])
def test_exercise_explains_common_raw_errors(raw, cause):
    with pytest.raises((TypeError, ValueError, OverflowError)) as info:
        with exercise("f"):
            raw()
    assert f"likely cause: {cause}" in str(info.value)


def test_exercise_leaves_other_errors_alone():
    with pytest.raises(KeyError):
        with exercise("f"):
            {}["dw"]


def test_a_0d_array_counts_as_a_number():
    compare("cost", np.squeeze(np.array([[0.25]])), 0.25)
    assert "wrong value" in failure(np.array(0.5), 0.25)


def test_exercise_names_the_unfinished_function_it_depends_on():
    def linear_forward(A):
        raise NotImplementedError()

    def L_model_forward(A):
        return linear_forward(A)

    with pytest.raises(NotImplementedError) as info:
        with exercise("L_model_forward"):
            L_model_forward(1)
    assert str(info.value).startswith("L_model_forward cannot run yet: linear_forward, which it "
                                      "uses, is not implemented yet.")
