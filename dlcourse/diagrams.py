"""Explanatory diagrams of the course, drawn with matplotlib.

Each function returns a :class:`matplotlib.figure.Figure`; put the call last in a notebook cell
and the picture shows in the output::

    from dlcourse.diagrams import computation_graph

    computation_graph(a=5, b=3, c=2)

The figures are not registered with ``pyplot``: nothing needs closing, and a figure shows once,
only where it is returned. Every label is a matplotlib ``Text``, so the words of a diagram can be
read back with ``[t.get_text() for t in fig.findobj(matplotlib.text.Text)]``.

Diagrams
--------
picture_to_column
    An RGB picture of shape (height, width, 3) becoming one column vector (week 1, week 2).
logistic_neuron
    Logistic regression as a single neuron, from the inputs to the loss (week 2).
computation_graph
    Forward values and backward derivatives on the graph of J = (a - 1)(b + c) (week 2).
shallow_network
    A network with one hidden layer and the shapes of its parameters (week 3).
deep_blocks
    The forward and backward blocks of an L-layer network, with their caches (week 4).
deep_model
    The [LINEAR -> RELU] x (L - 1) -> LINEAR -> SIGMOID model (week 4).

Coordinates in every diagram are in inches: the axes cover the whole figure, so that one data
unit is one inch on both sides and circles stay round.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = [
    "picture_to_column",
    "logistic_neuron",
    "computation_graph",
    "shallow_network",
    "deep_blocks",
    "deep_model",
]

# colours shared by the diagrams
_INK = "#222222"
_MUTED = "#6b6b6b"
_FORWARD = "#1f63a8"
_BACKWARD = "#c0392b"
_CACHE = "#7a7a7a"
_LINEAR_FILL = "#e3edf9"
_ACTIVATION_FILL = "#fdebd2"
_BACKWARD_FILL = "#fbe3df"
_NODE_FILL = "#f4f4f4"
_CHANNELS = {
    1: (("gray", (0.25, 0.25, 0.25)),),
    2: (("R", (0.86, 0.16, 0.16)), ("G", (0.18, 0.62, 0.24))),
    3: (("R", (0.86, 0.16, 0.16)), ("G", (0.18, 0.62, 0.24)), ("B", (0.18, 0.36, 0.86))),
}


# ---------------------------------------------------------------------------------------------
# drawing primitives


def _canvas(width: float, height: float, title: str):
    """A figure of ``width`` x ``height`` inches whose axes use inches as data units."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0.0, width)
    ax.set_ylim(0.0, height)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.suptitle(title, y=1.0 - 0.1 / height, va="top", fontsize=13, fontweight="bold",
                 color=_INK)
    return fig, ax


def _box(ax, x, y, w, h, text="", *, fill=_NODE_FILL, edge=_INK, fontsize=11, color=_INK,
         linestyle="-", linewidth=1.2, rounding=0.1, zorder=3):
    """A rounded box of outer size ``w`` x ``h`` centred on (x, y), with ``text`` in its middle."""
    from matplotlib.patches import FancyBboxPatch

    pad = min(rounding, w / 2, h / 2)
    ax.add_patch(FancyBboxPatch((x - w / 2 + pad, y - h / 2 + pad), w - 2 * pad, h - 2 * pad,
                                boxstyle=f"round,pad={pad}", facecolor=fill, edgecolor=edge,
                                linewidth=linewidth, linestyle=linestyle, zorder=zorder))
    if text:
        ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, color=color,
                zorder=zorder + 1)


def _circle(ax, x, y, r, text="", *, fill=_NODE_FILL, edge=_INK, fontsize=12, zorder=3):
    """A circle of radius ``r`` centred on (x, y), with ``text`` in its middle."""
    from matplotlib.patches import Circle

    ax.add_patch(Circle((x, y), r, facecolor=fill, edgecolor=edge, linewidth=1.2,
                        zorder=zorder))
    if text:
        ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, color=_INK,
                zorder=zorder + 1)


def _arrow(ax, start, end, *, color=_INK, linewidth=1.4, linestyle="-", head=True,
           connection="arc3", zorder=2):
    """An arrow from ``start`` to ``end`` (points in inches); ``head=False`` draws a plain line."""
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>" if head else "-",
                                 mutation_scale=13, color=color, linewidth=linewidth,
                                 linestyle=linestyle, connectionstyle=connection,
                                 shrinkA=0, shrinkB=0, zorder=zorder))


def _label(ax, x, y, text, *, fontsize=10, color=_INK, ha="center", va="center",
           background=True, zorder=5, **kwargs):
    """A text at (x, y), on a white patch when ``background`` so that lines behind it stop."""
    bbox = dict(boxstyle="round,pad=0.12", facecolor="white", edgecolor="none") \
        if background else None
    return ax.text(x, y, text, ha=ha, va=va, fontsize=fontsize, color=color, bbox=bbox,
                   zorder=zorder, **kwargs)


