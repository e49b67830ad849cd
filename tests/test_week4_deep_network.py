"""Week 4's reference solution keeps the promises its notebook makes, on the shipped data.

The functions are the notebook's own: its given helpers and the reference solution of every
exercise, executed into one namespace. The checks:

* the gradient check of a correct backward pass is below 1e-7, on an L-layer network for several
  depths (L = 1 to 5), and far above it for a backward pass with one gradient halved;
* the 4-layer network [12288, 20, 7, 5, 1], trained as the notebook trains it, beats logistic
  regression (the L = 1 network [12288, 1], trained as the notebook trains it) on the test pictures.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dlcourse import load_cat_dataset
from dlcourse.grader import authoring

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "source" / "week4_deep_network" / "deep_network.ipynb"


@pytest.fixture(scope="module")
def ref():
    """The notebook's given functions and reference solutions, in one namespace."""
    return authoring.reference_namespace(authoring.read(NOTEBOOK), {"np": np})


@pytest.fixture(scope="module")
def data():
    train_x_orig, train_y, test_x_orig, test_y, _ = load_cat_dataset(ROOT / "datasets")
    flatten = lambda x: x.reshape(x.shape[0], -1).T / 255.  # noqa: E731
    return flatten(train_x_orig), train_y, flatten(test_x_orig), test_y


def _small_problem(dims, seed, m=6):
    rs = np.random.RandomState(seed)
    parameters = {}
    for layer in range(1, len(dims)):
        parameters[f"W{layer}"] = rs.randn(dims[layer], dims[layer - 1]) / np.sqrt(dims[layer - 1])
        parameters[f"b{layer}"] = rs.randn(dims[layer], 1) * 0.1
    X = rs.randn(dims[0], m)
    Y = (rs.rand(1, m) > 0.5).astype(int)
    return parameters, X, Y


@pytest.mark.parametrize("dims", [[4, 5, 3, 1], [3, 1], [5, 4, 4, 3, 3, 1]])
def test_gradient_check_passes_a_correct_backward_pass(ref, dims):
    difference = ref["gradient_check"](*_small_problem(dims, seed=len(dims)))
    assert isinstance(difference, float)
    assert difference < 1e-7


def test_gradient_check_catches_a_halved_gradient(ref):
    problem = _small_problem([4, 5, 3, 1], seed=3)
    correct = ref["L_model_backward"]

    def halved(AL, Y, caches):
        grads = correct(AL, Y, caches)
        grads["dW1"] = grads["dW1"] / 2
        return grads

    ref["L_model_backward"] = halved  # gradient_check looks the name up in its namespace
    try:
        difference = ref["gradient_check"](*problem)
    finally:
        ref["L_model_backward"] = correct
    assert difference > 1e-3


def _test_accuracy(ref, data, layers_dims, learning_rate, num_iterations):
    train_x, train_y, test_x, test_y = data
    parameters, costs = ref["L_layer_model"](train_x, train_y, layers_dims,
                                             learning_rate=learning_rate,
                                             num_iterations=num_iterations)
    assert costs[-1] < costs[0]
    AL, _ = ref["L_model_forward"](test_x, parameters)
    return float(np.mean((AL > 0.5) == test_y))


def test_four_layers_beat_logistic_regression_on_the_test_pictures(ref, data):
    # the notebook's runs: 2500 iterations at 0.0075, and 2000 at 0.005 for logistic regression
    deep = _test_accuracy(ref, data, [12288, 20, 7, 5, 1], 0.0075, 2500)
    logistic = _test_accuracy(ref, data, [12288, 1], 0.005, 2000)
    assert deep > logistic, f"4-layer test accuracy {deep:.1%}, logistic regression {logistic:.1%}"
