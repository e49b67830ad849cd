"""Planar (two-dimensional) data sets of week 3, made by seeded NumPy code.

``load_planar_dataset()`` gives the course's "flower": 400 points in two petal-shaped classes,
the very numbers of the classic course. ``load_extra_datasets()`` gives five more sets to try a
shallow network on (circles, moons, blobs, Gaussian quantiles and pure noise), written here in
NumPy so that nothing beyond NumPy is needed.

Every set is laid out as the course expects: ``X`` of shape (2, m), one column per point, and
``Y`` of shape (1, m) with labels 0 or 1. None of these functions touches NumPy's global random
state.
"""

from __future__ import annotations

import numpy as np

EXTRA_NAMES = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "no_structure")


def load_planar_dataset():
    """The course's flower: X (2, 400) float64 and Y (1, 400) uint8, 200 points per class.

    The numbers are those of the classic code, which seeds the global generator with
    ``np.random.seed(1)``; a private ``RandomState(1)`` draws the same values without changing
    the caller's random state.
    """
    rng = np.random.RandomState(1)
    m = 400  # number of examples
    N = m // 2  # points per class
    D = 2  # dimensionality
    X = np.zeros((m, D))
    Y = np.zeros((m, 1), dtype="uint8")  # labels (0 for red, 1 for blue)
    a = 4  # maximum ray of the flower
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + rng.randn(N) * 0.2  # theta
        r = a * np.sin(4 * t) + rng.randn(N) * 0.2  # radius
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def _finish(rng, X, y):
    """Shuffle the points and lay them out as X (2, m) float64, Y (1, m) uint8."""
    order = rng.permutation(len(y))
    return np.ascontiguousarray(X[order].T, dtype=float), y[order].astype("uint8").reshape(1, -1)


def _split(m):
    return m // 2, m - m // 2


def make_circles(rng, m=200, factor=0.5, noise=0.3):
    """Two concentric circles (label 1 = the inner one, radius ``factor``) with Gaussian noise."""
    n_out, n_in = _split(m)
    t_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    t_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.r_[np.c_[np.cos(t_out), np.sin(t_out)], factor * np.c_[np.cos(t_in), np.sin(t_in)]]
    y = np.r_[np.zeros(n_out), np.ones(n_in)]
    return _finish(rng, X + rng.normal(scale=noise, size=X.shape), y)


def make_moons(rng, m=200, noise=0.2):
    """Two interleaving half circles with Gaussian noise."""
    n_out, n_in = _split(m)
    t_out = np.linspace(0, np.pi, n_out)
    t_in = np.linspace(0, np.pi, n_in)
    X = np.r_[np.c_[np.cos(t_out), np.sin(t_out)], np.c_[1 - np.cos(t_in), 0.5 - np.sin(t_in)]]
    y = np.r_[np.zeros(n_out), np.ones(n_in)]
    return _finish(rng, X + rng.normal(scale=noise, size=X.shape), y)


def make_blobs(rng, m=200, centers=6, std=1.0, box=(-10.0, 10.0)):
    """``centers`` Gaussian blobs with centres drawn in ``box``; label = blob index % 2."""
    where = rng.uniform(box[0], box[1], size=(centers, 2))
    counts = np.full(centers, m // centers)
    counts[: m % centers] += 1
    blob = np.repeat(np.arange(centers), counts)
    X = where[blob] + rng.normal(scale=std, size=(m, 2))
    return _finish(rng, X, blob % 2)


def make_gaussian_quantiles(rng, m=200, cov=0.5):
    """A 2-D Gaussian cut by distance from its centre: the nearer half 0, the farther half 1."""
    X = rng.normal(scale=np.sqrt(cov), size=(m, 2))
    order = np.argsort(np.sum(X**2, axis=1), kind="stable")
    y = np.zeros(m)
    y[order[m // 2:]] = 1
    return _finish(rng, X, y)


def make_no_structure(rng, m=200):
    """Uniform points in the unit square with labels drawn at random: nothing to learn."""
    return _finish(rng, rng.random((m, 2)), rng.integers(0, 2, size=m))


def load_extra_datasets(seed=1, m=200):
    """Five more planar sets, each a pair ``(X, Y)`` with X (2, m) float64 and Y (1, m) uint8.

    Returns a dict with the keys ``"noisy_circles"``, ``"noisy_moons"``, ``"blobs"``,
    ``"gaussian_quantiles"`` and ``"no_structure"``. The same ``seed`` gives the same numbers;
    each set has its own generator, so each is unchanged whatever the others draw.
    """
    makers = (make_circles, make_moons, make_blobs, make_gaussian_quantiles, make_no_structure)
    return {
        name: make(np.random.default_rng([seed, k]), m)
        for k, (name, make) in enumerate(zip(EXTRA_NAMES, makers, strict=True))
    }
