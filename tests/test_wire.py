"""The wire format between a grading kernel and the grader: exact round trips, references, hostile
values on the kernel side and hostile bytes on the grader side."""

from __future__ import annotations

import json
import math
import pickle
import random
import struct
from collections import OrderedDict, defaultdict, namedtuple

import numpy as np
import pytest

from dlcourse.kernel.wire import LIMIT, MAX_DEPTH, Ref, WireError, decode, encode

# ---------------------------------------------------------------------------------------------
# Helpers


def roundtrip(value, **kw):
    return decode(encode(value, **kw))


def bits(x: float) -> bytes:
    return struct.pack(">d", x)


def assert_same(got, expected):
    """`got` equals `expected` exactly: same types all the way down, floats bit for bit."""
    assert type(got) is type(expected), f"{type(got)} is not {type(expected)}"
    if isinstance(expected, np.ndarray):
        assert got.dtype.str == expected.dtype.str
        assert got.shape == expected.shape
        assert got.tobytes() == expected.tobytes()
    elif isinstance(expected, np.generic):
        assert got.dtype.str == expected.dtype.str
        assert got.tobytes() == expected.tobytes()
    elif isinstance(expected, float):
        assert bits(got) == bits(expected)
    elif isinstance(expected, complex):
        assert bits(got.real) == bits(expected.real) and bits(got.imag) == bits(expected.imag)
    elif isinstance(expected, (list, tuple)):
        assert len(got) == len(expected)
        for g, e in zip(got, expected, strict=True):
            assert_same(g, e)
    elif isinstance(expected, dict):
        assert len(got) == len(expected)
        for (gk, gv), (ek, ev) in zip(got.items(), expected.items(), strict=True):
            assert_same(gk, ek)
            assert_same(gv, ev)
    else:
        assert got == expected


def short(value) -> str:
    """A test id: the start of the value's repr."""
    if isinstance(value, int) and value.bit_length() > 256:
        return f"int of {len(format(value, 'x'))} hex digits"
    return repr(value)[:40]


def craft(tree, body: bytes = b"") -> bytes:
    """Bytes in the wire layout around any header tree."""
    return raw(json.dumps(tree).encode("ascii"), body)


def raw(header: bytes, body: bytes = b"", length: int | None = None) -> bytes:
    size = len(header) if length is None else length
    return b"DLW1" + struct.pack("<Q", size) + header + body


def nested(depth: int):
    value = []
    for _ in range(depth - 1):
        value = [value]
    return value


def nested_tuple(depth: int):
    value = ()
    for _ in range(depth - 1):
        value = (value,)
    return value


class Numbering:
    """A holder's `register`: numbers objects from 1 and remembers them."""

    def __init__(self):
        self.objects: dict[int, object] = {}

    def __call__(self, obj) -> int:
        number = len(self.objects) + 1
        self.objects[number] = obj
        return number


# ---------------------------------------------------------------------------------------------
# Plain values round trip exactly


@pytest.mark.parametrize("value", [
    None, True, False, 0, 1, -1, 2**63, -(2**200), 10**4999, -(10**5000 - 1),
    0.0, 1.5, -2.25e-300, 1e308, complex(1, -2), complex(-0.0, 0.0),
    "", "plain", "accents \u00e9\u00e8 and \u2603 and \U0001f600", "\x00nul", "\udc80lone",
    b"", b"\x00\xff bytes",
], ids=short)
def test_plain_scalar_round_trips_with_its_type(value):
    assert_same(roundtrip(value), value)


@pytest.mark.parametrize("value", [
    math.nan, -math.nan, math.inf, -math.inf, -0.0, 5e-324, 2.2250738585072014e-308,
    struct.unpack(">d", bytes.fromhex("7ff0000000000abc"))[0],  # a NaN with a payload
    struct.unpack(">d", bytes.fromhex("fff8000000000001"))[0],
], ids=lambda x: bits(x).hex())
def test_floats_keep_every_bit(value):
    out = roundtrip(value)
    assert type(out) is float
    assert bits(out) == bits(value)
    out = roundtrip(complex(value, -value))
    assert (bits(out.real), bits(out.imag)) == (bits(value), bits(-value))


