"""Week 2 (logistic regression): the reference solution is the course's algorithm, and it learns.

The reference code is taken from the solution cells of the source notebook and run outside
Jupyter, so these tests take seconds. They prove what the notebook's text relies on:

* zero initialisation makes the first cost exactly ln 2, whatever the data;
* the cost is recorded before the update at iterations 0, 100, 200, ...;
* ``predict`` returns only 0s and 1s, and ``model`` returns the keys the notebook uses;
* on the shipped cat pictures, 2000 iterations at learning rate 0.005 fit the training set
  (>= 95 %) and overfit (test accuracy between 60 % and 80 %).

The helpers of ``dlcourse.images`` that the notebook uses (and week 4 shares) are tested at the end.
"""

from __future__ import annotations

import copy
import math
import re
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlcourse.grader import authoring  # noqa: E402
from dlcourse.images import (  # noqa: E402
    _as_pictures,
    class_name,
    load_image,
    plot_mislabeled,
    show_images,
)

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "source" / "week2_logistic_regression"
NOTEBOOK = FOLDER / "logistic_regression.ipynb"
FUNCTIONS = ["ex3_sigmoid", "ex4_initialize_with_zeros", "ex5_propagate", "ex6_optimize",
             "ex7_predict", "ex8_model"]
KEYS = {"costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate",
        "num_iterations"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def nb():
    return authoring.read(NOTEBOOK)


@pytest.fixture(scope="module")
def ref(nb):
    """The namespace of the notebook's reference functions: ref['model'](...) etc."""
    return authoring.reference_namespace(nb, {"np": np, "copy": copy}, only=FUNCTIONS)


def random_data(seed, n_x, m):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m)) * rng.uniform(0.5, 3)
    Y = (rng.random((1, m)) < 0.4).astype(np.int64)
    return X, Y


def accuracy(prediction, Y):
    return 100 - np.mean(np.abs(prediction - Y)) * 100


# --- the notebook --------------------------------------------------------------------------------

def test_the_notebook_has_eight_exercises_and_states_their_total(nb):
    exercises = authoring.exercises(nb)
    assert [e.solution_id for e in exercises] == [
        "ex1_dataset_sizes", "ex2_flatten", *FUNCTIONS]
    total = sum(e.points for e in exercises)
    intro = nb.cells[0].source
    stated = re.search(r"\*\*total\*\* \| \*\*(\d+)\*\*", intro)
    assert stated and int(stated.group(1)) == total
    assert f"{total:g} points" in intro
    for e in exercises:  # the table of the introduction gives each exercise its points
        assert re.search(rf"^\| {e.number} \|.*\| {int(e.points)} \|$", intro, re.M), e


def test_the_example_picture_is_in_the_assignment_folder(nb):
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    name = re.search(r'^my_image = "([^"]+)"', code, re.M).group(1)
    image = load_image(FOLDER / name, 64)
    assert image.shape == (64, 64, 3) and image.dtype == np.uint8


# --- the algorithm -------------------------------------------------------------------------------

@pytest.mark.parametrize("seed, n_x, m", [(0, 5, 12), (1, 300, 7)])
def test_zero_initialisation_makes_the_first_cost_ln2_on_any_data(ref, seed, n_x, m):
    X, Y = random_data(seed, n_x, m)
    w, b = ref["initialize_with_zeros"](n_x)
    assert w.shape == (n_x, 1) and w.dtype == np.float64 and not w.any()
    assert type(b) is float and b == 0.0
    grads, cost = ref["propagate"](w, b, X, Y)
    assert np.ndim(cost) == 0
    assert float(cost) == pytest.approx(math.log(2), abs=1e-12)
    # the gradient at zero: every a = 1/2
    np.testing.assert_allclose(grads["dw"], X @ (0.5 - Y).T / m)
    assert float(grads["db"]) == pytest.approx(float(np.mean(0.5 - Y)))
    _, _, costs = ref["optimize"](w, b, X, Y, num_iterations=1, learning_rate=0.1)
    assert float(costs[0]) == pytest.approx(math.log(2), abs=1e-12)


