"""Week 3: the reference solution of the notebook reproduces the course's published figures.

The reference code is taken from the source notebook itself (its solution cells, and the given
cell that defines ``sigmoid``), run on the exactly reproduced flower data.
"""

import re
from pathlib import Path

import numpy as np
import pytest

from dlcourse import load_planar_dataset
from dlcourse.baselines import LogisticRegression
from dlcourse.grader import authoring

NOTEBOOK = (Path(__file__).resolve().parents[1] / "source" / "week3_shallow_network"
            / "shallow_network.ipynb")

# The course's figures: the accuracy of logistic regression, of the network with 4 hidden units
# after 10000 iterations, and of each hidden layer size after 5000 iterations (all in %), and the
# first costs printed while training the 4-unit network.
COURSE_BASELINE = 47.0
COURSE_N_H_4 = 90.75
COURSE_SWEEP = {1: 67.5, 2: 67.25, 3: 90.75, 4: 90.5, 5: 91.25, 20: 90.0, 50: 90.25}
# The sweep's accuracies depend on the last bits of floating-point rounding, which differ between
# processors and BLAS libraries (90.5 and 90.75 % for 20 and 50 units were seen where the course
# printed 90.0 and 90.25 %): the notebook states them within 0.75 points (3 of the 400 points),
# and so does the test.
SWEEP_TOLERANCE = 0.75
COURSE_COSTS = ["Cost after iteration 0: 0.693048", "Cost after iteration 1000: 0.288083",
                "Cost after iteration 2000: 0.254385", "Cost after iteration 3000: 0.233864",
                "Cost after iteration 4000: 0.226792", "Cost after iteration 5000: 0.222644",
                "Cost after iteration 6000: 0.219731", "Cost after iteration 7000: 0.217504"]


@pytest.fixture(scope="module")
def notebook():
    return authoring.read(NOTEBOOK)


@pytest.fixture(scope="module")
def flower():
    return load_planar_dataset()


@pytest.fixture(scope="module")
def ns(notebook, flower):
    """A namespace holding the notebook's helpers and every reference answer, as in the notebook."""
    X, Y = flower
    namespace = authoring.reference_namespace(notebook, {"np": np, "X": X, "Y": Y})
    assert "sigmoid" in namespace, "the notebook gives sigmoid in a cell of its own"
    return namespace


def accuracy(ns, parameters, X, Y):
    return float(np.mean(ns["predict"](parameters, X) == Y) * 100)


def test_points_add_up_to_what_the_introduction_says(notebook):
    exercises = authoring.exercises(notebook)
    total = sum(e.points for e in exercises)
    intro = notebook.cells[0].source
    assert re.search(rf"\*\*{len(exercises)} exercises\*\* worth \*\*{total:g} points\*\*", intro)
    for e in exercises:
        assert 1 <= e.points <= 3


def test_shapes_of_the_flower(ns):
    assert (ns["shape_X"], ns["shape_Y"], ns["m"]) == ((2, 400), (1, 400), 400)


def test_linear_baseline_as_in_the_course(flower):
    X, Y = flower
    clf = LogisticRegression().fit(X.T, Y.ravel())
    assert float(np.mean(clf.predict(X.T) == Y.ravel()) * 100) == COURSE_BASELINE


def test_four_hidden_units_10000_iterations(ns, flower, capsys):
    X, Y = flower
    parameters = ns["nn_model"](X, Y, 4, num_iterations=10000, print_cost=True)
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 10
    assert printed[:len(COURSE_COSTS)] == COURSE_COSTS
    assert accuracy(ns, parameters, X, Y) == COURSE_N_H_4


def test_hidden_layer_sizes_5000_iterations(ns, flower):
    # the whole sweep takes about 2 s: every size is tested
    X, Y = flower
    got = {n_h: accuracy(ns, ns["nn_model"](X, Y, n_h, num_iterations=5000), X, Y)
           for n_h in COURSE_SWEEP}
    off = {n_h: (got[n_h], course) for n_h, course in COURSE_SWEEP.items()
           if abs(got[n_h] - course) > SWEEP_TOLERANCE}
    assert not off, f"(got, course's) beyond {SWEEP_TOLERANCE} points: {off}"


def test_the_notebook_states_the_sweeps_tolerance(notebook):
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert f"up to {SWEEP_TOLERANCE:g} points" in text


def test_nn_model_learns_other_data(ns):
    from dlcourse.planar import load_extra_datasets

    X, Y = load_extra_datasets()["noisy_moons"]
    parameters = ns["nn_model"](X, Y, 4, num_iterations=2000)
    assert accuracy(ns, parameters, X, Y) > 90