def test_negative_zero_keeps_its_sign():
    assert math.copysign(1.0, roundtrip(-0.0)) == -1.0
    assert float.hex(roundtrip(-0.0)) == "-0x0.0p+0"


def test_int_of_more_than_5000_digits_is_refused():
    assert roundtrip(10**5000 - 1) == 10**5000 - 1
    with pytest.raises(WireError, match="more than 5000 digits"):
        encode(10**5000)
    with pytest.raises(WireError, match="more than 5000 digits"):
        encode(-(10**5000))


def test_long_string_round_trips():
    text = "\u00e9\U0001f600x" * 100_000
    assert roundtrip(text) == text


def test_containers_keep_types_and_order():
    value = [1, True, 1.0, None, (2, (3,), ()), [], {}, set(), frozenset(),
             {"b": [1, 2], "a": {"c": (4.5, "x")}}, {1, 2, 3}, frozenset({"x", (1, 2)})]
    out = roundtrip(value)
    assert_same(out, value)
    assert out[10] == {1, 2, 3} and type(out[10]) is set
    assert out[11] == frozenset({"x", (1, 2)}) and type(out[11]) is frozenset
    assert list(out[9]) == ["b", "a"]


def test_dict_keys_of_every_plain_kind():
    value = {"s": 1, 2: 2, 2.5: 3, True: 4, None: 5, (1, ("x", None), -0.5): 6, b"k": 7,
             1j: 8, frozenset({1}): 9, np.int64(10): 10, math.nan: 11}
    out = roundtrip(value)
    assert_same(out, value)
    assert [type(k) for k in out] == [type(k) for k in value]


def test_shared_sublist_is_not_a_cycle():
    shared = [1, 2]
    out = roundtrip([shared, shared, {"a": shared}])
    assert out == [[1, 2], [1, 2], {"a": [1, 2]}]


def test_nesting_up_to_the_maximum_depth():
    assert roundtrip(nested(MAX_DEPTH)) == nested(MAX_DEPTH)
    mapping = {}
    for level in range(MAX_DEPTH - 1):
        mapping = {level: mapping, "s": {1, 2}}
    assert roundtrip(mapping) == mapping
    with pytest.raises(WireError, match=f"nested more than {MAX_DEPTH} levels"):
        encode(nested(MAX_DEPTH + 1))


# ---------------------------------------------------------------------------------------------
# NumPy


DTYPES = ["<f8", ">f8", "<f4", ">f4", "<f2", "<i8", ">i4", "|i1", "<i2", "|u1", "<u2", ">u8",
          "|b1", "<c8", ">c16", "<U5", ">U2", "|S3"]


@pytest.mark.parametrize("shape", [(), (0,), (3, 0), (5,), (2, 3, 4)], ids=str)
@pytest.mark.parametrize("dtype", DTYPES)
def test_array_round_trips_with_dtype_and_shape(dtype, shape):
    rng = np.random.default_rng(0)
    values = rng.integers(0, 2, size=shape) if dtype == "|b1" else rng.normal(size=shape) * 50
    array = np.asarray(values).astype(dtype)
    out = roundtrip(array)
    assert_same(out, array)
    assert np.array_equal(out, array)
    assert out.flags.writeable and out.flags.owndata


def test_zero_dimensional_array_stays_an_array():
    out = roundtrip(np.array(2.5))
    assert type(out) is np.ndarray and out.shape == () and out.dtype == np.float64
    assert out[()] == 2.5


def test_float_array_keeps_nan_bits_and_signed_zero():
    array = np.array([np.nan, -0.0, np.inf, -np.inf, 5e-324])
    assert_same(roundtrip(array), array)


