"""Pictures in the notebooks: a grid of images, a classifier's mistakes, and a picture of your own.

::

    from dlcourse.images import show_images, plot_mislabeled, load_image

    show_images(train_x[:8], ["cat" if y else "non-cat" for y in train_y[0, :8]])
    plot_mislabeled(classes, test_x, test_y, predictions)   # pictures the model got wrong
    image = load_image("my_cat.jpg")                         # (64, 64, 3) uint8, ready to flatten

``show_images`` and ``plot_mislabeled`` accept pictures as they come in the course: ``(n, h, w, 3)``
uint8 arrays, or flattened columns ``(h * w * 3, m)`` (values 0..255, or 0..1 once standardised).
``load_image`` reads any picture Pillow can open (PNG, JPEG, ...), crops its centre to a square and
resizes it, so that it can be fed to a model trained on the course's 64x64 pictures.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

__all__ = ["show_images", "plot_mislabeled", "load_image", "class_name"]


def class_name(classes, label) -> str:
    """The name of class ``label`` as text (``classes`` may hold bytes, as the data files do)."""
    name = classes[int(label)]
    if isinstance(name, (bytes, np.bytes_)):
        return bytes(name).decode("utf-8")
    return str(name)


def _displayable(image) -> np.ndarray:
    """An image as imshow draws it faithfully: uint8 0..255, or floats in 0..1."""
    image = np.asarray(image)
    if image.dtype == np.uint8:
        return image
    if image.dtype.kind == "b":
        return image.astype(np.float64)
    image = image.astype(np.float64)
    if image.size and image.max() > 1.0:  # 0..255 values held as floats or ints
        image = image / 255.0
    return np.clip(image, 0.0, 1.0)


def _as_pictures(images, num_px=None) -> np.ndarray:
    """``(n, h, w, c)`` pictures from a stack of pictures or from flattened columns."""
    images = np.asarray(images)
    if images.ndim == 4 or (images.ndim == 3 and images.shape[-1] not in (3, 4)):
        return images  # (n, h, w, c), or (n, h, w) grey pictures
    if images.ndim == 3:  # one (h, w, 3) picture
        return images[None]
    if images.ndim == 2:  # flattened columns (num_px * num_px * 3, m)
        side = num_px or math.isqrt(images.shape[0] // 3)
        if side * side * 3 != images.shape[0]:
            raise ValueError(
                f"cannot turn columns of {images.shape[0]} numbers into {side}x{side} RGB "
                f"pictures (that needs {side * side * 3}): pass num_px, or pictures of shape "
                "(m, num_px, num_px, 3)")
        return images.T.reshape(images.shape[1], side, side, 3)
    raise ValueError(f"expected pictures of shape (n, h, w, 3) or flattened columns "
                     f"(h * w * 3, m), got an array of shape {images.shape}")


def show_images(images, titles=None, ncols=5, size=2.0):
    """Draw pictures in a grid, each with its title; return the matplotlib figure.

    Parameters
    ----------
    images : array (n, h, w, 3) or (h * w * 3, n), or a list of (h, w, 3) arrays
        uint8 values 0..255, or floats (0..1, or 0..255).
    titles : list of str, optional
        One title per picture.
    ncols : int
        Pictures per row.
    size : float
        Side of one picture, in inches.
    """
    import matplotlib.pyplot as plt

    if isinstance(images, (list, tuple)):
        pictures = [np.asarray(image) for image in images]
    else:
        pictures = list(_as_pictures(images))
    if not pictures:
        raise ValueError("show_images needs at least one picture")
    if titles is not None and len(titles) != len(pictures):
        raise ValueError(f"{len(pictures)} pictures but {len(titles)} titles: give one title "
                         "per picture")
    ncols = max(1, min(int(ncols), len(pictures)))
    nrows = math.ceil(len(pictures) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows + 0.3 * nrows),
                             squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k < len(pictures):
            ax.imshow(_displayable(pictures[k]), interpolation="nearest")
            if titles is not None:
                ax.set_title(str(titles[k]), fontsize=9)
    fig.tight_layout()
    return fig


def plot_mislabeled(classes, X, y, p, num_px=64, max_images=10, ncols=5):
    """Show the pictures whose prediction ``p`` differs from the label ``y``.

    Parameters
    ----------
    classes : array of class names (bytes or str), label 0 first
    X : the pictures: flattened columns (num_px * num_px * 3, m), e.g. the standardised test set,
        or pictures (m, num_px, num_px, 3)
    y, p : arrays of m labels and predictions (0 or 1), shaped (1, m) or (m,)
    num_px : side of a picture in pixels, used to unflatten columns
    max_images : at most this many pictures are drawn (the first mistakes, in data order)

    Returns the indices (in the data) of every mislabelled picture, and prints how many there
    are out of how many pictures.
    """
    y = np.asarray(y).reshape(-1)
    p = np.asarray(p).reshape(-1)
    if y.shape != p.shape:
        raise ValueError(f"{y.size} labels but {p.size} predictions: pass the labels and the "
                         "predictions of the same pictures")
    pictures = _as_pictures(X, num_px)
    if pictures.shape[0] != y.size:
        raise ValueError(f"{pictures.shape[0]} pictures but {y.size} labels: pass the pictures "
                         "(and num_px) that go with these labels")
    wrong = np.flatnonzero(np.round(p).astype(int) != np.round(y).astype(int))
    print(f"{wrong.size} of {y.size} pictures are mislabelled"
          + (f"; showing the first {min(wrong.size, max_images)}" if wrong.size else "."))
    if wrong.size:
        shown = wrong[:max_images]
        titles = [f"#{i}\ntrue: {class_name(classes, y[i])}\n"
                  f"predicted: {class_name(classes, p[i])}" for i in shown]
        fig = show_images(pictures[shown], titles, ncols=ncols)
        fig.set_figheight(fig.get_figheight() + 0.4 * math.ceil(len(shown) / ncols))
        fig.tight_layout()
    return wrong


def load_image(path, num_px=64) -> np.ndarray:
    """Read a picture file; return its centre square resized to ``(num_px, num_px, 3)`` uint8.

    Any format Pillow reads works (PNG, JPEG, GIF, BMP, WebP...). Transparent pictures are laid
    on white, grey ones become RGB. Raises ``FileNotFoundError`` for a missing file and
    ``ValueError`` for a file that is not a picture, each saying what to do.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    path = Path(path).expanduser()
    if not path.is_file():
        where = path.parent if str(path.parent) not in ("", ".") else Path.cwd()
        hint = "the folder does not exist" if not where.is_dir() else \
            "pictures there: " + (", ".join(sorted(
                q.name for q in where.iterdir()
                if q.suffix.lower() in {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"})[:10])
                or "none")
        what = "a folder, not a file" if path.is_dir() else "no such file"
        raise FileNotFoundError(
            f"Cannot find the picture {str(path)!r} ({what}; {hint}). Put your picture in the "
            "folder of this notebook (or give its full path) and check the spelling of the name, "
            "including its extension (.jpg, .png...).")
    try:
        with Image.open(path) as opened:
            image = ImageOps.exif_transpose(opened)  # photos taken sideways come upright
            image.load()
    except UnidentifiedImageError:
        raise ValueError(f"{str(path)!r} is not a picture that can be read (Pillow does not "
                         "recognise its format): use a PNG or JPEG file.") from None
    except OSError as error:
        raise ValueError(f"{str(path)!r} could not be read as a picture ({error}): the file may "
                         "be damaged or truncated; try saving it again as PNG or JPEG.") from None
    return square_rgb(image, int(num_px))


def square_rgb(image, size: int) -> np.ndarray:
    """A Pillow image as a ``(size, size, 3)`` uint8 array: its centre square, resized, in RGB.

    16- and 32-bit grey images are scaled to 0..255 rather than clipped, and transparent ones are
    laid on white. Used for a learner's own picture and for importing a folder of pictures.
    """
    from PIL import Image

    if image.mode.startswith("I"):
        grey = np.asarray(image, dtype=np.float64)
        if image.mode.startswith("I;16") or grey.max() > 255:
            grey = grey / 257.0
        image = Image.fromarray(np.clip(np.round(grey), 0, 255).astype(np.uint8))
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    image = image.convert("RGB")
    width, height = image.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    image = image.crop((left, top, left + side, top + side))
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    return np.asarray(image, dtype=np.uint8).copy()
