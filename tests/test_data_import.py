"""Building a data set from a folder of pictures: ``dlcourse data import DIR``."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from dlcourse.data import load_cat_dataset
from dlcourse.data_import import DataImportError, cli, import_folder, load_picture


def make_folder(root, n_cat=6, n_non=9):
    """cat/ and non-cat/ with PNG and JPEG pictures of various sizes and modes, plus bad files."""
    root = Path(root)
    sizes = [(64, 64), (120, 80), (50, 90), (300, 200), (33, 33)]
    modes = ["RGB", "RGB", "L", "RGBA", "P"]
    for name, n in (("cat", n_cat), ("non-cat", n_non)):
        (root / name).mkdir(parents=True)
        for i in range(n):
            colour = (200, 120, 40) if name == "cat" else (40, 120, 200)
            im = Image.new("RGB", sizes[i % len(sizes)], colour).convert(modes[i % len(modes)])
            suffix = ".jpg" if i % 2 and im.mode in ("RGB", "L") else ".png"
            im.save(root / name / f"{name}{i:02d}{suffix}")
    good = (root / "cat" / "cat00.png").read_bytes()
    (root / "cat" / "broken.png").write_bytes(good[:40])  # a truncated PNG
    (root / "non-cat" / "notes.txt").write_text("not a picture\n")
    return root


def test_import_builds_files_the_loader_accepts(tmp_path):
    src = make_folder(tmp_path / "pics")
    report = import_folder(src, tmp_path / "out", test_fraction=0.25, seed=3, progress=False)
    train_x, train_y, test_x, test_y, classes = load_cat_dataset(tmp_path / "out")
    assert classes.tolist() == [b"non-cat", b"cat"]
    assert train_x.shape[1:] == (64, 64, 3) and train_x.dtype == np.uint8
    # 6 cats: round(1.5) = 2 for testing; 9 non-cats: round(2.25) = 2 for testing
    assert report.counts == {"train": {"cat": 4, "non-cat": 7}, "test": {"cat": 2, "non-cat": 2}}
    assert train_y.shape == (1, 11) and int(train_y.sum()) == 4
    assert test_y.shape == (1, 4) and int(test_y.sum()) == 2
    # colours follow the labels: cats are orange, the others blue (grey when saved as "L")
    x = np.concatenate([train_x, test_x]).astype(int)
    y = np.concatenate([train_y, test_y], axis=1)[0]
    red_minus_blue = (x[..., 0] - x[..., 2]).mean(axis=(1, 2))
    assert (red_minus_blue[y == 1] >= 0).all() and (red_minus_blue[y == 1] > 100).sum() >= 4
    assert (red_minus_blue[y == 0] <= 0).all() and (red_minus_blue[y == 0] < -100).sum() >= 6


def test_unreadable_files_are_reported(tmp_path):
    src = make_folder(tmp_path / "pics")
    report = import_folder(src, tmp_path / "out", progress=False)
    skipped = {Path(path).name: reason for path, reason in report.skipped}
    assert set(skipped) == {"broken.png", "notes.txt"}
    assert "UnidentifiedImageError" in skipped["notes.txt"]
    summary = report.summary()
    assert "skipped 2 file(s)" in summary and "broken.png" in summary and "notes.txt" in summary


def test_same_seed_same_split(tmp_path):
    src = make_folder(tmp_path / "pics")
    import_folder(src, tmp_path / "a", seed=5, progress=False)
    import_folder(src, tmp_path / "b", seed=5, progress=False)
    for split in ("train", "test"):
        a = (tmp_path / "a" / f"{split}_catvnoncat.h5").read_bytes()
        b = (tmp_path / "b" / f"{split}_catvnoncat.h5").read_bytes()
        assert a == b


def test_centre_crop(tmp_path):
    im = np.zeros((100, 300, 3), np.uint8)
    im[:, :100] = (255, 0, 0)
    im[:, 100:200] = (0, 255, 0)
    im[:, 200:] = (0, 0, 255)
    Image.fromarray(im).save(tmp_path / "wide.png")
    out = load_picture(tmp_path / "wide.png")
    assert out.shape == (64, 64, 3)
    assert (out[:, 2:-2, 1] > 240).all() and (out[:, 2:-2, [0, 2]] < 15).all()


def test_refuses_to_overwrite(tmp_path):
    src = make_folder(tmp_path / "pics")
    out = tmp_path / "out"
    out.mkdir()
    (out / "train_catvnoncat.h5").write_bytes(b"precious")
    with pytest.raises(DataImportError, match="(?s)already exist.*--force"):
        import_folder(src, out, progress=False)
    assert (out / "train_catvnoncat.h5").read_bytes() == b"precious"
    assert not (out / "test_catvnoncat.h5").exists()
    import_folder(src, out, progress=False, force=True)
    assert load_cat_dataset(out)[0].shape[0] > 0


def test_missing_class_folder(tmp_path):
    (tmp_path / "pics" / "cat").mkdir(parents=True)
    (tmp_path / "pics" / "dogs").mkdir()
    with pytest.raises(DataImportError) as info:
        import_folder(tmp_path / "pics", tmp_path / "out", progress=False)
    msg = str(info.value)
    assert "non-cat" in msg and "missing" in msg and "cat/, dogs/" in msg


def test_empty_class_folder(tmp_path):
    src = make_folder(tmp_path / "pics")
    for p in (src / "cat").iterdir():
        p.unlink()
    with pytest.raises(DataImportError, match="is empty"):
        import_folder(src, tmp_path / "out", progress=False)


def test_too_few_readable_pictures(tmp_path):
    src = make_folder(tmp_path / "pics", n_cat=1)
    with pytest.raises(DataImportError, match="Only 1 readable picture"):
        import_folder(src, tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


def test_bad_test_fraction(tmp_path):
    src = make_folder(tmp_path / "pics")
    with pytest.raises(DataImportError, match="between 0 and 1"):
        import_folder(src, tmp_path / "out", test_fraction=1.5, progress=False)


def test_cli(tmp_path, capsys):
    src = make_folder(tmp_path / "pics")
    out = tmp_path / "out"
    args = [str(src), "--out", str(out), "--test-fraction", "0.3", "--seed", "2", "--quiet"]
    assert cli(args) == 0
    printed = capsys.readouterr().out
    assert "train:" in printed and "broken.png" in printed
    assert load_cat_dataset(out)[1].shape[0] == 1
    assert cli(args) == 1  # the files exist now
    assert "already exist" in capsys.readouterr().err
    assert cli(args + ["--force"]) == 0


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path):
    grey = np.full((50, 70), 32768, np.uint16)  # mid-grey in 16 bits
    Image.fromarray(grey).save(tmp_path / "deep.png")
    out = load_picture(tmp_path / "deep.png")
    assert out.shape == (64, 64, 3) and abs(int(out.mean()) - 128) <= 1