@pytest.mark.parametrize("make", [
    lambda: np.asfortranarray(np.arange(12.0).reshape(3, 4)),
    lambda: np.arange(24).reshape(4, 6)[::2, ::-3],
    lambda: np.arange(10, dtype=">i4")[::3],
    lambda: np.broadcast_to(np.arange(3.0), (4, 3)),
    lambda: np.arange(6.0).reshape(2, 3).T,
], ids=["fortran", "strided", "big-endian-strided", "broadcast", "transposed"])
def test_non_contiguous_arrays_arrive_as_contiguous_copies(make):
    array = make()
    out = roundtrip(array)
    assert_same(out, np.ascontiguousarray(array))
    assert out.flags.c_contiguous and out.flags.writeable


@pytest.mark.filterwarnings("ignore:the matrix subclass:PendingDeprecationWarning")
def test_array_subclasses_arrive_as_plain_arrays():
    matrix = np.matrix([[1.0, 2.0], [3.0, 4.0]])
    out = roundtrip(matrix)
    assert type(out) is np.ndarray and out.shape == (2, 2)
    assert np.array_equal(out, [[1.0, 2.0], [3.0, 4.0]])
    masked = np.ma.masked_array([1.0, 2.0, 3.0], mask=[False, True, False])
    out = roundtrip(masked)
    assert type(out) is np.ndarray
    assert np.array_equal(out, [1.0, 2.0, 3.0])


@pytest.mark.parametrize("value", [
    np.float64(1.5), np.float64(np.nan), np.float32(0.1), np.float16(-2.5), np.int64(3),
    np.int32(-7), np.int8(-128), np.uint8(255), np.uint16(65535), np.uint64(2**64 - 1),
    np.bool_(True), np.bool_(False), np.complex128(1 + 2j), np.complex64(-1j),
    np.str_("h\u00e9"), np.str_(""), np.bytes_(b"ab"),
], ids=lambda v: f"{type(v).__name__}({v!r})")
def test_numpy_scalar_keeps_its_type(value):
    out = roundtrip(value)
    assert type(out) is type(value)
    assert_same(out, value)


def test_numpy_scalar_is_not_confused_with_the_python_type():
    out = roundtrip([np.float64(1.0), 1.0, np.str_("a"), "a", np.int64(1), 1])
    assert [type(x) for x in out] == [np.float64, float, np.str_, str, np.int64, int]


def test_large_array_travels_as_raw_bytes():
    array = np.random.default_rng(1).normal(size=1_000_000)
    data = encode(array)
    assert len(data) < array.nbytes + 100  # no per-element overhead
    assert_same(decode(data), array)


@pytest.mark.parametrize("value", [
    np.array([1, "a", None], dtype=object),
    np.zeros(3, dtype=[("x", "<f8"), ("y", "<i4")]),
    np.array(["2024-01-01"], dtype="datetime64[ns]"),
    np.array([1, 2], dtype="timedelta64[s]"),
    np.zeros(2, dtype="V8"),
    np.datetime64("2024-01-01"),
    np.zeros(1, dtype=[("x", "<f8")])[0],
], ids=["object", "structured", "datetime", "timedelta", "void", "datetime-scalar",
        "record-scalar"])
def test_numpy_values_that_are_not_plain_data_become_references(value):
    numbering = Numbering()
    out = decode(encode({"v": value}, register=numbering))
    ref = out["v"]
    assert type(ref) is Ref
    assert numbering.objects[ref.ref] is value
    assert ref.type_name == type(value).__name__
    assert ref.callable is False


# ---------------------------------------------------------------------------------------------
# References


class Thing:
    def __repr__(self):
        return "Thing()"

    def __call__(self):
        return 1


def learner_function(x):
    return x


def test_objects_that_are_not_data_become_numbered_references():
    thing = Thing()
    numbering = Numbering()
    out = decode(encode([learner_function, thing, math, 2.5], register=numbering))
    assert out[3] == 2.5
    assert out[:3] == [
        Ref(1, "function", repr(learner_function), True),
        Ref(2, "Thing", "Thing()", True),
        Ref(3, "module", repr(math), False),
    ]
    assert numbering.objects == {1: learner_function, 2: thing, 3: math}


