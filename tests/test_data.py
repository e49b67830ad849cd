"""The shipped cat data, its generator, and the checks of ``load_cat_dataset``."""

import hashlib
import importlib.util
from pathlib import Path

import h5py
import numpy as np
import pytest

from dlcourse.data import DatasetError, DatasetNotFoundError, find_data_dir, load_cat_dataset

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"


def _generator():
    path = DATASETS / "make_catvnoncat.py"
    spec = importlib.util.spec_from_file_location("make_catvnoncat", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_split(path, split, x=None, y=None, classes=None, m=6, skip=()):
    """Write a small file in the course's schema; arguments replace one part by a bad one."""
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, size=(m, 64, 64, 3), dtype=np.uint8) if x is None else x
    y = np.arange(m, dtype=np.int64) % 2 if y is None else y
    classes = np.array([b"non-cat", b"cat"]) if classes is None else classes
    with h5py.File(path, "w") as f:
        for key, value in ((f"{split}_set_x", x), (f"{split}_set_y", y), ("list_classes", classes)):
            if key not in skip:
                f.create_dataset(key, data=value)


def write_pair(folder, m_train=6, m_test=4, **bad_test):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_split(folder / "train_catvnoncat.h5", "train", m=m_train)
    write_split(folder / "test_catvnoncat.h5", "test", m=m_test, **bad_test)
    return folder


# ---- the shipped files ---------------------------------------------------------------------


def test_shipped_files_follow_the_schema():
    train_x, train_y, test_x, test_y, classes = load_cat_dataset(DATASETS)
    assert train_x.shape == (209, 64, 64, 3) and train_x.dtype == np.uint8
    assert test_x.shape == (50, 64, 64, 3) and test_x.dtype == np.uint8
    assert train_y.shape == (1, 209) and test_y.shape == (1, 50)
    assert int(train_y.sum()) == 72 and int(test_y.sum()) == 33
    assert classes.tolist() == [b"non-cat", b"cat"]
    for split in ("train", "test"):
        with h5py.File(DATASETS / f"{split}_catvnoncat.h5", "r") as f:
            assert sorted(f) == sorted([f"{split}_set_x", f"{split}_set_y", "list_classes"])
            assert f[f"{split}_set_y"].dtype == np.int64 and f[f"{split}_set_y"].ndim == 1
            assert f["list_classes"].dtype == np.dtype("S7")


def test_shipped_pictures_are_varied():
    train_x, train_y, _, _, _ = load_cat_dataset(DATASETS)
    flat = train_x.reshape(len(train_x), -1).astype(float)
    assert len(np.unique(flat, axis=0)) == len(flat)  # no duplicates
    assert 40 < flat.mean() < 200 and flat.std() > 30  # neither blank nor saturated


def test_generator_reproduces_some_shipped_pictures():
    gen = _generator()
    with h5py.File(DATASETS / "train_catvnoncat.h5", "r") as f:
        shipped_x, shipped_y = f["train_set_x"][:], f["train_set_y"][:]
    picks = [0, 1, 2, 100, 208]
    x, y = gen.make_split("train", indices=picks)
    np.testing.assert_array_equal(x, shipped_x[picks])
    np.testing.assert_array_equal(y, shipped_y[picks])


def test_generator_rebuilds_the_shipped_files_byte_for_byte(tmp_path):
    gen = _generator()
    for path in gen.generate(tmp_path):
        fresh = hashlib.sha256(path.read_bytes()).hexdigest()
        shipped = hashlib.sha256((DATASETS / path.name).read_bytes()).hexdigest()
        assert fresh == shipped, f"{path.name} differs from a fresh run of the generator"


# ---- where the files are looked for ---------------------------------------------------------


def test_environment_variable_overrides_the_default(tmp_path, monkeypatch):
    write_pair(tmp_path / "mine", m_train=6, m_test=4)
    monkeypatch.setenv("DLCOURSE_DATA_DIR", str(tmp_path / "mine"))
    train_x, train_y, test_x, test_y, _ = load_cat_dataset()
    assert train_x.shape[0] == 6 and test_x.shape[0] == 4 and test_y.shape == (1, 4)


def test_argument_wins_over_environment_variable(tmp_path, monkeypatch):
    write_pair(tmp_path / "arg", m_train=8, m_test=2)
    monkeypatch.setenv("DLCOURSE_DATA_DIR", str(tmp_path / "nowhere"))
    assert load_cat_dataset(tmp_path / "arg")[0].shape[0] == 8


def test_nearest_datasets_folder_above_the_working_directory(tmp_path, monkeypatch):
    write_pair(tmp_path / "datasets", m_train=5, m_test=3)
    deeper = tmp_path / "week2" / "notebooks"
    deeper.mkdir(parents=True)
    monkeypatch.delenv("DLCOURSE_DATA_DIR", raising=False)
    monkeypatch.chdir(deeper)
    assert find_data_dir()[0] == tmp_path / "datasets"
    assert load_cat_dataset()[0].shape[0] == 5


