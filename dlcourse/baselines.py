"""Reference models to compare a network with: what a simpler method achieves on the same data.

``LogisticRegression`` is a linear classifier (a straight-line decision boundary in the plane),
used in week 3 to show what a linear model can and cannot do on the planar "flower" data::

    from dlcourse.baselines import LogisticRegression

    clf = LogisticRegression()
    clf.fit(X.T, Y.ravel())          # examples in rows, as scikit-learn's models take them
    accuracy = clf.score(X.T, Y.ravel())

It is fitted by Newton's method (iteratively reweighted least squares) on the log-loss with a
small L2 penalty on the weights, the penalty keeping the weights finite when the two classes can
be separated by a line. Newton's method uses the second derivatives of the loss and converges in a
handful of steps; it is not the gradient descent the course asks you to write.
"""

from __future__ import annotations

import numpy as np

__all__ = ["LogisticRegression"]


def _as_rows(X, n_features: int | None = None) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array with one example per row, got shape {X.shape}")
    if n_features is not None and X.shape[1] != n_features:
        hint = (" (examples in columns? pass X.T)" if X.shape[0] == n_features else "")
        raise ValueError(f"X has {X.shape[1]} features per row, the model was fitted with "
                         f"{n_features}{hint}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X holds values that are not finite (nan or inf)")
    return X


def _as_labels(y, m: int) -> np.ndarray:
    y = np.asarray(y)
    if y.size != m or (y.ndim == 2 and 1 not in y.shape) or y.ndim > 2:
        raise ValueError(f"y must hold one label per example ({m}), got shape {y.shape}")
    y = y.ravel()
    if not np.all(np.isin(y, (0, 1))):
        raise ValueError(f"y must hold the labels 0 and 1 only, got {np.unique(y)[:10]}")
    return y.astype(np.float64)


def _log1pexp(z: np.ndarray) -> np.ndarray:
    """log(1 + e^z), without overflow for large z."""
    return np.logaddexp(0.0, z)


class LogisticRegression:
    """Binary logistic regression with an L2 penalty, fitted by Newton's method.

    The model predicts ``P(y = 1 | x) = 1 / (1 + exp(-(x . coef_ + intercept_)))``. Fitting
    minimises ``sum_i log-loss_i + l2 / 2 * ||coef_||^2`` (the intercept is not penalised) with
    Newton steps and a backtracking line search, until no parameter moves by more than ``tol``.

    Parameters
    ----------
    l2 : float
        Strength of the L2 penalty on the weights (0 for none; then separable data make the
        weights grow until ``max_iter``).
    max_iter : int
        Most Newton steps taken.
    tol : float
        Stop when the largest change of a parameter in one step is below this.

    Attributes (after ``fit``): ``coef_`` (1, n_features), ``intercept_`` (1,), ``n_iter_``.
    """

    def __init__(self, l2: float = 1e-2, max_iter: int = 100, tol: float = 1e-10):
        if l2 < 0:
            raise ValueError(f"l2 must be >= 0, got {l2}")
        self.l2 = float(l2)
        self.max_iter = int(max_iter)
        self.tol = float(tol)

    def _objective(self, w, Xb, y):
        z = Xb @ w
        return float(np.sum(_log1pexp(z) - y * z) + 0.5 * self.l2 * np.sum(w[1:] ** 2))

    def fit(self, X, y) -> LogisticRegression:
        """Fit to ``X`` (m, n_features), one example per row, and labels ``y`` (m values 0/1)."""
        X = _as_rows(X)
        m, n = X.shape
        y = _as_labels(y, m)
        Xb = np.hstack([np.ones((m, 1)), X])
        penalty = np.full(n + 1, self.l2)
        penalty[0] = 0.0  # the intercept is not penalised
        w = np.zeros(n + 1)
        loss = self._objective(w, Xb, y)
        self.n_iter_ = 0
        for _ in range(self.max_iter):
            z = Xb @ w
            p = np.exp(-_log1pexp(-z))  # P(y = 1), computed without overflow
            gradient = Xb.T @ (p - y) + penalty * w
            weights = p * (1.0 - p)
            hessian = (Xb * weights[:, None]).T @ Xb + np.diag(penalty)
            hessian += 1e-12 * np.eye(n + 1)  # keeps it invertible when every p is 0 or 1
            step = np.linalg.solve(hessian, gradient)
            t = 1.0
            while t > 1e-10:  # backtracking: never let the penalised loss go up
                candidate = w - t * step
                new_loss = self._objective(candidate, Xb, y)
                if new_loss <= loss + 1e-12 * abs(loss):
                    break
                t *= 0.5
            self.n_iter_ += 1
            moved = np.max(np.abs(candidate - w))
            w, loss = candidate, new_loss
            if moved < self.tol:
                break
        self.intercept_ = w[:1].copy()
        self.coef_ = w[1:].reshape(1, n).copy()
        return self

    def _fitted(self):
        if not hasattr(self, "coef_"):
            raise RuntimeError("this LogisticRegression is not fitted yet: call fit(X, y) first")

    def decision_function(self, X) -> np.ndarray:
        """``x . coef_ + intercept_`` for every row of ``X``: positive means class 1."""
        self._fitted()
        X = _as_rows(X, self.coef_.shape[1])
        return X @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X) -> np.ndarray:
        """(m, 2) array: the probabilities of class 0 and of class 1 for every row of ``X``."""
        z = self.decision_function(X)
        p1 = np.exp(-_log1pexp(-z))
        return np.column_stack([1.0 - p1, p1])

    def predict(self, X) -> np.ndarray:
        """The predicted label, 0 or 1 (int), of every row of ``X``."""
        return (self.decision_function(X) > 0).astype(np.int64)

    def score(self, X, y) -> float:
        """The fraction of the rows of ``X`` whose label is predicted correctly."""
        X = _as_rows(X)
        y = _as_labels(y, X.shape[0])
        return float(np.mean(self.predict(X) == y))

    def __repr__(self) -> str:
        return f"LogisticRegression(l2={self.l2}, max_iter={self.max_iter}, tol={self.tol})"
