"""The cat / non-cat picture data of the course, loaded and checked.

``load_cat_dataset()`` reads ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` and returns the
same five arrays as the classic course's ``load_dataset()``::

    train_x, train_y, test_x, test_y, classes = load_cat_dataset()
    # train_x (209, 64, 64, 3) uint8, train_y (1, 209) int64, classes [b'non-cat' b'cat']

The files are looked for, in this order, in:

1. the ``data_dir`` argument;
2. the folder named by the environment variable ``DLCOURSE_DATA_DIR``;
3. the nearest ``datasets/`` folder holding ``train_catvnoncat.h5``, walking up from the
   current working directory;
4. the ``datasets/`` folder beside the installed ``dlcourse`` package.

Every file is checked against the schema. A file that does not fit raises ``DatasetError``
(a ``ValueError``) naming the file, what was expected, what was found and how to fix it;
a missing file raises ``DatasetNotFoundError``, which is also a ``FileNotFoundError``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

ENV_VAR = "DLCOURSE_DATA_DIR"
FILES = {"train": "train_catvnoncat.h5", "test": "test_catvnoncat.h5"}
IMAGE_SHAPE = (64, 64, 3)
CLASSES = (b"non-cat", b"cat")

_REMAKE = "python datasets/make_catvnoncat.py"


class DatasetError(ValueError):
    """A data file is missing or does not follow the course's schema."""


class DatasetNotFoundError(DatasetError, FileNotFoundError):
    """A data file is missing."""


def find_data_dir(data_dir=None):
    """The folder to read the data from, and a few words on how it was chosen.

    Returns ``(path, how)``; see the module docstring for the order of the places looked at.
    """
    if data_dir is not None:
        return Path(data_dir).expanduser().absolute(), "given as data_dir"
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().absolute(), f"from the environment variable {ENV_VAR}"
    cwd = Path.cwd().resolve()
    for folder in (cwd, *cwd.parents):
        candidate = folder / "datasets"
        if (candidate / FILES["train"]).is_file():
            return candidate, "the nearest datasets/ folder above the working directory"
    return Path(__file__).resolve().parents[1] / "datasets", "the folder beside the package"


def _problem(path, what, expected, found, fix):
    return DatasetError(
        f"Problem with the data file {path}: {what}.\n"
        f"  expected: {expected}\n"
        f"  found:    {found}\n"
        f"  how to fix: {fix}"
    )


def _fix_file(path):
    return (
        f"replace {Path(path).name} by a file in the course's schema (remake the course's own "
        f"files with `{_REMAKE}`, or build your own with `dlcourse data import DIR`), or point "
        f"{ENV_VAR} at a folder holding good files"
    )


def _read_split(path, split):
    """Read and check one file; returns (x, y, classes) with y flat int64 and classes bytes."""
    import h5py

    path = Path(path)
    try:
        f = h5py.File(path, "r")
    except OSError as exc:
        with open(path, "rb") as raw:
            head = raw.read(64)
        if not head:
            found = "an empty file (0 bytes)"
            cause = "the file was not written or not copied completely; "
        elif head.startswith(b"version https://git-lfs"):
            found = f"a Git LFS pointer: {head[:40]!r}..."
            cause = ("only the Git LFS pointer was checked out, not the data: run "
                     "`git lfs pull` in the repository, or ")
        else:
            found = f"first bytes {head[:16]!r} ({type(exc).__name__}: {exc})"
            cause = ("the file is damaged, truncated, or another format renamed to .h5; ")
        raise _problem(
            path, "it is not an HDF5 file",
            "an HDF5 file (its first bytes are b'\\x89HDF\\r\\n\\x1a\\n')",
            found, cause + _fix_file(path),
        ) from None
    with f:
        keys = sorted(f.keys())
        arrays = {}
        for key in (f"{split}_set_x", f"{split}_set_y", "list_classes"):
            if key not in f:
                raise _problem(
                    path, f"the dataset '{key}' is missing",
                    f"the datasets {split}_set_x, {split}_set_y and list_classes",
                    f"the keys {keys}",
                    ("a train file was given where a test file was expected, or the other way "
                     "round; " if any(k.endswith("_set_x") for k in keys) else "")
                    + _fix_file(path),
                )
            if not isinstance(f[key], h5py.Dataset):
                raise _problem(path, f"'{key}' is a group, not a dataset",
                               f"'{key}' to be an array", f"a group holding {sorted(f[key])}",
                               _fix_file(path))
            arrays[key] = f[key][()]
    x = arrays[f"{split}_set_x"]
    y = arrays[f"{split}_set_y"]
    classes = arrays["list_classes"]

    xkey, ykey = f"{split}_set_x", f"{split}_set_y"
    if x.dtype != np.uint8:
        raise _problem(path, f"'{xkey}' has the wrong dtype",
                       "uint8 (8-bit pixel values 0..255)", f"dtype {x.dtype}",
                       "store the pictures as uint8, e.g. np.clip(x, 0, 255).astype(np.uint8) "
                       "if they are 0..255, or (x * 255).round() first if they are 0..1; "
                       + _fix_file(path))
    if x.ndim != 4 or x.shape[1:] != IMAGE_SHAPE:
        raise _problem(path, f"'{xkey}' has the wrong shape",
                       f"(m, {', '.join(map(str, IMAGE_SHAPE))}): m pictures of 64x64 pixels "
                       "with 3 colour channels (RGB)", f"shape {x.shape}",
                       "resize the pictures to 64x64 RGB, channels last (`dlcourse data import "
                       "DIR` does it for a folder of pictures); " + _fix_file(path))
    if x.shape[0] == 0:
        raise _problem(path, f"'{xkey}' holds no pictures", "at least one picture",
                       f"shape {x.shape}", _fix_file(path))
    if not np.issubdtype(y.dtype, np.integer):
        raise _problem(path, f"'{ykey}' has the wrong dtype", "integer labels (0 or 1)",
                       f"dtype {y.dtype}", "store the labels as integers; " + _fix_file(path))
    if y.ndim == 2 and 1 in y.shape:
        y = y.reshape(-1)
    if y.ndim != 1:
        raise _problem(path, f"'{ykey}' has the wrong shape", "(m,): one label per picture",
                       f"shape {y.shape}", _fix_file(path))
    if y.shape[0] != x.shape[0]:
        raise _problem(path, "the numbers of pictures and labels differ",
                       f"as many labels in '{ykey}' as pictures in '{xkey}'",
                       f"{x.shape[0]} pictures and {y.shape[0]} labels",
                       "the file was cut or assembled wrongly; " + _fix_file(path))
    bad = np.setdiff1d(np.unique(y), [0, 1])
    if bad.size:
        raise _problem(path, f"'{ykey}' holds labels other than 0 and 1",
                       "only 0 (non-cat) and 1 (cat)",
                       f"also the values {bad[:10].tolist()}"
                       f" ({int(np.isin(y, bad).sum())} of {y.size} labels)",
                       "this course classifies two classes: relabel 1 = cat, 0 = non-cat; "
                       + _fix_file(path))
    return x, y.astype(np.int64), _check_classes(path, classes)