def _toward(start, end, distance):
    """The point ``distance`` inches from ``start`` on the way to ``end``."""
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    return x0 + (x1 - x0) * distance / length, y0 + (y1 - y0) * distance / length


def _shorten(start, end, at_start, at_end):
    """The segment from ``start`` to ``end`` with ``at_start`` and ``at_end`` inches cut off."""
    return _toward(start, end, at_start), _toward(end, start, at_end)


def _shift(start, end, offset):
    """The segment moved ``offset`` inches sideways (to its left for a positive ``offset``)."""
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    nx, ny = -(y1 - y0) / length * offset, (x1 - x0) / length * offset
    return (x0 + nx, y0 + ny), (x1 + nx, y1 + ny)


def _slots(n: int, most: int = 6):
    """Which of ``n`` items to draw: all of them if at most ``most``, else the first ``most - 2``,
    a gap (``None``) and the last one. Items are numbered from 1."""
    if n <= most:
        return list(range(1, n + 1))
    return list(range(1, most - 1)) + [None, n]


def _number(x) -> str:
    """``x`` written briefly for mathtext: integers below a million in full, other numbers with
    3 significant digits, e.g. ``-0.417`` or ``1.23 \\times 10^{8}``."""
    x = float(x)
    if x.is_integer() and abs(x) < 1e6:
        return str(int(x))
    mantissa, _, exponent = f"{x:.3g}".partition("e")
    if not exponent:
        return mantissa
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def _positive_int(value, name: str, smallest: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < smallest:
        raise ValueError(f"{name} must be an integer >= {smallest}, got {value!r}")
    return int(value)


def _finite(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) \
            or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


# ---------------------------------------------------------------------------------------------
# week 1 and week 2: an image as a column vector


def _pixel_values(height: int, width: int, channels: int):
    """Made-up intensities in [0.15, 0.95], shape (height, width, channels): smooth, and
    different in every channel so that the colour planes look apart."""
    rows = (np.arange(height)[:, None] + 0.5) / height
    cols = (np.arange(width)[None, :] + 0.5) / width
    planes = [cols, 1.0 - np.abs(rows - cols), rows, 1.0 - cols * rows]
    values = np.stack([np.broadcast_to(p, (height, width)) for p in planes[:channels]], axis=-1)
    return 0.15 + 0.8 * values


def _tint(rgb, value):
    """``rgb`` faded toward white: ``value`` 1 gives the full colour, 0 white."""
    return tuple(1.0 - value * (1.0 - c) for c in rgb)


def picture_to_column(height: int = 4, width: int = 4, channels: int = 3, *,
                      image_shape=(64, 64, 3)):
    """Draw a picture of ``height`` x ``width`` pixels turning into one column vector.

    The picture is drawn as its colour planes (red, green, blue) one behind the other; the column
    lists, row after row and pixel after pixel, the ``channels`` values of each pixel, which is
    the order of ``image.reshape(-1, 1)`` for an array of shape (height, width, channels).

    Parameters
    ----------
    height, width : int
        Number of pixels drawn on each side of the picture.
    channels : int
        Number of colour planes drawn: 3 (red, green, blue), 2 or 1 (gray).
    image_shape : tuple of 3 ints
        The size written on the picture, (height, width, channels) of the real images, e.g.
        (64, 64, 3), whose column has shape (64 * 64 * 3, 1) = (12288, 1).

    Returns
    -------
    matplotlib.figure.Figure
    """
    height = _positive_int(height, "height")
    width = _positive_int(width, "width")
    channels = _positive_int(channels, "channels")
    if channels > 3:
        raise ValueError(f"channels must be 1, 2 or 3, got {channels}")
    shape = tuple(image_shape)
    if len(shape) != 3:
        raise ValueError(f"image_shape must be (height, width, channels), got {image_shape!r}")
    shape = tuple(_positive_int(s, "each size in image_shape") for s in shape)
    length = shape[0] * shape[1] * shape[2]

    fig, ax = _canvas(9.0, 4.6, "An image as one column vector")
    names = _CHANNELS[channels]
    values = _pixel_values(height, width, channels)

    # the picture: channel 0 in front, the others behind it, up and to the right
    cell = 1.9 / max(height, width)
    depth = 0.27
    x0, y0 = 0.7, 2.5 - (height * cell + (channels - 1) * depth) / 2
    for k in reversed(range(channels)):
        name, rgb = names[k]
        left, bottom = x0 + k * depth, y0 + k * depth
        for i in range(height):
            for j in range(width):
                _square(ax, left + j * cell, bottom + (height - 1 - i) * cell, cell, cell,
                        _tint(rgb, values[i, j, k]))
        _label(ax, left + width * cell + 0.07, bottom + min(depth, cell) / 2, name,
               fontsize=10, color=rgb, ha="left", background=False, fontweight="bold")
    picture_middle = x0 + (width * cell + (channels - 1) * depth) / 2
    _label(ax, picture_middle, 0.98, f"image: {shape}", fontsize=12, background=False)
    _label(ax, picture_middle, 0.64, "(height, width, channels)", fontsize=9, color=_MUTED,
           background=False)

    # the column: the first pixels, a gap, the last pixel
    head = max(1, 6 // channels)
    pixels = [(i, j) for i in range(height) for j in range(width)]
    shown = pixels if len(pixels) <= head + 1 else pixels[:head] + [None] + pixels[-1:]
    entry_w, entry_h, gap_h = 0.46, 0.23, 0.5
    column_h = sum(gap_h if p is None else channels * entry_h for p in shown)
    cx, top = 6.35, 2.5 + column_h / 2
    y = top
    for pixel in shown:
        if pixel is None:
            _label(ax, cx, y - gap_h / 2, r"$\vdots$", fontsize=14, background=False)
            y -= gap_h
            continue
        i, j = pixel
        for k in range(channels):
            name, rgb = names[k]
            _square(ax, cx - entry_w / 2, y - entry_h, entry_w, entry_h,
                    _tint(rgb, values[i, j, k]))
            if channels > 1:
                _label(ax, cx, y - entry_h / 2, name, fontsize=8, color=_INK,
                       background=False)
            y -= entry_h
        group_top, group_bottom = y + channels * entry_h, y
        bracket_x = cx + entry_w / 2 + 0.1
        ax.plot([bracket_x, bracket_x + 0.06, bracket_x + 0.06, bracket_x],
                [group_top - 0.03, group_top - 0.03, group_bottom + 0.03, group_bottom + 0.03],
                color=_MUTED, linewidth=1.0)
        _label(ax, bracket_x + 0.14, (group_top + group_bottom) / 2, f"image[{i}, {j}, :]",
               fontsize=9, ha="left", background=False, family="monospace")
    _label(ax, cx, top + 0.22, "column vector", fontsize=10, color=_MUTED, background=False)
    _label(ax, cx, 0.98, f"vector: ({length}, 1)", fontsize=12, background=False)
    _label(ax, cx, 0.64, "(height × width × channels, 1)", fontsize=9, color=_MUTED,
           background=False)

    # the reshape between them
    arrow_y = 2.5
    _arrow(ax, (3.55, arrow_y), (5.55, arrow_y), color=_FORWARD, linewidth=2.2)
    _label(ax, 4.55, arrow_y + 0.3, "image.reshape(-1, 1)", fontsize=9.5, family="monospace",
           background=False, color=_FORWARD)
    _label(ax, 4.55, arrow_y - 0.3, f"${shape[0]} \\times {shape[1]} \\times {shape[2]}"
           f" = {length}$ numbers", fontsize=10, background=False)
    drawn = height * width * channels
    order = f"the {channels} values of each pixel in turn" if channels > 1 else "pixel by pixel"
    _label(ax, 4.5, 0.2, f"drawn here: {height} × {width} pixels × {channels} "
           f"channel{'s' if channels > 1 else ''} = {drawn} entries; row by row, {order}",
           fontsize=8.5, color=_MUTED, background=False)
    return fig


def _square(ax, left, bottom, w, h, colour):
    from matplotlib.patches import Rectangle

    ax.add_patch(Rectangle((left, bottom), w, h, facecolor=colour, edgecolor="white",
                           linewidth=1.0, zorder=3))


# ---------------------------------------------------------------------------------------------
# week 2: logistic regression as a neuron


def logistic_neuron(n_inputs: int = 3):
    """Draw logistic regression as one neuron: ``n_inputs`` inputs x_i, a weight w_i on each
    edge, the sum z = w^T x + b, the sigmoid a = sigma(z), the prediction y_hat = a and the loss.

    With more than 5 inputs, the first three and the last one are drawn (e.g. ``n_inputs=12288``
    for the 64 x 64 x 3 images of the course).

    Returns
    -------
    matplotlib.figure.Figure
    """
    n = _positive_int(n_inputs, "n_inputs")
    fig, ax = _canvas(9.0, 4.4, "Logistic regression: one neuron")

    # inputs
    slots = _slots(n, most=5)
    spacing = min(0.78, 2.4 / max(len(slots) - 1, 1))
    centre_y = 2.45
    in_x, radius = 0.8, min(0.27, 0.42 * spacing)
    ys = [centre_y + spacing * ((len(slots) - 1) / 2 - s) for s in range(len(slots))]
    z_x, z_w, z_h = 3.45, 1.55, 0.72
    z_left = (z_x - z_w / 2, centre_y)
    for slot, y in zip(slots, ys, strict=True):
        if slot is None:
            _label(ax, in_x, y, r"$\vdots$", fontsize=14, background=False)
            continue
        index = "n_x" if slot > 5 else slot
        _circle(ax, in_x, y, radius, f"$x_{{{index}}}$", fontsize=12)
        start, end = _shorten((in_x, y), z_left, radius, 0.02)
        _arrow(ax, start, end, color=_MUTED, linewidth=1.1)
        wx, wy = _toward((in_x, y), z_left, 0.95)
        _label(ax, wx, wy, f"$w_{{{index}}}$", fontsize=11, color=_FORWARD)
    _label(ax, in_x, ys[-1] - radius - 0.28, f"$x$: ({n}, 1)", fontsize=10,
           background=False)
    if n > 5:
        _label(ax, in_x, ys[-1] - radius - 0.56, f"$n_x = {n}$", fontsize=10,
               background=False)

    # the neuron: a linear part and the sigmoid
    s_x, s_w, s_h = 5.45, 1.45, 0.72
    _box(ax, 4.45, centre_y + 0.05, 3.65, 1.8, fill="none", edge=_MUTED, linestyle="--",
         linewidth=1.0, rounding=0.18, zorder=1)
    _label(ax, 6.15, centre_y + 0.8, "one neuron", fontsize=9, color=_MUTED, ha="right",
           background=False)
    _box(ax, z_x, centre_y, z_w, z_h, r"$z = w^T x + b$", fill=_LINEAR_FILL, fontsize=12)
    _box(ax, s_x, centre_y, s_w, s_h, r"$a = \sigma(z)$", fill=_ACTIVATION_FILL, fontsize=12)
    _arrow(ax, (z_x + z_w / 2, centre_y), (s_x - s_w / 2, centre_y))
    _label(ax, s_x, centre_y - 0.6, r"$\sigma(z) = 1 \,/\, (1 + e^{-z})$", fontsize=10.5,
           background=False)
    # the bias comes in from above
    _arrow(ax, (z_x, centre_y + 1.35), (z_x, centre_y + z_h / 2), color=_MUTED, linewidth=1.1)
    _label(ax, z_x + 0.1, centre_y + 1.2, "$b$", fontsize=12, color=_FORWARD, ha="left",
           background=False)
    _label(ax, z_x, ys[-1] - radius - 0.28, f"$w$: ({n}, 1),  $b$: a number", fontsize=10,
           background=False)

    # prediction and loss
    y_x = 7.45
    _arrow(ax, (s_x + s_w / 2, centre_y), (y_x - 0.5, centre_y))
    _label(ax, y_x, centre_y, r"$\hat{y} = a$", fontsize=13, background=False)
    loss_y = 0.55
    _arrow(ax, (y_x, centre_y - 0.25), (y_x, loss_y + 0.3))
    _box(ax, 6.75, loss_y, 4.1, 0.6,
         r"loss  $\mathcal{L}(\hat{y}, y) = -\left(y \log \hat{y} + (1 - y)"
         r" \log(1 - \hat{y})\right)$", fill="white", fontsize=11)
    _label(ax, y_x + 0.15, (centre_y + loss_y) / 2, "compare with\nthe label $y$",
           fontsize=9, color=_MUTED, ha="left", background=False)
    return fig


# ---------------------------------------------------------------------------------------------
# week 2: a computation graph, forward and backward


def _graph_values(a: float, b: float, c: float):
    """Forward values and chain-rule derivatives of J = u + v - w, u = ab, v = ac, w = b + c."""
    u, v, w = a * b, a * c, b + c
    J = u + v - w
    dJ_du, dJ_dv, dJ_dw = 1.0, 1.0, -1.0
    dJ_da = dJ_du * b + dJ_dv * c  # du/da = b, dv/da = c
    dJ_db = dJ_du * a + dJ_dw * 1.0  # du/db = a, dw/db = 1
    dJ_dc = dJ_dv * a + dJ_dw * 1.0  # dv/dc = a, dw/dc = 1
    values = dict(a=a, b=b, c=c, u=u, v=v, w=w, J=J)
    derivatives = dict(u=dJ_du, v=dJ_dv, w=dJ_dw, a=dJ_da, b=dJ_db, c=dJ_dc)
    # the graph computes J = (a - 1)(b + c): the same value, and the same partial derivatives
    closed = dict(J=(a - 1) * (b + c), a=b + c, b=a - 1, c=a - 1)
    for name, expected in closed.items():
        got = values[name] if name == "J" else derivatives[name]
        if not math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-9):
            raise ArithmeticError(f"{name}: the graph gives {got}, (a - 1)(b + c) gives "
                                  f"{expected}")
    return values, derivatives


def computation_graph(a: float = 5, b: float = 3, c: float = 2):
    """Draw the computation graph of J = (a - 1)(b + c), computed as u = ab, v = ac, w = b + c,
    J = u + v - w.

    The forward pass writes each node's value (computed from ``a``, ``b``, ``c``); the backward
    pass writes the derivatives dJ/du = 1, dJ/dv = 1, dJ/dw = -1 on the edges into J, and
    dJ/da = b + c, dJ/db = a - 1, dJ/dc = a - 1 (obtained with the chain rule) by the inputs.

    Returns
    -------
    matplotlib.figure.Figure
    """
    a, b, c = _finite(a, "a"), _finite(b, "b"), _finite(c, "c")
    values, grads = _graph_values(a, b, c)
    num = {k: _number(x) for k, x in values.items()}
    der = {k: _number(x) for k, x in grads.items()}

    fig, ax = _canvas(9.0, 4.6, r"Computation graph of $J = (a - 1)(b + c)$")

    rows = {"top": 3.45, "mid": 2.3, "low": 1.15}
    inputs = {"a": rows["top"], "b": rows["mid"], "c": rows["low"]}
    middle = {"u": rows["top"], "v": rows["mid"], "w": rows["low"]}
    formulas = {"u": "u = ab", "v": "v = ac", "w": "w = b + c"}
    in_x, in_w, in_h = 2.45, 1.05, 0.55
    mid_x, mid_w, mid_h = 5.05, 1.3, 0.78
    j_x, j_y, j_w, j_h = 7.85, rows["mid"], 1.55, 0.78
    edges = [("a", "u"), ("b", "u"), ("a", "v"), ("c", "v"), ("b", "w"), ("c", "w")]
    shift = 0.08

    def spread(here, there, step):
        # edges leave and reach a box a little above or below its middle, toward the other end
        return here + step * float(np.sign(there - here))

    for source, target in edges:
        y0, y1 = inputs[source], middle[target]
        start = (in_x + in_w / 2, spread(y0, y1, 0.12))
        end = (mid_x - mid_w / 2, spread(y1, y0, 0.16))
        forward = _shift(start, end, shift)
        backward = _shift(end, start, shift)
        _arrow(ax, *_shorten(*forward, 0.02, 0.03), color=_FORWARD, linewidth=1.2)
        _arrow(ax, *_shorten(*backward, 0.03, 0.02), color=_BACKWARD, linewidth=1.0)
    for name, y in middle.items():
        start, end = (mid_x + mid_w / 2, y), (j_x - j_w / 2, spread(j_y, y, 0.2))
        # the backward arrow and its derivative on the outer side of the edge
        side = 1.0 if y > j_y else -1.0
        forward, backward = _shift(start, end, -side * shift), _shift(start, end, side * shift)
        _arrow(ax, *_shorten(*forward, 0.03, 0.03), color=_FORWARD, linewidth=1.3)
        _arrow(ax, *_shorten(*reversed(backward), 0.03, 0.03), color=_BACKWARD,
               linewidth=1.3)
        mx, my = _toward(*backward, math.dist(*backward) / 2)
        if y == j_y:
            place = dict(x=mx, y=my - 0.1, ha="center", va="top")
        else:
            place = dict(x=mx + 0.1, y=my + 0.06 * side, ha="left",
                         va="bottom" if side > 0 else "top")
        _label(ax, place.pop("x"), place.pop("y"), f"$dJ/d{name} = {der[name]}$",
               fontsize=11, color=_BACKWARD, background=False, **place)

    for name, y in inputs.items():
        _box(ax, in_x, y, in_w, in_h, f"${name} = {num[name]}$", fill=_NODE_FILL,
             fontsize=12, color=_FORWARD)
        closed = {"a": "b + c", "b": "a - 1", "c": "a - 1"}[name]
        _label(ax, in_x - in_w / 2 - 0.12, y,
               f"$dJ/d{name} = {closed} = {der[name]}$", fontsize=10.5,
               color=_BACKWARD, ha="right", background=False)
    for name, y in middle.items():
        _box(ax, mid_x, y, mid_w, mid_h, fill=_NODE_FILL)
        _label(ax, mid_x, y + 0.16, f"${formulas[name]}$", fontsize=11.5, background=False)
        _label(ax, mid_x, y - 0.17, f"$= {num[name]}$", fontsize=11.5, color=_FORWARD,
               background=False)
    _box(ax, j_x, j_y, j_w, j_h, fill=_NODE_FILL)
    _label(ax, j_x, j_y + 0.16, "$J = u + v - w$", fontsize=11.5, background=False)
    _label(ax, j_x, j_y - 0.17, f"$= {num['J']}$", fontsize=11.5, color=_FORWARD,
           background=False)

    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=_FORWARD, linewidth=2, marker=">", markersize=6,
                      label="forward pass: values, left to right"),
               Line2D([], [], color=_BACKWARD, linewidth=2, marker="<", markersize=6,
                      label="backward pass: derivatives, right to left")]
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=2,
              frameon=False, fontsize=9.5)
    factors = [_number(x) if x >= 0 else f"({_number(x)})" for x in (a - 1, b + c)]
    _label(ax, 8.85, 0.6, f"$J = (a - 1)(b + c) = {factors[0]} \\times {factors[1]}"
           f" = {num['J']}$", fontsize=9.5, color=_MUTED, ha="right", background=False)
    return fig


