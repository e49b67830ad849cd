"""How long week 4's notebook takes; how close its training loop is to its matrix products.

Usage (from the repository root)::

    python tests/benchmarks/week4_speed.py            # all three measurements
    python tests/benchmarks/week4_speed.py --no-notebook   # skip the full run of the notebook

Prints:

1. the time of a full execution of the source notebook with its reference solutions, both long
   training runs included, as a learner runs it (not the shortened grading mode);
2. the time of one training iteration of the 4-layer network [12288, 20, 7, 5, 1] on the shipped
   training pictures (forward pass, cost, backward pass, update: the reference solution's own
   functions), the median of several repeats;
3. beside it the *floor*: the time of the same iteration's matrix products alone (W A in the
   forward pass; dZ A_prev^T and W^T dZ in the backward pass, for every layer), and the ratio of
   the two. Almost all the arithmetic is in these products; the ratio says what the rest (the
   elementwise work, the caches, the Python around them) costs.

The notebook run goes through ``dlcourse.execute``, whose kernels use one BLAS thread (as grading
does); the iteration is timed in this process, with the BLAS threads its environment allows: run
``OPENBLAS_NUM_THREADS=1 python tests/benchmarks/week4_speed.py`` to time it as the kernels run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from dlcourse import load_cat_dataset
from dlcourse.grader import authoring
from dlcourse.grader.execution import execute

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "source" / "week4_deep_network"
NOTEBOOK = FOLDER / "deep_network.ipynb"
LAYERS = [12288, 20, 7, 5, 1]


def reference_namespace() -> dict:
    """The notebook's given functions and reference solutions, executed into one namespace."""
    return authoring.reference_namespace(authoring.read(NOTEBOOK), {"np": np})


def median_time(step, repeats: int, number: int) -> float:
    """Median over ``repeats`` of the mean time of ``number`` calls of ``step``, in seconds."""
    step()  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            step()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def iteration_and_floor(repeats: int = 7, number: int = 10) -> tuple[float, float, int]:
    ns = reference_namespace()
    train_x_orig, train_y, _, _, _ = load_cat_dataset()
    X = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255.
    np.random.seed(1)
    parameters = ns["initialize_parameters_deep"](LAYERS)
    state = {"parameters": parameters}

    def iteration():
        AL, caches = ns["L_model_forward"](X, state["parameters"])
        ns["compute_cost"](AL, train_y)
        grads = ns["L_model_backward"](AL, train_y, caches)
        # a tiny step, so that repeated iterations stay near the starting point
        state["parameters"] = ns["update_parameters"](state["parameters"], grads, 1e-6)

    _, caches = ns["L_model_forward"](X, parameters)
    layers = [(A_prev, W, np.ones_like(Z)) for (A_prev, W, _), Z in caches]

    def products():
        for A_prev, W, _ in layers:
            np.dot(W, A_prev)
        for A_prev, W, dZ in reversed(layers):
            np.dot(dZ, A_prev.T)
            np.dot(W.T, dZ)

    return median_time(iteration, repeats, number), median_time(products, repeats, number), \
        X.shape[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-notebook", action="store_true", help="skip the full notebook run")
    args = parser.parse_args()

    if not args.no_notebook:
        run = execute(authoring.graded_version(authoring.read(NOTEBOOK)), FOLDER, grading=False)
        failed = [c.grade_id or f"cell {c.index}" for c in run.cells if c.error]
        status = "all cells ran" if not failed and not run.crashed else \
            f"FAILED: {failed or run.crashed}"
        print(f"full notebook (learner's run, both long trainings): {run.seconds:6.1f} s "
              f"({status})")

    threads = os.environ.get("OPENBLAS_NUM_THREADS", "as many as the machine has")
    print(f"(below: this process, BLAS threads: {threads})")
    iteration, floor, m = iteration_and_floor()
    print(f"one training iteration of {LAYERS}, m = {m}:     {iteration * 1e3:6.1f} ms")
    print(f"its matrix products alone (the floor):            {floor * 1e3:6.1f} ms")
    print(f"ratio iteration / floor:                          {iteration / floor:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