def test_decode_resolves_references():
    seen = []

    def resolve(ref):
        seen.append(ref)
        return ("proxy", ref.ref)

    data = encode({"f": learner_function, "g": [object()]}, register=Numbering())
    out = decode(data, resolve=resolve)
    assert out == {"f": ("proxy", 1), "g": [("proxy", 2)]}
    assert [(r.ref, r.type_name, r.callable) for r in seen] == [(1, "function", True),
                                                                 (2, "object", False)]


def test_a_reference_sent_back_keeps_its_number():
    ref = Ref(17, "function", "<function f>", True)
    calls = []
    out = decode(encode([ref, 1.5], register=calls.append))
    assert out == [ref, 1.5] and type(out[0]) is Ref
    assert calls == []


def test_a_malformed_reference_is_not_sent():
    with pytest.raises(WireError, match="number"):
        encode(Ref(-1, "function", "f", True))
    with pytest.raises(WireError, match="type name"):
        encode(Ref(1, "x" * 101, "f", True))


def test_without_register_an_object_is_refused_by_type_name():
    with pytest.raises(WireError, match="^cannot send a function: <function learner_function"):
        encode([1, learner_function])
    with pytest.raises(WireError, match="^cannot send a Thing: Thing()"):
        encode({"k": Thing()})
    with pytest.raises(WireError, match="^cannot send a ndarray"):
        encode(np.array([None]))


@pytest.mark.parametrize("number", [-1, 2**63, "3", 1.0, True, None])
def test_register_must_return_a_number(number):
    with pytest.raises(WireError, match="register must return an int"):
        encode(learner_function, register=lambda obj: number)


def test_reference_text_and_type_name_are_truncated():
    long_class = type("C" * 150, (), {"__repr__": lambda self: "r" * 1000})
    ref = roundtrip(long_class(), register=lambda obj: 0)
    assert ref == Ref(0, "C" * 100, "r" * 200, False)


# ---------------------------------------------------------------------------------------------
# Hostile values on the encoding side


