"""Build a cat / non-cat data set from a folder of your own pictures.

The folder must hold one sub-folder per class::

    DIR/cat/        pictures of cats
    DIR/non-cat/    pictures of anything else

in any format Pillow reads (JPEG, PNG, GIF, BMP, WebP, ...). Each picture is turned upright
(following its EXIF orientation), cropped to its central square, resized to 64x64 and converted
to RGB (transparent areas become white). The pictures of each class are shuffled with a seed and
split into training and test pictures in the stated proportion, and the two files are written in
the course's schema (``train_catvnoncat.h5``, ``test_catvnoncat.h5``), ready for
``dlcourse.load_cat_dataset(OUT)``.

Pictures that cannot be read are skipped and listed with the reason; existing output files are
never overwritten unless asked (``force=True``, ``--force``).

From the command line::

    dlcourse data import DIR [--out datasets] [--test-fraction 0.2] [--seed 1] [--force]
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .data import CLASSES, FILES, IMAGE_SHAPE, load_cat_dataset
from .images import square_rgb

CLASS_DIRS = ("non-cat", "cat")  # folder names; the label is the position (0 = non-cat, 1 = cat)


class DataImportError(ValueError):
    """The pictures cannot be turned into a data set (a message says why and what to do)."""


@dataclass
class ImportReport:
    """What an import did: pictures per class in each split, skipped files, files written."""

    counts: dict = field(default_factory=dict)  # {"train": {"cat": n, "non-cat": n}, "test": ...}
    skipped: list = field(default_factory=list)  # [(path, reason), ...]
    written: list = field(default_factory=list)  # [Path, Path]

    def summary(self):
        lines = []
        for split in ("train", "test"):
            c = self.counts.get(split, {})
            total = sum(c.values())
            lines.append(f"{split}: {total} pictures ({c.get('cat', 0)} cat, "
                         f"{c.get('non-cat', 0)} non-cat)")
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)} file(s) that could not be read:")
            lines += [f"  {path}: {reason}" for path, reason in self.skipped]
        else:
            lines.append("skipped no files")
        lines += [f"wrote {path}" for path in self.written]
        return "\n".join(lines)


def load_picture(path, size=IMAGE_SHAPE[0]):
    """One picture as a (size, size, 3) uint8 array: upright, centre-cropped, resized, RGB."""
    from PIL import Image, ImageOps

    with Image.open(path) as im:
        im.load()
        return square_rgb(ImageOps.exif_transpose(im), size)


def _class_files(src):
    src = Path(src)
    if not src.is_dir():
        raise DataImportError(
            f"The picture folder {src} does not exist.\n"
            f"  expected: a folder holding the sub-folders {src / 'cat'} and {src / 'non-cat'}\n"
            f"  how to fix: check the path (it is relative to {Path.cwd()})"
        )
    files = {}
    for name in CLASS_DIRS:
        folder = src / name
        present = sorted(p.name + "/" for p in src.iterdir() if p.is_dir())
        if not folder.is_dir():
            raise DataImportError(
                f"The class folder {folder} is missing.\n"
                f"  expected: the sub-folders cat/ and non-cat/ in {src}\n"
                f"  found:    {', '.join(present) or 'no sub-folders'}\n"
                f"  how to fix: put the cat pictures in {src / 'cat'} and all the others in "
                f"{src / 'non-cat'} (the names must be exactly these)"
            )
        found = sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.name)
        if not found:
            raise DataImportError(
                f"The class folder {folder} is empty.\n"
                f"  expected: pictures (JPEG, PNG, ...) of class '{name}'\n"
                f"  found:    no files\n"
                f"  how to fix: add at least two pictures to {folder}"
            )
        files[name] = found
    return files


def _write(path, split, x, y):
    import h5py

    tmp = path.with_name(f".{path.name}.partial")
    with h5py.File(tmp, "w", libver="earliest") as f:
        f.create_dataset(f"{split}_set_x", data=x, track_times=False)
        f.create_dataset(f"{split}_set_y", data=y, track_times=False)
        f.create_dataset("list_classes", data=np.array(CLASSES, dtype="S7"), track_times=False)
    os.replace(tmp, path)


def import_folder(src_dir, out_dir, test_fraction=0.2, seed=1, progress=True, force=False):
    """Build ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` in ``out_dir`` from ``src_dir``.

    Parameters
    ----------
    src_dir : folder with the sub-folders ``cat/`` and ``non-cat/``.
    out_dir : folder to write the two files into (made if missing).
    test_fraction : share of each class kept for the test set (0 < test_fraction < 1); at least
        one picture of each class goes to each split.
    seed : seed of the shuffle, so that the same folder gives the same split.
    progress : show a progress bar while reading the pictures.
    force : overwrite existing output files.

    Returns an ``ImportReport``; raises ``DataImportError`` when it cannot do the job.
    """
    from tqdm.auto import tqdm

    if not 0 < float(test_fraction) < 1:
        raise DataImportError(
            f"The test fraction must be between 0 and 1 (exclusive); got {test_fraction}.\n"
            "  how to fix: use e.g. 0.2 to keep a fifth of each class for testing"
        )
    out_dir = Path(out_dir)
    targets = {split: out_dir / name for split, name in FILES.items()}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing and not force:
        raise DataImportError(
            f"The output file(s) {', '.join(existing)} already exist; they are not overwritten.\n"
            "  how to fix: choose another output folder (--out DIR), or pass --force "
            "(force=True) to replace them"
        )
    files = _class_files(src_dir)

    report = ImportReport()
    pictures = {name: [] for name in CLASS_DIRS}
    total = sum(len(v) for v in files.values())
    with tqdm(total=total, desc="reading pictures", unit="picture", disable=not progress) as bar:
        for name in CLASS_DIRS:
            for path in files[name]:
                try:
                    pictures[name].append(load_picture(path))
                except Exception as exc:  # any unreadable file is reported, never fatal
                    report.skipped.append((str(path), f"{type(exc).__name__}: {exc}"))
                bar.update(1)

    rng = np.random.default_rng(seed)
    parts = {"train": ([], []), "test": ([], [])}
    for label, name in enumerate(CLASS_DIRS):
        n = len(pictures[name])
        if n < 2:
            raise DataImportError(
                f"Only {n} readable picture(s) in {Path(src_dir) / name}.\n"
                "  expected: at least 2 per class, one for training and one for testing\n"
                f"  found:    {len(files[name])} file(s), {len(files[name]) - n} unreadable\n"
                "  how to fix: add readable pictures to that folder"
                + ("\n" + report.summary() if report.skipped else "")
            )
        n_test = min(max(int(round(test_fraction * n)), 1), n - 1)
        order = rng.permutation(n)
        for split, idx in (("test", order[:n_test]), ("train", order[n_test:])):
            parts[split][0].extend(pictures[name][i] for i in idx)
            parts[split][1].extend([label] * len(idx))

    out_dir.mkdir(parents=True, exist_ok=True)
    for split, (xs, ys) in parts.items():
        order = rng.permutation(len(ys))
        x = np.stack(xs)[order]
        y = np.array(ys, dtype=np.int64)[order]
        _write(targets[split], split, x, y)
        report.written.append(targets[split])
        report.counts[split] = {"cat": int(y.sum()), "non-cat": int((y == 0).sum())}
    load_cat_dataset(out_dir)  # the files must pass the course's own checks
    return report


def cli(argv=None):
    """``dlcourse data import DIR [--out DIR] [--test-fraction F] [--seed N] [--force]``."""
    parser = argparse.ArgumentParser(
        prog="dlcourse data import",
        description="Build train_catvnoncat.h5 and test_catvnoncat.h5 from DIR/cat/ and "
                    "DIR/non-cat/ (any picture format Pillow reads).",
    )
    parser.add_argument("DIR", help="folder holding the sub-folders cat/ and non-cat/")
    parser.add_argument("--out", default="datasets",
                        help="folder to write the two files into (default: datasets)")
    parser.add_argument("--test-fraction", type=float, default=0.2,
                        help="share of each class kept for testing (default: 0.2)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the split (default: 1)")
    parser.add_argument("--force", action="store_true", help="overwrite existing output files")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    try:
        report = import_folder(args.DIR, args.out, args.test_fraction, args.seed,
                               progress=not args.quiet, force=args.force)
    except DataImportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(report.summary())
    print(f"use them with: load_cat_dataset({str(args.out)!r}) or "
          f"DLCOURSE_DATA_DIR={args.out}")
    return 0
