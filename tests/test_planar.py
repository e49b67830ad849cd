"""The planar data sets of week 3: the course's flower, exactly, and the five extra sets."""

import numpy as np
import pytest

from dlcourse.planar import EXTRA_NAMES, load_extra_datasets, load_planar_dataset


def reference_flower():
    """The classic course's code, as published (it seeds the global generator)."""
    np.random.seed(1)
    m = 400
    N = int(m / 2)
    D = 2
    X = np.zeros((m, D))
    Y = np.zeros((m, 1), dtype="uint8")
    a = 4
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def test_flower_equals_the_reference_code():
    state = np.random.get_state()
    try:
        X_ref, Y_ref = reference_flower()
    finally:
        np.random.set_state(state)
    X, Y = load_planar_dataset()
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert Y.shape == (1, 400) and Y.dtype == np.uint8
    np.testing.assert_array_equal(X, X_ref)
    np.testing.assert_array_equal(Y, Y_ref)


def test_flower_pinned_values():
    X, Y = load_planar_dataset()
    np.testing.assert_allclose(
        X[:, :3],
        [[1.204442292254319, 0.15870990398255372, 0.09524719604502052],
         [3.5761141481288448, -1.4821709003683443, -1.2799553276531797]],
        rtol=1e-12,
    )
    np.testing.assert_allclose(X[:, -1], [0.7307808250007513, 3.0683292081876545], rtol=1e-12)
    assert np.bincount(Y.ravel()).tolist() == [200, 200]
    assert (Y[0, :200] == 0).all() and (Y[0, 200:] == 1).all()


def test_loaders_leave_the_global_random_state_alone():
    np.random.seed(123)
    expected = np.random.rand(3)
    np.random.seed(123)
    load_planar_dataset()
    load_extra_datasets()
    np.testing.assert_array_equal(np.random.rand(3), expected)


@pytest.mark.parametrize("m", [200, 51])
def test_extra_datasets_shapes_and_labels(m):
    sets = load_extra_datasets(m=m)
    assert tuple(sets) == EXTRA_NAMES
    for name, (X, Y) in sets.items():
        assert X.shape == (2, m) and X.dtype == np.float64, name
        assert Y.shape == (1, m), name
        assert set(np.unique(Y).tolist()) == {0, 1}, name
        assert np.isfinite(X).all(), name
        counts = np.bincount(Y.ravel())
        assert counts.min() >= m // 4, (name, counts)  # both classes well represented


def test_extra_datasets_are_deterministic():
    a, b, c = load_extra_datasets(seed=3), load_extra_datasets(seed=3), load_extra_datasets(seed=4)
    for name in EXTRA_NAMES:
        np.testing.assert_array_equal(a[name][0], b[name][0])
        np.testing.assert_array_equal(a[name][1], b[name][1])
        assert not np.array_equal(a[name][0], c[name][0]), name


def test_extra_datasets_have_their_shapes():
    sets = load_extra_datasets()
    X, Y = sets["noisy_circles"]
    radius = np.linalg.norm(X, axis=0)
    assert radius[Y[0] == 1].mean() < radius[Y[0] == 0].mean()  # inner circle is class 1
    X, Y = sets["gaussian_quantiles"]
    radius = np.linalg.norm(X, axis=0)
    assert radius[Y[0] == 1].min() >= radius[Y[0] == 0].max()  # outer half is class 1
    X, _ = sets["no_structure"]
    assert X.min() >= 0 and X.max() < 1
    X, Y = sets["noisy_moons"]
    assert X[1, Y[0] == 0].mean() > X[1, Y[0] == 1].mean()  # upper moon is class 0