# ---------------------------------------------------------------------------------------------
# week 3: a network with one hidden layer


def _layer_nodes(ax, x, n, label, *, radius, step, centre_y, fill, fontsize=12):
    """Draw the nodes of a layer; return the (x, y) of each drawn node (gaps left out)."""
    slots = _slots(n)
    points = []
    for s, slot in enumerate(slots):
        y = centre_y + step * ((len(slots) - 1) / 2 - s)
        if slot is None:
            _label(ax, x, y, r"$\vdots$", fontsize=14, background=False)
            continue
        _circle(ax, x, y, radius, label(slot), fill=fill, fontsize=fontsize)
        points.append((x, y))
    return points


def shallow_network(n_x: int = 2, n_h: int = 4, n_y: int = 1):
    """Draw a network with ``n_x`` inputs, one hidden layer of ``n_h`` tanh units and ``n_y``
    sigmoid outputs, with the shapes of W^[1], b^[1], W^[2], b^[2] written on it.

    Layers wider than 6 are drawn with their first 4 nodes, a gap and the last node, numbered
    n_x, n_h or n_y.

    Returns
    -------
    matplotlib.figure.Figure
    """
    n_x = _positive_int(n_x, "n_x")
    n_h = _positive_int(n_h, "n_h")
    n_y = _positive_int(n_y, "n_y")
    tallest = max(len(_slots(n)) for n in (n_x, n_h, n_y))
    step, radius = (0.72, 0.3) if tallest <= 4 else (0.6, 0.27)
    span = step * (tallest - 1) + 2 * radius
    bottom = 1.15  # below: the names of the layers
    centre_y = bottom + span / 2
    top = bottom + span + 0.2  # the shapes of the parameters, above every edge
    fig, ax = _canvas(9.0, top + 0.75, f"A {n_x}-{n_h}-{n_y} network with one hidden layer")

    def index(i, n, name):
        # the last node of a layer drawn with a gap is numbered by the layer's size, n_x, n_h...
        return name if n > 6 and i == n else i

    xs = (1.35, 4.5, 7.35)
    common = dict(radius=radius, step=step, centre_y=centre_y)
    inputs = _layer_nodes(ax, xs[0], n_x, lambda i: f"$x_{{{index(i, n_x, 'n_x')}}}$",
                          fill=_NODE_FILL, **common)
    hidden = _layer_nodes(ax, xs[1], n_h,
                          lambda i: f"$a^{{[1]}}_{{{index(i, n_h, 'n_h')}}}$",
                          fill=_LINEAR_FILL, fontsize=11, **common)
    if n_y == 1:
        outputs = _layer_nodes(ax, xs[2], 1, lambda i: "$a^{[2]}$", fill=_ACTIVATION_FILL,
                               fontsize=11, **common)
        _arrow(ax, (xs[2] + radius, centre_y), (xs[2] + 0.95, centre_y))
        _label(ax, xs[2] + 1.0, centre_y, r"$\hat{y}$", fontsize=14, ha="left",
               background=False)
    else:
        outputs = _layer_nodes(ax, xs[2], n_y,
                               lambda i: f"$a^{{[2]}}_{{{index(i, n_y, 'n_y')}}}$",
                               fill=_ACTIVATION_FILL, fontsize=11, **common)
    for left, right in ((inputs, hidden), (hidden, outputs)):
        for p in left:
            for q in right:
                _arrow(ax, *_shorten(p, q, radius, radius + 0.01), color="#9aa5b1",
                       linewidth=0.9)

    # the parameters between the layers
    for k, (x_left, x_right, rows, cols) in enumerate(
            ((xs[0], xs[1], n_h, n_x), (xs[1], xs[2], n_y, n_h)), start=1):
        _label(ax, (x_left + x_right) / 2, top,
               f"$W^{{[{k}]}}$: ({rows}, {cols})    $b^{{[{k}]}}$: ({rows}, 1)",
               fontsize=11.5, color=_FORWARD, background=False)

    # the layers, and what each computes
    base = 0.8
    _label(ax, xs[0], base, "input layer", fontsize=11, background=False, fontweight="bold")
    _label(ax, xs[0], base - 0.34, f"$X$: ({n_x}, $m$)", fontsize=10.5, background=False)
    _label(ax, xs[1], base, "hidden layer: tanh", fontsize=11, background=False,
           fontweight="bold")
    _label(ax, xs[1], base - 0.34, r"$A^{[1]} = \tanh(W^{[1]} X + b^{[1]})$", fontsize=10.5,
           background=False)
    _label(ax, xs[2], base, "output layer: sigmoid", fontsize=11, background=False,
           fontweight="bold")
    _label(ax, xs[2], base - 0.34, r"$A^{[2]} = \sigma(W^{[2]} A^{[1]} + b^{[2]})$",
           fontsize=10.5, background=False)
    return fig