def _check_classes(path, classes):
    expected = f"{list(CLASSES)} (bytes or str)"
    if classes.ndim != 1 or classes.shape[0] != 2:
        raise _problem(path, "'list_classes' has the wrong shape", expected,
                       f"shape {classes.shape}: {classes!r}", _fix_file(path))
    names = []
    for item in classes.tolist():
        if isinstance(item, str):
            item = item.encode("utf-8")
        if not isinstance(item, bytes):
            raise _problem(path, "'list_classes' does not hold class names", expected,
                           f"{classes.tolist()!r} (dtype {classes.dtype})", _fix_file(path))
        names.append(item)
    if tuple(names) != CLASSES:
        raise _problem(path, "'list_classes' has the wrong class names or order", expected,
                       f"{names}",
                       "label 0 must be 'non-cat' and label 1 'cat'; " + _fix_file(path))
    return np.array(names, dtype="S7")


def load_cat_dataset(data_dir=None):
    """Load the cat / non-cat pictures, checked against the course's schema.

    Parameters
    ----------
    data_dir : str or Path, optional
        Folder holding ``train_catvnoncat.h5`` and ``test_catvnoncat.h5``. By default the
        environment variable ``DLCOURSE_DATA_DIR``, else the nearest ``datasets/`` folder above
        the working directory, else the one beside the package.

    Returns
    -------
    train_x : ndarray, uint8, (m_train, 64, 64, 3)
    train_y : ndarray, int64, (1, m_train), 1 = cat
    test_x : ndarray, uint8, (m_test, 64, 64, 3)
    test_y : ndarray, int64, (1, m_test)
    classes : ndarray of bytes, ``[b'non-cat', b'cat']``

    Raises
    ------
    DatasetNotFoundError
        A file is missing (also a ``FileNotFoundError``).
    DatasetError
        A file is not HDF5 or does not follow the schema (also a ``ValueError``).
    """
    folder, how = find_data_dir(data_dir)
    out = {}
    for split, name in FILES.items():
        path = folder / name
        if not path.is_file():
            found = "the folder does not exist" if not folder.is_dir() else (
                "the folder holds " + (", ".join(sorted(p.name for p in folder.iterdir())[:10])
                                       or "nothing"))
            raise DatasetNotFoundError(
                f"Cannot find the data file {path}.\n"
                f"  expected: {FILES['train']} and {FILES['test']} in {folder} ({how})\n"
                f"  found:    {found}\n"
                f"  how to fix: run from inside the course folder, pass data_dir='...', or set "
                f"the environment variable {ENV_VAR} to the folder holding the two files; "
                f"to remake the course's files, run `{_REMAKE}`"
            )
        out[split] = _read_split(path, split)
    train_x, train_y, _ = out["train"]
    test_x, test_y, classes = out["test"]
    return train_x, train_y.reshape(1, -1), test_x, test_y.reshape(1, -1), classes