class AlwaysEqual(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__

    def __float__(self):
        return 0.0

    def __repr__(self):
        return "0.0"

    def hex(self):
        return "0x0.0p+0"


class LyingInt(int):
    def __index__(self):
        return 0

    def __int__(self):
        return 0

    def __repr__(self):
        return "0"

    def __format__(self, spec):
        return "0"


class LyingStr(str):
    def __str__(self):
        return "lie"

    def encode(self, *args):
        return b"lie"


class LyingBytes(bytes):
    def __bytes__(self):
        return b"lie"

    def __getitem__(self, index):
        return b"lie"


class LyingDict(dict):
    def items(self):
        return [("lie", 0)]

    def keys(self):
        return ["lie"]

    def __iter__(self):
        return iter(["lie"])

    def __getitem__(self, key):
        return 0


class LyingList(list):
    def __iter__(self):
        return iter(["lie"])

    def __len__(self):
        return 1

    def __getitem__(self, index):
        return "lie"


class LyingTuple(tuple):
    def __iter__(self):
        return iter(["lie"])


class LyingSet(set):
    def __iter__(self):
        return iter(["lie"])


class FakeFloat:
    """Claims to be a float to isinstance()."""

    __class__ = property(lambda self: float)


Point = namedtuple("Point", "x y")


def test_float_subclass_is_sent_as_its_true_value():
    value = AlwaysEqual(2.5)
    out = roundtrip(value)
    assert type(out) is float
    assert float.hex(out) == "0x1.4000000000000p+1"


@pytest.mark.parametrize("value, expected", [
    (LyingInt(7), 7),
    (LyingStr("real"), "real"),
    (LyingBytes(b"real"), b"real"),
    (LyingDict({"a": 1, "b": [2]}), {"a": 1, "b": [2]}),
    (LyingList([1, 2, 3]), [1, 2, 3]),
    (LyingTuple((1, 2)), (1, 2)),
    (LyingSet({4}), {4}),
    (Point(1, 2.0), (1, 2.0)),
    (OrderedDict([("z", 1), ("a", 2)]), {"z": 1, "a": 2}),
    (defaultdict(list, {"k": [1]}), {"k": [1]}),
], ids=lambda v: type(v).__name__)
def test_builtin_subclass_is_sent_as_its_real_content(value, expected):
    out = roundtrip(value)
    assert_same(out, expected)


def test_an_object_faking_its_class_is_a_reference():
    fake = FakeFloat()
    assert isinstance(fake, float)
    ref = roundtrip(fake, register=lambda obj: 5)
    assert type(ref) is Ref and (ref.ref, ref.type_name) == (5, "FakeFloat")


def test_unprintable_object_becomes_a_reference():
    class Broken:
        def __repr__(self):
            raise RuntimeError("no repr")

    ref = roundtrip([Broken()], register=lambda obj: 3)[0]
    assert ref == Ref(3, "Broken", "<unprintable Broken>", False)
    with pytest.raises(WireError, match="^cannot send a Broken: <unprintable Broken>"):
        encode(Broken())


def test_container_that_contains_itself_is_refused():
    loop = [1]
    loop.append(loop)
    with pytest.raises(WireError, match="cannot send a list that contains itself"):
        encode(loop)
    mapping = {}
    mapping["me"] = (1, [mapping])
    with pytest.raises(WireError, match="cannot send a dict that contains itself"):
        encode(mapping)


def test_deep_nesting_is_refused_not_a_recursion_error():
    with pytest.raises(WireError, match="nested more than 200 levels"):
        encode(nested(1000))
    with pytest.raises(WireError, match="nested more than 200 levels"):
        encode(nested(100_000))


def test_exponential_sharing_is_refused_quickly():
    value = []
    for _ in range(100):
        value = [value, value]
    with pytest.raises(WireError, match="too many parts"):
        encode(value, limit=100_000)


def test_encode_refuses_more_than_the_limit():
    data = encode(np.zeros(100), limit=1000)
    assert len(data) <= 1000
    with pytest.raises(WireError, match="too large to send"):
        encode(np.zeros(200), limit=1000)
    with pytest.raises(WireError, match="too large to send"):
        encode(["x" * 600, b"y" * 600], limit=1000)
    assert LIMIT == 512 * 2**20


# ---------------------------------------------------------------------------------------------
# Hostile bytes on the decoding side


@pytest.mark.parametrize("data, message", [
    (b"", "magic"),
    (b"DLW", "magic"),
    (b"DLW2" + bytes(8) + b'["n"]', "magic"),
    (pickle.dumps([1, 2]), "magic"),
    (raw(b'["n"]', length=6), "past the end"),
    (raw(b'["n"]', length=2**64 - 1), "past the end"),
    (raw(b'["n"'), "not valid JSON"),
    (raw(b""), "not valid JSON"),
    (raw(b'["n"] x'), "not valid JSON"),
    (raw(b'["f", NaN]'), "NaN"),
    (raw(b'["f", Infinity]'), "Infinity"),
    (raw(b'["f", 1.5]'), "JSON float"),
    (raw(b'{"n": 1}'), "JSON object"),
    (raw(b'["s\xc3\xa9"]'), "not valid JSON"),
    (raw(b"[" * 100_000 + b"]" * 100_000), "too many values|not valid JSON"),
    (raw(b'["a", "<f8", [1' + b"0" * 30 + b'], 0, 0]'), "integer of 31 digits"),
    (craft(["n"], b"x"), "1 bytes follow the last value"),
], ids=lambda v: short(v) if isinstance(v, bytes) else None)
def test_malformed_bytes_are_refused(data, message):
    with pytest.raises(WireError, match=message):
        decode(data)


@pytest.mark.parametrize("tree, body, message", [
    ([], b"", "malformed node"),
    ("n", b"", "malformed node"),
    ([1], b"", "malformed node"),
    (["x"], b"", "unknown tag 'x'"),
    (["n", 1], b"", "has 1 fields, not 0"),
    (["b", 1], b"", "bool node"),
    (["i", "12g"], b"", "int node"),
    (["i", "0x1f"], b"", "int node"),
    (["i", 12], b"", "int node"),
    (["i", "9" * 100_000], b"", "int node"),
    (["i", "f" * 4200], b"", "more than 5000 digits"),
    (["f", "0x1.8p+0"], b"", "float node"),
    (["f", "3ff8"], b"", "float node"),
    (["c", "3ff8000000000000"], b"", "has 1 fields, not 2"),
    (["s", 0, 1], b"\xff", "not valid UTF-8"),
    (["s", 5, 1], b"a", "past the end"),
    (["s", -1, 1], b"a", "offset is -1"),
    (["y", 0, True], b"a", "size is True"),
    (["l", ["s", 0, 1], ["s", 0, 1]], b"ab", "starts at 0, not right after"),
    (["l", "abc"], b"", "malformed node 'abc'"),
    (["t", ["n"], 1], b"", "malformed node 1"),
    (["d", ["n"]], b"", "key without a value"),
    (["d", ["n"], ["n"], ["n"]], b"", "key without a value"),
    (["d", ["l"], ["n"]], b"", "dict key is a list, not hashable"),
    (["d", ["i", "1"], ["n"], ["i", "1"], ["n"]], b"", "the key 1 twice"),
    (["d", ["i", "f" * 4000], ["n"], ["i", "f" * 4000], ["n"]], b"", "the key <int> twice"),
    (["d", ["s", 0, 300], ["n"], ["s", 300, 300]], b"x" * 600, "key without a value"),
    (["d", ["s", 0, 300], ["n"], ["s", 300, 300], ["n"]], b"x" * 600, "the key 'xxx"),
    (["e", ["l"]], b"", "not hashable"),
    (["z", ["n"], ["n"]], b"", "same element twice"),
    (["r", -1, "f", "t", True], b"", "number is -1"),
    (["r", 2**63, "f", "t", True], b"", "number"),
    (["r", 1, "x" * 101, "t", True], b"", "type name"),
    (["r", 1, "f", "t" * 201, True], b"", "text"),
    (["r", 1, "f", "t", 1], b"", "callable flag"),
], ids=short)
def test_malformed_nodes_are_refused(tree, body, message):
    with pytest.raises(WireError, match=message):
        decode(craft(tree, body))


@pytest.mark.parametrize("dtype", ["O", "|O", "V8", "|V8", "<M8[ns]", "<m8[s]", "garbage", "<f16",
                                   "<f8 ", "f8\n", "<c32", "U0", "U1000000", "<U", "(2,)f8",
                                   "[('x', '<f8')]", "", 8, None, ["<f8"]],
                         ids=repr)
def test_dtypes_that_are_not_plain_data_are_refused(dtype):
    with pytest.raises(WireError, match="is not allowed"):
        decode(craft(["a", dtype, [1], 0, 8], bytes(8)))
    with pytest.raises(WireError, match="is not allowed"):
        decode(craft(["g", dtype, 0, 8], bytes(8)))


@pytest.mark.parametrize("shape, nbytes, message", [
    ([-1], 0, "not a size >= 0"),
    ([True], 8, "not a size >= 0"),
    ([None], 8, "not a size >= 0"),
    ([1.0], 8, "JSON float"),
    ("3", 24, "not a list"),
    ([1] * 33, 8, "at most 32"),
    ([2**40] * 32, 0, "more than the limit"),
    ([10**6, 10**6], 8 * 10**12, "more than the limit"),
    ([10**12], 8 * 10**12, "more than the limit"),
    ([2], 8, "takes 16 bytes, not 8"),
    ([2], "16", "takes 16 bytes, not '16'"),
    ([0, 2**40, 2**40], 0, "cannot make an array"),
], ids=str)
def test_bad_array_shapes_and_sizes_are_refused(shape, nbytes, message):
    with pytest.raises(WireError, match=message):
        decode(craft(["a", "<f8", shape, 0, nbytes], bytes(16)))


def test_array_data_past_the_end_is_refused():
    with pytest.raises(WireError, match="past the end"):
        decode(craft(["a", "<f8", [4], 0, 32], bytes(16)))
    with pytest.raises(WireError, match="past the end"):
        decode(craft(["a", "<f8", [1], 16, 8], bytes(16)))
    with pytest.raises(WireError, match="takes 8 bytes, not 9"):
        decode(craft(["g", "<f8", 0, 9], bytes(9)))


def test_array_elements_are_checked():
    with pytest.raises(WireError, match="other than 0 and 1"):
        decode(craft(["a", "|b1", [3], 0, 3], b"\x00\x01\x02"))
    with pytest.raises(WireError, match="past U\\+10FFFF"):
        decode(craft(["a", "<U1", [1], 0, 4], struct.pack("<I", 0x110000)))
    with pytest.raises(WireError, match="past U\\+10FFFF"):
        decode(craft(["g", ">U1", 0, 4], struct.pack("<I", 0x41)))
    assert decode(craft(["g", ">U1", 0, 4], struct.pack(">I", 0x41))) == "A"


def test_deep_nesting_in_the_data_is_refused():
    header = b'["l",' * 300 + b'["n"]' + b"]" * 300
    with pytest.raises(WireError, match="nested more than 200 levels"):
        decode(raw(header))
    header = b'["l",' * 1000 + b'["n"]' + b"]" * 1000
    with pytest.raises(WireError, match="nested more than 200 levels|recursion"):
        decode(raw(header))
    header = b'["t",' * 200 + b'["t"]' + b"]" * 200
    with pytest.raises(WireError, match="nested more than 200 levels"):
        decode(raw(header))
    assert decode(raw(b'["t",' * 199 + b'["t"]' + b"]" * 199)) == nested_tuple(200)
    with pytest.raises(WireError, match="recursion"):  # refused by the JSON parser
        decode(raw(b"[" * 100_000 + b"]" * 100_000))


def test_decode_refuses_more_than_the_limit():
    data = encode(np.zeros(100))
    assert decode(data, limit=len(data)).shape == (100,)
    with pytest.raises(WireError, match="more than the limit"):
        decode(data, limit=len(data) - 1)
    header = b'["l",' + b'["n"],' * 10_000 + b'["n"]]'
    with pytest.raises(WireError, match="too many values"):
        decode(raw(header), limit=100_000)


def test_decode_accepts_only_bytes_like_data():
    data = encode([1, "a"])
    assert decode(bytearray(data)) == [1, "a"]
    assert decode(memoryview(data)) == [1, "a"]
    with pytest.raises(WireError, match="expected bytes to decode, not str"):
        decode(data.decode("latin-1"))


def test_every_truncation_is_refused():
    data = encode({"a": [1, 2.5, "text", b"raw"], "b": np.arange(6).reshape(2, 3),
                   "c": np.float32(1.5)})
    for end in range(len(data)):
        with pytest.raises(WireError):
            decode(data[:end])


def test_corrupted_bytes_decode_or_raise_wire_error():
    data = encode({"a": [1, 2.5, "text", b"raw", (None, True)], "b": np.arange(6).reshape(2, 3),
                   "c": np.float32(1.5), "d": {1, 2}, "e": 1j}, register=lambda obj: 1)
    rng = random.Random(0)
    refused = 0
    for _ in range(3000):
        corrupted = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            corrupted[rng.randrange(len(corrupted))] = rng.randrange(256)
        try:
            decode(bytes(corrupted))
        except WireError:
            refused += 1
    assert refused > 1000