# ---------------------------------------------------------------------------------------------
# week 4: L-layer networks


def deep_blocks(L: int = 3):
    """Draw the forward and backward blocks of an ``L``-layer network.

    The forward row runs LINEAR -> RELU for layers 1 to L - 1 and LINEAR -> SIGMOID for layer L,
    each block keeping a cache; the backward row runs the other way, each block taking the
    cache of its layer and dA^[l], and giving dA^[l-1], dW^[l] and db^[l].

    Returns
    -------
    matplotlib.figure.Figure
    """
    L = _positive_int(L, "L")
    block_w, block_h, gap = 1.55, 0.7, 0.85
    left_margin, right_margin = 1.05, 1.55
    width = max(9.0, left_margin + L * block_w + (L - 1) * gap + right_margin)
    fig, ax = _canvas(width, 5.0, f"Forward and backward propagation, L = {L} "
                      f"layer{'s' if L > 1 else ''}")
    _label(ax, width / 2, 4.42,
           r"each cache holds $((A^{[l-1]}, W^{[l]}, b^{[l]}),\ Z^{[l]})$, "
           r"kept for the backward pass", fontsize=9.5, color=_MUTED, background=False)

    extra = (width - (left_margin + L * block_w + (L - 1) * gap + right_margin)) / 2
    xs = [extra + left_margin + block_w / 2 + k * (block_w + gap) for k in range(L)]
    fwd_y, bwd_y = 3.5, 1.55

    for layer, x in enumerate(xs, start=1):
        activation = "SIGMOID" if layer == L else "RELU"
        _box(ax, x, fwd_y, block_w, block_h, f"LINEAR → {activation}", fill=_LINEAR_FILL,
             fontsize=10, edge=_FORWARD)
        _label(ax, x, fwd_y + block_h / 2 + 0.15, f"layer {layer}", fontsize=9,
               color=_MUTED, background=False)
        _box(ax, x, bwd_y, block_w, block_h, fill=_BACKWARD_FILL, edge=_BACKWARD)
        _label(ax, x, bwd_y + 0.1, f"LINEAR ← {activation}", fontsize=10, background=False)
        _label(ax, x, bwd_y - 0.16, "backward", fontsize=8.5, color=_MUTED, background=False)
        # the cache goes down; the gradients of the parameters come out
        _arrow(ax, (x, fwd_y - block_h / 2), (x, bwd_y + block_h / 2), color=_CACHE,
               linestyle="--", linewidth=1.2)
        _label(ax, x + 0.08, (fwd_y + bwd_y) / 2, "cache", fontsize=9.5, color=_CACHE,
               ha="left", background=False, style="italic")
        _arrow(ax, (x, bwd_y - block_h / 2), (x, 0.62), color=_BACKWARD, linewidth=1.2)
        _label(ax, x, 0.42, f"$dW^{{[{layer}]}},\\ db^{{[{layer}]}}$", fontsize=11,
               color=_BACKWARD, background=False)
        # activations forward, their derivatives backward
        if layer < L:
            right = xs[layer] - block_w / 2
            _arrow(ax, (x + block_w / 2, fwd_y), (right, fwd_y), color=_FORWARD)
            _label(ax, (x + block_w / 2 + right) / 2, fwd_y + 0.2, f"$A^{{[{layer}]}}$",
                   fontsize=11, color=_FORWARD, background=False)
            _arrow(ax, (right, bwd_y), (x + block_w / 2, bwd_y), color=_BACKWARD)
            _label(ax, (x + block_w / 2 + right) / 2, bwd_y + 0.2, f"$dA^{{[{layer}]}}$",
                   fontsize=11, color=_BACKWARD, background=False)

    first = xs[0] - block_w / 2
    _label(ax, first - 0.45, fwd_y, "$X$", fontsize=13, color=_FORWARD, background=False)
    _arrow(ax, (first - 0.3, fwd_y), (first, fwd_y), color=_FORWARD)
    _label(ax, first - 0.45, fwd_y - 0.3, "$= A^{[0]}$", fontsize=9.5, color=_FORWARD,
           background=False)
    _arrow(ax, (first, bwd_y), (first - 0.3, bwd_y), color=_BACKWARD)
    _label(ax, first - 0.36, bwd_y, "$dA^{[0]}$", fontsize=9.5, color=_MUTED, ha="right",
           background=False)

    # the cost turns the forward pass around
    last = xs[-1] + block_w / 2
    cost_x, cost_y = last + 0.85, (fwd_y + bwd_y) / 2
    _box(ax, cost_x, cost_y, 1.1, 0.62, "cost $J$", fill="white", fontsize=11)
    _arrow(ax, (last, fwd_y), (cost_x, cost_y + 0.31), color=_FORWARD,
           connection="angle,angleA=0,angleB=90,rad=6")
    _label(ax, last + 0.12, fwd_y + 0.22, f"$A^{{[{L}]}} = \\hat{{y}}$", fontsize=11,
           color=_FORWARD, ha="left", background=False)
    _arrow(ax, (cost_x, cost_y - 0.31), (last, bwd_y), color=_BACKWARD,
           connection="angle,angleA=-90,angleB=0,rad=6")
    _label(ax, last + 0.12, bwd_y - 0.22, f"$dA^{{[{L}]}}$", fontsize=11, color=_BACKWARD,
           ha="left", background=False)
    return fig


