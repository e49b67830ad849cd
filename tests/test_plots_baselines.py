"""dlcourse.plots (decision boundaries, learning curves), dlcourse.baselines (a linear model)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlcourse.baselines import LogisticRegression  # noqa: E402
from dlcourse.plots import plot_costs, plot_decision_boundary  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def two_clouds(m=60, seed=0, gap=3.0):
    """(2, m) points in two Gaussian clouds, labels (1, m): class 1 is shifted by ``gap``."""
    rng = np.random.default_rng(seed)
    y = (np.arange(m) % 2).reshape(1, m)
    X = rng.standard_normal((2, m)) + gap * y
    return X, y


# --- the linear baseline ---------------------------------------------------------------------

def test_baseline_on_the_flower_is_no_better_than_chance():
    from dlcourse import load_planar_dataset

    X, Y = load_planar_dataset()
    clf = LogisticRegression().fit(X.T, Y.ravel())
    predictions = clf.predict(X.T)
    assert predictions.shape == (400,)
    assert np.mean(predictions == Y.ravel()) == pytest.approx(0.47)  # the course's 47 %
    assert clf.score(X.T, Y.T) == pytest.approx(0.47)


def test_baseline_reaches_the_penalised_optimum():
    X, y = two_clouds(gap=1.0)
    clf = LogisticRegression(l2=0.5).fit(X.T, y.ravel())
    w = np.r_[clf.intercept_, clf.coef_[0]]
    Xb = np.c_[np.ones(X.shape[1]), X.T]
    p = 1 / (1 + np.exp(-(Xb @ w)))
    gradient = Xb.T @ (p - y.ravel()) + 0.5 * np.r_[0.0, w[1:]]
    assert np.max(np.abs(gradient)) < 1e-8
    assert clf.n_iter_ < 20  # Newton's method: a few steps
    np.testing.assert_allclose(clf.predict_proba(X.T)[:, 1], p, rtol=1e-12)
    np.testing.assert_allclose(clf.predict_proba(X.T).sum(axis=1), 1.0)


def test_baseline_separable_data_keeps_finite_weights():
    X, y = two_clouds(gap=12.0)
    clf = LogisticRegression().fit(X.T, y.ravel())
    assert np.all(np.isfinite(clf.coef_)) and np.all(np.isfinite(clf.intercept_))
    assert clf.score(X.T, y.ravel()) == 1.0
    far = np.array([[1e6, 1e6], [-1e6, -1e6]])
    assert clf.predict(far).tolist() == [1, 0]
    assert np.all(np.isfinite(clf.predict_proba(far)))


@pytest.mark.parametrize("shape", [(60,), (1, 60), (60, 1)])
def test_baseline_accepts_labels_in_any_vector_shape(shape):
    X, y = two_clouds()
    clf = LogisticRegression().fit(X.T, y.reshape(shape).astype(bool))
    assert clf.coef_.shape == (1, 2) and clf.intercept_.shape == (1,)
    assert clf.predict(X.T).dtype.kind == "i"


def test_baseline_says_what_is_wrong_with_its_inputs():
    X, y = two_clouds()
    with pytest.raises(RuntimeError, match="not fitted"):
        LogisticRegression().predict(X.T)
    with pytest.raises(ValueError, match="0 and 1"):
        LogisticRegression().fit(X.T, 2 * y.ravel())
    with pytest.raises(ValueError, match="one label per example"):
        LogisticRegression().fit(X.T, y.ravel()[:-1])
    clf = LogisticRegression().fit(X.T, y.ravel())
    with pytest.raises(ValueError, match="pass X.T"):
        clf.predict(np.zeros((2, 5)))
    with pytest.raises(ValueError, match="l2"):
        LogisticRegression(l2=-1)


# --- decision boundaries ---------------------------------------------------------------------

def test_boundary_asks_for_labels_of_a_grid_covering_the_data():
    X, y = two_clouds()
    seen = []

    def predict_fn(points):
        seen.append(points)
        return points[:, 0] > 1.5

    ax = plot_decision_boundary(predict_fn, X, y, margin=1.0, resolution=50, title="t")
    (points,) = seen
    assert points.ndim == 2 and points.shape[1] == 2
    assert points[:, 0].min() == pytest.approx(X[0].min() - 1.0)
    assert points[:, 1].min() == pytest.approx(X[1].min() - 1.0)
    assert points[:, 0].max() >= X[0].max() + 1.0 - 1e-9
    assert points[:, 1].max() >= X[1].max() + 1.0 - 1e-9
    assert points.shape[0] <= 51 * 51  # the resolution bounds the work asked of the model
    assert ax.get_title() == "t" and len(ax.collections) == 2  # the regions and the points


@pytest.mark.parametrize("reshape", [
    lambda z: z, lambda z: z.reshape(-1, 1), lambda z: z.reshape(1, -1),
    lambda z: z.astype(np.float64), lambda z: z.astype(np.uint8)])
def test_boundary_accepts_labels_in_any_vector_shape(reshape):
    X, y = two_clouds()
    plot_decision_boundary(lambda p: reshape(p[:, 1] > 1.5), X, y.ravel(), resolution=40)


def test_boundary_draws_on_the_given_axes_and_a_constant_model():
    X, y = two_clouds()
    fig, axes = plt.subplots(1, 2)
    got = plot_decision_boundary(lambda p: np.zeros(len(p)), X, y, ax=axes[1], resolution=30)
    assert got is axes[1] and len(axes[0].collections) == 0


def test_boundary_explains_wrong_shapes():
    X, y = two_clouds()
    with pytest.raises(ValueError, match="pass X.T"):
        plot_decision_boundary(lambda p: p[:, 0] > 0, X.T, y)
    with pytest.raises(ValueError, match="one label per column"):
        plot_decision_boundary(lambda p: p[:, 0] > 0, X, y[:, :-1])
    with pytest.raises(ValueError, match="one label per point"):
        plot_decision_boundary(lambda p: p.T > 0, X, y, resolution=20)


def test_boundary_of_the_baseline_is_a_straight_line():
    X, y = two_clouds(gap=1.5)
    clf = LogisticRegression().fit(X.T, y.ravel())
    plot_decision_boundary(clf.predict, X, y, resolution=40)


# --- learning curves -------------------------------------------------------------------------

def test_costs_are_drawn_against_iterations():
    costs = [0.69, np.float64(0.5), np.array([[0.4]]), np.array(0.35)]
    ax = plot_costs(costs, every=100, learning_rate=0.005)
    (line,) = ax.get_lines()
    np.testing.assert_allclose(line.get_xdata(), [0, 100, 200, 300])
    np.testing.assert_allclose(line.get_ydata(), [0.69, 0.5, 0.4, 0.35])
    assert ax.get_title() == "learning rate = 0.005"
    assert ax.get_xlabel() == "iterations" and ax.get_ylabel() == "cost"


def test_costs_of_several_runs_share_axes_with_a_legend():
    fig, ax = plt.subplots()
    plot_costs([1.0, 0.5], every=10, ax=ax, label="a")
    plot_costs([1.0, 0.2], every=10, ax=ax, label="b", logy=True)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]
    assert ax.get_yscale() == "log"
