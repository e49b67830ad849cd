"""Pictures of what a classifier learned: decision boundaries in the plane, and learning curves.

``plot_decision_boundary(predict_fn, X, y)`` colours the plane by the label a model predicts at
each point, then draws the data on top, as in the course::

    from dlcourse.plots import plot_decision_boundary

    plot_decision_boundary(lambda x: predict(parameters, x.T), X, Y)

``X`` holds one example per **column** (shape (2, m)), ``y`` the labels (shape (1, m) or (m,)),
and ``predict_fn`` receives the points of a grid one per **row** (shape (k, 2)) and returns one
label per point.

``plot_costs(costs, every=100)`` draws a learning curve: the cost recorded every ``every``
iterations of gradient descent.
"""

from __future__ import annotations

import numpy as np

__all__ = ["plot_decision_boundary", "plot_costs"]


def _axes(ax):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.gca()


def _grid(X, margin: float, resolution: int):
    """A regular grid covering the data plus ``margin``, ``resolution`` points on its long side."""
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    step = max(x_max - x_min, y_max - y_min) / max(int(resolution) - 1, 1)
    if step <= 0:  # a single point and no margin
        step = 1.0
    xs = np.arange(x_min, x_max + step / 2, step)
    ys = np.arange(y_min, y_max + step / 2, step)
    return np.meshgrid(xs, ys)


def plot_decision_boundary(predict_fn, X, y, ax=None, *, margin: float = 1.0,
                           resolution: int = 300, cmap="Spectral", title: str | None = None,
                           s: float = 20):
    """Colour the plane by ``predict_fn``'s label at each point and scatter the data over it.

    Parameters
    ----------
    predict_fn : callable
        Maps an array of points of shape (k, 2), one point per row, to k labels (any shape
        holding k values: (k,), (k, 1) or (1, k); booleans, integers or floats).
    X : array of shape (2, m)
        The data, one example per column.
    y : array of m labels, shape (1, m) or (m,)
        The colours of the data points.
    ax : matplotlib Axes, optional
        Where to draw (default: the current axes).
    margin : float
        How far the coloured region reaches beyond the data, on every side.
    resolution : int
        Number of grid points along the longer side of the region (the grid is square-meshed).
    cmap, title, s
        Colour map, title of the axes, and size of the data points.

    Returns the Axes drawn on.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] != 2:
        hint = " (one example per row? pass X.T)" if X.ndim == 2 and X.shape[1] == 2 else ""
        raise ValueError(f"X must have shape (2, m), one example per column, got {X.shape}{hint}")
    y = np.asarray(y)
    if y.size != X.shape[1]:
        raise ValueError(f"y must hold one label per column of X ({X.shape[1]}), "
                         f"got shape {y.shape}")
    xx, yy = _grid(X, margin, resolution)
    points = np.c_[xx.ravel(), yy.ravel()]
    Z = np.asarray(predict_fn(points))
    if Z.size != points.shape[0]:
        raise ValueError(f"predict_fn was given {points.shape[0]} points (an array of shape "
                         f"{points.shape}, one point per row) and returned an array of shape "
                         f"{Z.shape}: it must return one label per point")
    Z = Z.reshape(xx.shape).astype(np.float64)
    labels = y.ravel().astype(np.float64)
    # one colour scale for the regions and the points, so that a label has the same colour in both
    vmin = min(np.nanmin(Z), labels.min())
    vmax = max(np.nanmax(Z), labels.max())
    ax = _axes(ax)
    ax.contourf(xx, yy, Z, cmap=cmap, vmin=vmin, vmax=vmax)
    ax.scatter(X[0], X[1], c=labels, cmap=cmap, vmin=vmin, vmax=vmax, s=s, edgecolors="k",
               linewidths=0.3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title is not None:
        ax.set_title(title)
    return ax


def plot_costs(costs, every: int = 100, ax=None, *, learning_rate=None, label=None,
               title: str | None = None, logy: bool = False):
    """Draw a learning curve: ``costs[i]`` recorded after ``i * every`` iterations.

    ``costs`` is a sequence of numbers (Python floats, NumPy scalars, or 1-element arrays).
    ``learning_rate`` goes into the default title; ``label`` names the curve in a legend (call it
    once per curve on the same ``ax`` to compare runs); ``logy`` uses a logarithmic cost axis.
    Returns the Axes drawn on.
    """
    values = np.array([float(np.squeeze(c)) for c in costs], dtype=np.float64)
    ax = _axes(ax)
    ax.plot(np.arange(values.size) * every, values, label=label)
    ax.set_xlabel("iterations")
    ax.set_ylabel("cost")
    if logy:
        ax.set_yscale("log")
    if title is None and learning_rate is not None:
        title = f"learning rate = {learning_rate}"
    if title is not None:
        ax.set_title(title)
    if label is not None:
        ax.legend()
    return ax