def deep_model(L: int = 4):
    """Draw the ``L``-layer model [LINEAR -> RELU] x (L - 1) -> LINEAR -> SIGMOID, from the
    input X on the left to the prediction y_hat on the right.

    Returns
    -------
    matplotlib.figure.Figure
    """
    L = _positive_int(L, "L")
    title = f"The L-layer model, L = {L}: [LINEAR → RELU] × {L - 1} → LINEAR → SIGMOID" \
        if L > 1 else "The L-layer model, L = 1: LINEAR → SIGMOID"
    fig, ax = _canvas(9.0, 3.0, title)
    y, h = 1.4, 0.62

    def link(x0, x1, text):
        _arrow(ax, (x0, y), (x1, y))
        _label(ax, (x0 + x1) / 2, y + 0.22, text, fontsize=10, background=False)

    # with one layer only, the last layer moves left, to the middle
    shift, x_at = (0.0, 0.3) if L > 1 else (-1.3, 1.9)
    _label(ax, x_at, y, "$X$", fontsize=14, background=False)
    if L > 1:
        link(0.5, 1.65, "$A^{[0]}$")
        _box(ax, 2.85, y, 3.0, 1.3, fill="none", edge=_MUTED, linestyle="--", linewidth=1.0,
             rounding=0.16, zorder=1)
        _box(ax, 2.2, y, 1.1, h, "LINEAR", fill=_LINEAR_FILL, fontsize=10.5)
        link(2.75, 3.3, "$Z^{[l]}$")
        _box(ax, 3.75, y, 0.9, h, "RELU", fill=_ACTIVATION_FILL, fontsize=10.5)
        _label(ax, 4.35, y + 0.67, f"× {L - 1}", fontsize=13, fontweight="bold", ha="right",
               va="bottom", background=False)
        _label(ax, 2.85, y - 0.9, f"layers $l$ = 1 to {L - 1}  (L − 1 times)", fontsize=9.5,
               color=_MUTED, background=False)
        link(4.2, 5.05, f"$A^{{[{L - 1}]}}$")
    else:
        link(x_at + 0.2, 5.05 + shift, "$A^{[0]}$")
    _box(ax, 6.45 + shift, y, 3.0, 1.3, fill="none", edge=_MUTED, linestyle=":",
         linewidth=1.0, rounding=0.16, zorder=1)
    _box(ax, 5.6 + shift, y, 1.1, h, "LINEAR", fill=_LINEAR_FILL, fontsize=10.5)
    link(6.15 + shift, 6.7 + shift, f"$Z^{{[{L}]}}$")
    _box(ax, 7.3 + shift, y, 1.2, h, "SIGMOID", fill=_ACTIVATION_FILL, fontsize=10.5)
    _label(ax, 6.45 + shift, y - 0.9, f"layer {L}", fontsize=9.5, color=_MUTED,
           background=False)
    link(7.9 + shift, 8.45 + shift, f"$A^{{[{L}]}}$")
    _label(ax, 8.5 + shift, y, r"$\hat{y}$", fontsize=15, ha="left", background=False)
    return fig