def test_falls_back_to_the_folder_beside_the_package(tmp_path, monkeypatch):
    monkeypatch.delenv("DLCOURSE_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert find_data_dir()[0] == DATASETS


# ---- bad files: one clear message each -------------------------------------------------------


def _error(folder):
    with pytest.raises(DatasetError) as info:
        load_cat_dataset(folder)
    return str(info.value)


def test_missing_file(tmp_path):
    write_split(tmp_path / "train_catvnoncat.h5", "train")
    with pytest.raises(DatasetNotFoundError) as info:
        load_cat_dataset(tmp_path)
    assert isinstance(info.value, FileNotFoundError)
    msg = str(info.value)
    assert "test_catvnoncat.h5" in msg and "DLCOURSE_DATA_DIR" in msg
    assert "train_catvnoncat.h5" in msg  # what the folder holds


def test_missing_folder(tmp_path):
    msg = _error(tmp_path / "nope")
    assert "does not exist" in msg and "DLCOURSE_DATA_DIR" in msg


def test_not_an_hdf5_file(tmp_path):
    write_pair(tmp_path)
    (tmp_path / "test_catvnoncat.h5").write_text("version https://git-lfs.github.com/spec/v1\n")
    msg = _error(tmp_path)
    assert "test_catvnoncat.h5" in msg and "not an HDF5 file" in msg
    assert "Git LFS pointer" in msg and "git lfs pull" in msg


def test_damaged_and_empty_files(tmp_path):
    write_pair(tmp_path)
    good = (tmp_path / "test_catvnoncat.h5").read_bytes()
    (tmp_path / "test_catvnoncat.h5").write_bytes(b"GIF89a" + good[6:200])
    msg = _error(tmp_path)
    assert "not an HDF5 file" in msg and "b'GIF89a" in msg and "damaged" in msg
    (tmp_path / "test_catvnoncat.h5").write_bytes(b"")
    assert "an empty file (0 bytes)" in _error(tmp_path)


def test_missing_key(tmp_path):
    write_pair(tmp_path, skip=("test_set_y",))
    msg = _error(tmp_path)
    assert "'test_set_y' is missing" in msg and "['list_classes', 'test_set_x']" in msg


def test_train_file_given_as_test_file(tmp_path):
    write_pair(tmp_path)
    write_split(tmp_path / "test_catvnoncat.h5", "train")
    msg = _error(tmp_path)
    assert "'test_set_x' is missing" in msg and "other way round" in msg


def test_wrong_picture_shape(tmp_path):
    write_pair(tmp_path, x=np.zeros((4, 32, 32, 3), np.uint8))
    msg = _error(tmp_path)
    assert "wrong shape" in msg and "(m, 64, 64, 3)" in msg and "(4, 32, 32, 3)" in msg


def test_channels_first_is_refused(tmp_path):
    write_pair(tmp_path, x=np.zeros((4, 3, 64, 64), np.uint8))
    assert "(4, 3, 64, 64)" in _error(tmp_path)


def test_wrong_picture_dtype(tmp_path):
    write_pair(tmp_path, x=np.zeros((4, 64, 64, 3), np.float32))
    msg = _error(tmp_path)
    assert "wrong dtype" in msg and "uint8" in msg and "float32" in msg


def test_labels_other_than_0_and_1(tmp_path):
    write_pair(tmp_path, y=np.array([0, 1, 2, 7]))
    msg = _error(tmp_path)
    assert "other than 0 and 1" in msg and "[2, 7]" in msg and "2 of 4 labels" in msg


def test_float_labels(tmp_path):
    write_pair(tmp_path, y=np.array([0.0, 1.0, 1.0, 0.0]))
    msg = _error(tmp_path)
    assert "'test_set_y' has the wrong dtype" in msg and "float64" in msg


def test_pictures_and_labels_differ_in_number(tmp_path):
    write_pair(tmp_path, y=np.array([0, 1, 1]))
    msg = _error(tmp_path)
    assert "numbers of pictures and labels differ" in msg and "4 pictures and 3 labels" in msg


def test_wrong_class_names(tmp_path):
    write_pair(tmp_path, classes=np.array([b"cat", b"non-cat"]))
    msg = _error(tmp_path)
    assert "list_classes" in msg and "wrong class names or order" in msg
    assert "[b'cat', b'non-cat']" in msg


def test_wrong_number_of_classes(tmp_path):
    write_pair(tmp_path, classes=np.array([b"non-cat", b"cat", b"dog"]))
    assert "'list_classes' has the wrong shape" in _error(tmp_path)


def test_numeric_class_list(tmp_path):
    write_pair(tmp_path, classes=np.array([0, 1]))
    assert "does not hold class names" in _error(tmp_path)


# ---- variants that are accepted ---------------------------------------------------------------


def test_str_classes_and_other_integer_labels_are_accepted(tmp_path):
    write_pair(tmp_path, y=np.array([[0, 1, 1, 0]], dtype=np.uint8),
               classes=np.array(["non-cat", "cat"], dtype=h5py.string_dtype()))
    _, _, _, test_y, classes = load_cat_dataset(tmp_path)
    assert classes.tolist() == [b"non-cat", b"cat"]
    assert test_y.tolist() == [[0, 1, 1, 0]] and test_y.dtype == np.int64
