"""The explanatory diagrams: their labels, their numbers, and that they draw cleanly."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, Rectangle  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from dlcourse import diagrams  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# every diagram, with its default arguments and with other ones
CASES = [
    ("picture_to_column", {}),
    ("picture_to_column", dict(height=3, width=5, channels=1, image_shape=(28, 28, 1))),
    ("picture_to_column", dict(height=1, width=1, channels=2, image_shape=(1, 1, 2))),
    ("logistic_neuron", {}),
    ("logistic_neuron", dict(n_inputs=1)),
    ("logistic_neuron", dict(n_inputs=12288)),
    ("computation_graph", {}),
    ("computation_graph", dict(a=3, b=4, c=-1)),
    ("computation_graph", dict(a=2.5, b=1 / 3, c=-0.75)),
    ("shallow_network", {}),
    ("shallow_network", dict(n_x=5, n_h=10, n_y=3)),
    ("shallow_network", dict(n_x=12288, n_h=100, n_y=1)),
    ("deep_blocks", {}),
    ("deep_blocks", dict(L=1)),
    ("deep_blocks", dict(L=5)),
    ("deep_model", {}),
    ("deep_model", dict(L=1)),
    ("deep_model", dict(L=20)),
]


def case_id(case):
    name, kwargs = case
    return name + "".join(f"-{k}={v}" for k, v in kwargs.items())


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text)]


def assert_texts(fig, *expected):
    found = texts(fig)
    missing = [e for e in expected if e not in found]
    assert not missing, f"missing labels {missing}; the figure has {found}"


def drawn(fig):
    """The figure drawn with Agg; returns the renderer."""
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def arrows(fig):
    return [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]


# ---------------------------------------------------------------------------------------------
# every diagram


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_titled_figure_that_saves_to_png(case):
    name, kwargs = case
    before = plt.get_fignums()
    fig = getattr(diagrams, name)(**kwargs)
    assert isinstance(fig, Figure)
    assert plt.get_fignums() == before, "the figure must not be registered with pyplot"
    assert fig.texts and fig.texts[0].get_text().strip(), "the figure has no title"
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_texts_stay_inside_the_figure_and_apart(case):
    name, kwargs = case
    fig = getattr(diagrams, name)(**kwargs)
    renderer = drawn(fig)
    width, height = fig.bbox.width, fig.bbox.height
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.findobj(Text)
             if t.get_visible() and t.get_text()]
    outside = [text for text, box in boxes
               if box.x0 < 0 or box.y0 < 0 or box.x1 > width or box.y1 > height]
    assert not outside, f"texts cut off at the edge of the figure: {outside}"
    overlapping = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
                   if box_a.overlaps(box_b)]
    assert not overlapping, f"texts drawn over each other: {overlapping}"


@pytest.mark.parametrize("call", [
    lambda: diagrams.picture_to_column(channels=4),
    lambda: diagrams.picture_to_column(height=0),
    lambda: diagrams.picture_to_column(image_shape=(64, 64)),
    lambda: diagrams.logistic_neuron(0),
    lambda: diagrams.computation_graph(a=float("nan")),
    lambda: diagrams.computation_graph(b="3"),
    lambda: diagrams.shallow_network(n_x=2.0),
    lambda: diagrams.deep_blocks(L=0),
    lambda: diagrams.deep_model(L=True),
])
def test_bad_arguments_are_refused(call):
    with pytest.raises(ValueError):
        call()


def test_importing_the_diagrams_loads_neither_nbgrader_nor_matplotlib():
    code = ("import sys, dlcourse.diagrams; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'nbgrader', 'jupyter_client', 'matplotlib'}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=True)
    assert result.stdout.strip() == "[]", result.stdout


# ---------------------------------------------------------------------------------------------
# week 1 and week 2: an image as a column


def test_picture_to_column_labels_both_shapes():
    fig = diagrams.picture_to_column()
    assert_texts(fig, "image: (64, 64, 3)", "vector: (12288, 1)", "R", "G", "B",
                 "image.reshape(-1, 1)", r"$64 \times 64 \times 3 = 12288$ numbers",
                 "image[0, 0, :]", "image[0, 1, :]", "image[3, 3, :]", r"$\vdots$")
    # the three 4 x 4 planes, and 3 pixels of 3 values in the column
    squares = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert len(squares) == 4 * 4 * 3 + 3 * 3


def test_picture_to_column_follows_its_arguments():
    fig = diagrams.picture_to_column(2, 3, 1, image_shape=(28, 28, 1))
    assert_texts(fig, "image: (28, 28, 1)", "vector: (784, 1)", "gray", "image[0, 0, :]",
                 "image[1, 2, :]")
    assert not {"R", "G", "B"} & set(texts(fig))
    squares = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert len(squares) == 2 * 3 + 2 * 3  # small enough to list every pixel


def test_picture_to_column_lists_the_values_in_reshape_order():
    # the column's colours are the pixels' colours, in the order of image.reshape(-1, 1)
    fig = diagrams.picture_to_column(2, 2, 3)
    squares = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    planes, column = squares[:12], squares[12:]
    # the planes are drawn back to front (blue, green, red), each row by row
    colour = {(k, i, j): to_hex(planes[(2 - k) * 4 + i * 2 + j].get_facecolor())
              for k in range(3) for i in range(2) for j in range(2)}
    assert len(set(colour.values())) == 6  # two shades in each plane
    # the column shows the first two pixels, a gap, and the last one
    expected = [colour[k, i, j] for i, j in ((0, 0), (0, 1), (1, 1)) for k in range(3)]
    assert [to_hex(p.get_facecolor()) for p in column] == expected


# ---------------------------------------------------------------------------------------------
# week 2: logistic regression as a neuron


def test_logistic_neuron_labels():
    fig = diagrams.logistic_neuron()
    assert_texts(fig, "$x_{1}$", "$x_{2}$", "$x_{3}$", "$w_{1}$", "$w_{2}$", "$w_{3}$", "$b$",
                 "$z = w^T x + b$", r"$a = \sigma(z)$", r"$\hat{y} = a$", "$x$: (3, 1)",
                 "$w$: (3, 1),  $b$: a number")
    assert any(r"\mathcal{L}(\hat{y}, y)" in t for t in texts(fig))
    assert sum(isinstance(p, Circle) for p in fig.axes[0].patches) == 3


def test_logistic_neuron_with_many_inputs_draws_a_few():
    fig = diagrams.logistic_neuron(12288)
    assert_texts(fig, "$x_{1}$", "$x_{3}$", "$x_{n_x}$", "$w_{n_x}$", r"$\vdots$",
                 "$x$: (12288, 1)", "$n_x = 12288$")
    assert "$x_{4}$" not in texts(fig)
    assert sum(isinstance(p, Circle) for p in fig.axes[0].patches) == 4


# ---------------------------------------------------------------------------------------------
# week 2: the computation graph


def closed_form(a, b, c):
    return (a - 1) * (b + c)


def number(x) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.3g}"


@pytest.mark.parametrize("a, b, c", [(5, 3, 2), (3, 4, -1), (-2, 7, 0), (2.5, 0.5, 1.5)])
def test_computation_graph_computes_its_values(a, b, c):
    fig = diagrams.computation_graph(a, b, c)
    u, v, w = a * b, a * c, b + c
    J = u + v - w
    assert J == pytest.approx(closed_form(a, b, c))
    assert_texts(fig, f"$a = {number(a)}$", f"$b = {number(b)}$", f"$c = {number(c)}$",
                 "$u = ab$", "$v = ac$", "$w = b + c$", "$J = u + v - w$",
                 f"$= {number(u)}$", f"$= {number(v)}$", f"$= {number(w)}$",
                 f"$= {number(J)}$")


def test_computation_graph_default_and_another_triple():
    assert_texts(diagrams.computation_graph(), "$a = 5$", "$= 15$", "$= 10$", "$= 5$",
                 "$= 20$", r"$J = (a - 1)(b + c) = 4 \times 5 = 20$")
    assert_texts(diagrams.computation_graph(a=3, b=4, c=-1), "$a = 3$", "$c = -1$", "$= 12$",
                 "$= -3$", "$= 3$", "$= 6$", r"$J = (a - 1)(b + c) = 2 \times 3 = 6$")


def derivative_labels(fig) -> dict[str, float]:
    """{'a': value, ...} read from the labels '$dJ/da = b + c = 5$' and '$dJ/du = 1$'."""
    found = {}
    for t in texts(fig):
        match = re.fullmatch(r"\$dJ/d([a-z]) = (?:[^=]+ = )?(-?[\d.]+)\$", t)
        if match:
            found[match.group(1)] = float(match.group(2))
    return found


@pytest.mark.parametrize("a, b, c", [(5, 3, 2), (3, 4, -1), (-2, 7, 0), (2.5, 0.5, 1.5)])
def test_computation_graph_derivatives_match_the_closed_form(a, b, c):
    fig = diagrams.computation_graph(a, b, c)
    labels = derivative_labels(fig)
    assert labels.keys() == set("uvwabc"), texts(fig)
    assert (labels["u"], labels["v"], labels["w"]) == (1, 1, -1)
    h = 1e-6  # J is linear in each variable alone: central differences are exact up to rounding
    numeric = {
        "a": (closed_form(a + h, b, c) - closed_form(a - h, b, c)) / (2 * h),
        "b": (closed_form(a, b + h, c) - closed_form(a, b - h, c)) / (2 * h),
        "c": (closed_form(a, b, c + h) - closed_form(a, b, c - h)) / (2 * h),
    }
    for name, value in numeric.items():
        assert labels[name] == pytest.approx(value, rel=1e-6, abs=1e-6), name
    assert_texts(fig, f"$dJ/da = b + c = {number(b + c)}$",
                 f"$dJ/db = a - 1 = {number(a - 1)}$", f"$dJ/dc = a - 1 = {number(a - 1)}$",
                 "$dJ/du = 1$", "$dJ/dv = 1$", "$dJ/dw = -1$")


def test_computation_graph_forward_and_backward_in_two_colours_with_a_legend():
    fig = diagrams.computation_graph()
    colours = [to_hex(p.get_edgecolor()) for p in arrows(fig)]
    assert len(set(colours)) == 2
    # 9 edges, each with a forward and a backward arrow
    assert sorted(colours.count(c) for c in set(colours)) == [9, 9]
    legend = fig.axes[0].get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert any("forward" in t for t in labels) and any("backward" in t for t in labels)
    assert {to_hex(line.get_color()) for line in legend.get_lines()} == set(colours)


# ---------------------------------------------------------------------------------------------
# week 3: the shallow network


def test_shallow_network_writes_the_shapes_of_its_parameters():
    fig = diagrams.shallow_network()
    assert_texts(fig, "$W^{[1]}$: (4, 2)    $b^{[1]}$: (4, 1)",
                 "$W^{[2]}$: (1, 4)    $b^{[2]}$: (1, 1)", "input layer", "hidden layer: tanh",
                 "output layer: sigmoid", "$x_{1}$", "$x_{2}$", "$a^{[1]}_{4}$", "$a^{[2]}$",
                 r"$\hat{y}$", "$X$: (2, $m$)")
    assert sum(isinstance(p, Circle) for p in fig.axes[0].patches) == 2 + 4 + 1
    assert len(arrows(fig)) == 2 * 4 + 4 * 1 + 1


def test_shallow_network_follows_its_sizes():
    fig = diagrams.shallow_network(3, 5, 2)
    assert_texts(fig, "$W^{[1]}$: (5, 3)    $b^{[1]}$: (5, 1)",
                 "$W^{[2]}$: (2, 5)    $b^{[2]}$: (2, 1)", "$a^{[1]}_{5}$", "$a^{[2]}_{2}$")
    wide = diagrams.shallow_network(12288, 100, 1)
    assert_texts(wide, "$W^{[1]}$: (100, 12288)    $b^{[1]}$: (100, 1)", "$x_{n_x}$",
                 "$a^{[1]}_{n_h}$", r"$\vdots$")
    assert sum(isinstance(p, Circle) for p in wide.axes[0].patches) == 5 + 5 + 1


# ---------------------------------------------------------------------------------------------
# week 4: L-layer networks


@pytest.mark.parametrize("L", [1, 3, 5])
def test_deep_blocks_forward_and_backward_rows(L):
    fig = diagrams.deep_blocks(L)
    found = texts(fig)
    assert found.count("LINEAR → RELU") == L - 1
    assert found.count("LINEAR → SIGMOID") == 1
    assert found.count("LINEAR ← RELU") == L - 1
    assert found.count("LINEAR ← SIGMOID") == 1
    assert found.count("cache") == L
    assert_texts(fig, "$X$", f"$A^{{[{L}]}} = \\hat{{y}}$", f"$dA^{{[{L}]}}$", "cost $J$",
                 *(f"$dW^{{[{layer}]}},\\ db^{{[{layer}]}}$" for layer in range(1, L + 1)),
                 *(f"$A^{{[{layer}]}}$" for layer in range(1, L)),
                 *(f"$dA^{{[{layer}]}}$" for layer in range(L)))


def test_deep_blocks_caches_go_down_from_forward_to_backward():
    fig = diagrams.deep_blocks(3)
    dashed = [p for p in arrows(fig) if p.get_linestyle() not in ("-", "solid")]
    assert len(dashed) == 3
    for arrow in dashed:
        path = arrow.get_path()  # in data coordinates: inches
        xs, ys = path.vertices[path.codes != path.CLOSEPOLY].T
        assert xs.max() - xs.min() < 0.2 and ys.max() - ys.min() > 1  # straight down...
        head = abs(xs - xs.mean()) > 0.02  # ...its head, wider than the line, at the bottom
        assert head.any() and ys[head].max() < ys.mean()


def test_deep_model_labels():
    fig = diagrams.deep_model(4)
    found = texts(fig)
    assert "[LINEAR → RELU] × 3 → LINEAR → SIGMOID" in fig.texts[0].get_text()
    assert found.count("LINEAR") == 2 and found.count("RELU") == 1
    assert found.count("SIGMOID") == 1
    assert_texts(fig, "$X$", r"$\hat{y}$", "× 3", "$A^{[0]}$", "$A^{[3]}$", "$Z^{[4]}$",
                 "$A^{[4]}$", "layer 4")
    single = diagrams.deep_model(1)
    assert "RELU" not in texts(single) and "× 0" not in texts(single)
    assert_texts(single, "LINEAR", "SIGMOID", "$A^{[0]}$", "$A^{[1]}$")
