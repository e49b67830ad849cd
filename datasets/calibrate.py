"""Check that the shipped cat data tells the course's story.

Loads ``train_catvnoncat.h5`` / ``test_catvnoncat.h5`` through ``dlcourse.load_cat_dataset``
and trains, with the course's own hyperparameters and NumPy code of its own:

* logistic regression (week 2): zero initialisation, 2000 iterations of batch gradient
  descent, learning rate 0.005;
* the 4-layer network [12288, 20, 7, 5, 1] (week 4): ReLU hidden layers, sigmoid output,
  ``np.random.seed(1)`` then ``randn(n_l, n_prev) / sqrt(n_prev)`` for W1, b1, W2, ..., zero
  biases, 2500 iterations of gradient descent at learning rate 0.0075 on the cross-entropy cost.

The inputs are flattened to (12288, m) and divided by 255. The data set is calibrated so that
logistic regression overfits (train >= 95 %, test 60-80 %) and the deep network beats it on the
test set by at least 5 points. Exits with status 1 if a target is missed.

With ``--two-layer`` it also trains week 4's two-layer model [12288, 7, 1] (weights
``randn * 0.01`` after ``np.random.seed(1)``, 2500 iterations, learning rate 0.0075), for
reference only.

Usage (from the repository root)::

    python datasets/calibrate.py [--data-dir DIR] [--two-layer]

Training takes a few tens of seconds; on a busy machine, ``OPENBLAS_NUM_THREADS=1`` (or
``OMP_NUM_THREADS=1``) keeps NumPy from fighting other programs for the cores.
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def flatten(x):
    """(m, 64, 64, 3) uint8 pictures -> (12288, m) floats in [0, 1]."""
    return x.reshape(x.shape[0], -1).T / 255.0


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def logistic_regression(X, Y, num_iterations=2000, learning_rate=0.005):
    """Week 2's model: returns (w, b) after batch gradient descent from zeros."""
    m = X.shape[1]
    w = np.zeros((X.shape[0], 1))
    b = 0.0
    for _ in range(num_iterations):
        A = sigmoid(w.T @ X + b)
        dZ = A - Y
        w -= learning_rate * (X @ dZ.T) / m
        b -= learning_rate * np.sum(dZ) / m
    return w, b


def predict_logistic(w, b, X):
    return (sigmoid(w.T @ X + b) > 0.5).astype(int)


def deep_network(X, Y, layer_dims=(12288, 20, 7, 5, 1), num_iterations=2500,
                 learning_rate=0.0075, init_scale=None):
    """Week 4's L-layer model, with the course's initialisation and backward formulas.

    Weights are ``randn(n_l, n_prev) / sqrt(n_prev)`` drawn after ``np.random.seed(1)``, or
    ``randn(n_l, n_prev) * init_scale`` when ``init_scale`` is given (the course's two-layer
    model uses 0.01).
    """
    rng = np.random.RandomState(1)  # the same numbers as np.random.seed(1); np.random.randn
    params = []
    for n_prev, n in zip(layer_dims[:-1], layer_dims[1:], strict=True):
        W = rng.randn(n, n_prev)
        W = W * init_scale if init_scale is not None else W / np.sqrt(n_prev)
        params.append([W, np.zeros((n, 1))])
    m = X.shape[1]
    cost = None
    for _ in range(num_iterations):
        caches = []
        A = X
        for i, (W, b) in enumerate(params):
            Z = W @ A + b
            caches.append((A, Z))
            A = sigmoid(Z) if i == len(params) - 1 else np.maximum(0, Z)
        cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
        dA = -(np.divide(Y, A) - np.divide(1 - Y, 1 - A))
        for i in reversed(range(len(params))):
            A_prev, Z = caches[i]
            W, b = params[i]
            if i == len(params) - 1:
                s = sigmoid(Z)
                dZ = dA * s * (1 - s)
            else:
                dZ = np.array(dA, copy=True)
                dZ[Z <= 0] = 0
            dW = dZ @ A_prev.T / m
            db = np.sum(dZ, axis=1, keepdims=True) / m
            if i > 0:
                dA = W.T @ dZ
            params[i][0] = W - learning_rate * dW
            params[i][1] = b - learning_rate * db
    return params, cost


def predict_deep(params, X):
    A = X
    for i, (W, b) in enumerate(params):
        Z = W @ A + b
        A = sigmoid(Z) if i == len(params) - 1 else np.maximum(0, Z)
    return (A > 0.5).astype(int)


def accuracy(pred, Y):
    return 100.0 * float(np.mean(pred == Y))


def evaluate(train_x, train_y, test_x, test_y, deep=True, two_layer=False):
    """Train the models; returns a dict of accuracies (percent) and seconds taken."""
    X, Xt = flatten(train_x), flatten(test_x)
    out = {}
    start = time.perf_counter()
    w, b = logistic_regression(X, train_y)
    out["lr_train"] = accuracy(predict_logistic(w, b, X), train_y)
    out["lr_test"] = accuracy(predict_logistic(w, b, Xt), test_y)
    out["lr_seconds"] = time.perf_counter() - start
    if deep:
        start = time.perf_counter()
        params, cost = deep_network(X, train_y)
        out["dnn_train"] = accuracy(predict_deep(params, X), train_y)
        out["dnn_test"] = accuracy(predict_deep(params, Xt), test_y)
        out["dnn_cost"] = cost
        out["dnn_seconds"] = time.perf_counter() - start
    if two_layer:
        start = time.perf_counter()
        params, cost = deep_network(X, train_y, (X.shape[0], 7, 1), init_scale=0.01)
        out["two_train"] = accuracy(predict_deep(params, X), train_y)
        out["two_test"] = accuracy(predict_deep(params, Xt), test_y)
        out["two_seconds"] = time.perf_counter() - start
    return out


def targets_met(r):
    return (r["lr_train"] >= 95 and 60 <= r["lr_test"] <= 80
            and r["dnn_test"] >= r["lr_test"] + 5)


def main(argv=None):
    from dlcourse import load_cat_dataset

    parser = argparse.ArgumentParser(description="Train the course's models on the cat data.")
    parser.add_argument("--data-dir", default=None, help="folder of the two .h5 files")
    parser.add_argument("--two-layer", action="store_true",
                        help="also train week 4's two-layer model [12288, 7, 1] (no target)")
    args = parser.parse_args(argv)
    train_x, train_y, test_x, test_y, classes = load_cat_dataset(args.data_dir)
    print(f"train: {train_x.shape[0]} pictures ({int(train_y.sum())} cats), "
          f"test: {test_x.shape[0]} pictures ({int(test_y.sum())} cats), classes {classes}")
    r = evaluate(train_x, train_y, test_x, test_y, two_layer=args.two_layer)

    def line(name, key, extra=""):
        print(f"{name:<44} train {r[key + '_train']:5.1f} %   test {r[key + '_test']:5.1f} %   "
              f"({r[key + '_seconds']:.1f} s{extra})")

    line("logistic regression (2000 it., lr 0.005)", "lr")
    line("4-layer network (2500 it., lr 0.0075)", "dnn", f", final cost {r['dnn_cost']:.4f}")
    if args.two_layer:
        line("2-layer network (2500 it., lr 0.0075)", "two", ", for reference, no target")
    ok = targets_met(r)
    print("targets (LR train >= 95 %, LR test 60-80 %, deep test >= LR test + 5):",
          "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