def test_optimize_records_the_cost_before_the_update_every_100_iterations(ref):
    X, Y = random_data(2, 4, 20)
    w0, b0 = ref["initialize_with_zeros"](4)
    params, grads, costs = ref["optimize"](w0, b0, X, Y, num_iterations=250, learning_rate=0.3)
    assert len(costs) == 3  # iterations 0, 100, 200
    w, b = np.zeros((4, 1)), 0.0
    expected = []
    for i in range(250):
        g, cost = ref["propagate"](w, b, X, Y)
        if i % 100 == 0:
            expected.append(float(cost))
        w, b = w - 0.3 * g["dw"], b - 0.3 * g["db"]
    np.testing.assert_allclose(np.asarray(costs, dtype=float), expected)
    np.testing.assert_allclose(params["w"], w)
    assert params["b"] == pytest.approx(b)
    assert not w0.any(), "optimize must not change the w it is given"


def test_optimize_prints_the_cost_every_100_iterations(ref, capsys):
    X, Y = random_data(3, 3, 10)
    ref["optimize"](np.zeros((3, 1)), 0.0, X, Y, num_iterations=201, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Cost after iteration 0", "Cost after iteration 100", "Cost after iteration 200"]
    assert lines[0] == "Cost after iteration 0: 0.693147"


def test_predict_returns_only_zeros_and_ones(ref):
    rng = np.random.default_rng(4)
    for n_x, m in ((1, 1), (6, 40), (50, 3)):
        X = rng.standard_normal((n_x, m)) * 5
        w = rng.standard_normal((n_x, 1))
        p = ref["predict"](w, float(rng.standard_normal()), X)
        assert p.shape == (1, m)
        assert set(np.unique(p)) <= {0.0, 1.0}
    # the threshold: probability > 0.5
    p = ref["predict"](np.array([[1.0]]), 0.0, np.array([[-1e-3, 1e-3]]))
    np.testing.assert_array_equal(p, [[0.0, 1.0]])


def test_model_returns_the_required_keys(ref):
    X, Y = random_data(5, 7, 30)
    Xt, Yt = random_data(6, 7, 9)
    d = ref["model"](X, Y, Xt, Yt, num_iterations=120, learning_rate=0.05)
    assert set(d) == KEYS
    assert d["Y_prediction_train"].shape == (1, 30) and d["Y_prediction_test"].shape == (1, 9)
    assert d["w"].shape == (7, 1) and np.ndim(d["b"]) == 0
    assert len(d["costs"]) == 2
    assert d["learning_rate"] == 0.05 and d["num_iterations"] == 120


def test_on_the_shipped_pictures_the_model_fits_the_training_set_and_overfits(nb, ref):
    from dlcourse import load_cat_dataset

    code = authoring.solution_code(nb)
    data = dict(zip(["train_set_x_orig", "train_set_y", "test_set_x_orig", "test_set_y",
                     "classes"], load_cat_dataset(), strict=True))
    exec(code["ex1_dataset_sizes"] + "\n" + code["ex2_flatten"], data)
    assert data["train_set_x"].shape == (data["num_px"] ** 2 * 3, data["m_train"])
    start = time.perf_counter()
    d = ref["model"](data["train_set_x"], data["train_set_y"], data["test_set_x"],
                     data["test_set_y"], num_iterations=2000, learning_rate=0.005)
    seconds = time.perf_counter() - start
    train = accuracy(d["Y_prediction_train"], data["train_set_y"])
    test = accuracy(d["Y_prediction_test"], data["test_set_y"])
    print(f"2000 iterations in {seconds:.1f} s: train {train:.2f} %, test {test:.2f} %")
    assert float(d["costs"][0]) == pytest.approx(math.log(2), abs=1e-12)
    assert len(d["costs"]) == 20
    assert all(np.diff(np.asarray(d["costs"], dtype=float)) < 0), "the cost goes down"
    assert train >= 95
    assert 60 <= test <= 80


# --- dlcourse.images -----------------------------------------------------------------------------

def _save(tmp_path, array, name="picture.png"):
    from PIL import Image

    path = tmp_path / name
    Image.fromarray(array).save(path)
    return path


def test_load_image_crops_the_centre_and_resizes(tmp_path):
    # 60 x 120 (rows x columns): red | green | blue thirds; the centre square is the green third
    # plus a little: after cropping, the middle column is pure green
    picture = np.zeros((60, 120, 3), dtype=np.uint8)
    picture[:, :40, 0] = 255
    picture[:, 40:80, 1] = 255
    picture[:, 80:, 2] = 255
    image = load_image(_save(tmp_path, picture), num_px=8)
    assert image.shape == (8, 8, 3) and image.dtype == np.uint8
    assert (image[:, 3:5, 1] > 200).all() and (image[:, 3:5, [0, 2]] < 60).all()
    # a tall picture is cropped in its middle too
    tall = np.zeros((90, 30, 3), dtype=np.uint8)
    tall[30:60] = 200
    np.testing.assert_array_equal(load_image(_save(tmp_path, tall, "tall.png"), 4),
                                  np.full((4, 4, 3), 200, dtype=np.uint8))


def test_load_image_turns_grey_and_transparent_pictures_into_rgb(tmp_path):
    grey = np.full((10, 10), 77, dtype=np.uint8)
    image = load_image(_save(tmp_path, grey, "grey.png"), 5)
    assert image.shape == (5, 5, 3) and (image == 77).all()
    rgba = np.zeros((10, 10, 4), dtype=np.uint8)  # fully transparent: laid on white
    image = load_image(_save(tmp_path, rgba, "clear.png"), 5)
    assert image.shape == (5, 5, 3) and (image == 255).all()


def test_load_image_reads_jpeg(tmp_path):
    from PIL import Image

    path = tmp_path / "photo.jpg"
    Image.fromarray(np.full((20, 30, 3), 128, dtype=np.uint8)).save(path, quality=95)
    image = load_image(path)
    assert image.shape == (64, 64, 3) and abs(int(image.mean()) - 128) <= 2


def test_load_image_says_clearly_when_the_file_is_missing(tmp_path):
    _save(tmp_path, np.zeros((4, 4, 3), dtype=np.uint8), "cat.png")
    with pytest.raises(FileNotFoundError) as error:
        load_image(tmp_path / "kat.png")
    message = str(error.value)
    assert "kat.png" in message and "cat.png" in message and "spelling" in message


def test_load_image_says_clearly_when_the_file_is_not_a_picture(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("not a picture")
    with pytest.raises(ValueError, match="not a picture"):
        load_image(path)
    truncated = tmp_path / "cut.png"
    full = _save(tmp_path, np.random.default_rng(0).integers(0, 255, (64, 64, 3), dtype=np.uint8))
    truncated.write_bytes(full.read_bytes()[:300])
    with pytest.raises(ValueError, match="could not be read|not a picture"):
        load_image(truncated)


def test_pictures_come_back_from_flattened_columns():
    pictures = np.random.default_rng(1).integers(0, 256, (5, 4, 4, 3), dtype=np.uint8)
    columns = pictures.reshape(5, -1).T
    np.testing.assert_array_equal(_as_pictures(columns), pictures)
    np.testing.assert_array_equal(_as_pictures(columns / 255.0, num_px=4), pictures / 255.0)
    with pytest.raises(ValueError, match="num_px"):
        _as_pictures(columns[:-1])


def test_show_images_draws_one_titled_picture_per_axis():
    pictures = np.random.default_rng(2).integers(0, 256, (7, 8, 8, 3), dtype=np.uint8)
    fig = show_images(pictures, [f"#{i}" for i in range(7)], ncols=3)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(fig.axes) == 9 and len(shown) == 7
    assert [ax.get_title() for ax in shown] == [f"#{i}" for i in range(7)]
    with pytest.raises(ValueError, match="title"):
        show_images(pictures, ["one"])


def test_plot_mislabeled_shows_the_mistakes_with_true_and_predicted_labels(capsys):
    classes = np.array([b"non-cat", b"cat"])
    assert class_name(classes, 1) == "cat" and class_name(["a", "b"], 0) == "a"
    pictures = np.random.default_rng(3).integers(0, 256, (6, 4, 4, 3), dtype=np.uint8)
    X = pictures.reshape(6, -1).T / 255.0
    y = np.array([[1, 0, 1, 1, 0, 0]])
    p = np.array([[1.0, 1.0, 0.0, 1.0, 0.0, 1.0]])
    wrong = plot_mislabeled(classes, X, y, p, num_px=4, max_images=2)
    np.testing.assert_array_equal(wrong, [1, 2, 5])
    assert "3 of 6" in capsys.readouterr().out
    titles = [ax.get_title() for ax in plt.gcf().axes if ax.images]
    assert titles == ["#1\ntrue: non-cat\npredicted: cat", "#2\ntrue: cat\npredicted: non-cat"]
    plt.close("all")
    assert plot_mislabeled(classes, X, y, y, num_px=4).size == 0
    assert not plt.get_fignums()
    with pytest.raises(ValueError, match="labels"):
        plot_mislabeled(classes, X[:, :5], y, p, num_px=4)
