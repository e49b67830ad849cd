"""Plain values passed as bytes between a grading kernel and the grader.

Learner code runs in a sandboxed Jupyter kernel; the grader runs outside it and reads the values
that code produced (and sends the arguments of its calls into the kernel the same way). Pickle
would let those bytes run code in the grader, so values travel in this small, strict format.

The guarantee: decoding bytes that an attacker fully controls can only produce plain builtin
values (None, bool, int, float, complex, str, bytes, list, tuple, dict, set, frozenset), NumPy
arrays and scalars of numbers or fixed-width strings, and references (:class:`Ref`). It never runs
code, never unpickles, and never allocates more than ``limit`` bytes for the values; anything
malformed raises :class:`WireError`. Objects that are not plain data (functions, class instances,
modules, object arrays...) travel as a :class:`Ref`, a number given by the side that holds them.

Layout: ``b"DLW1"``, the header's length (8 bytes, little-endian), the header (ASCII JSON), then
the data area: the raw bytes of every str (UTF-8), bytes object and array, one after the other in
the order the header names them. The header is a tree of tagged nodes::

    ["n"]                                    None
    ["b", true]                              bool
    ["i", "-1f"]                             int, in hexadecimal
    ["f", "3ff8000000000000"]                float: its IEEE 754 bits, big-endian, in hexadecimal
    ["c", real_bits, imag_bits]              complex
    ["s", offset, nbytes]                    str, UTF-8 in the data area (lone surrogates kept)
    ["y", offset, nbytes]                    bytes
    ["l" | "t" | "e" | "z", node, ...]       list, tuple, set, frozenset
    ["d", key, value, key, value, ...]       dict
    ["a", dtype, shape, offset, nbytes]      NumPy array (C order)
    ["g", dtype, offset, nbytes]             NumPy scalar
    ["r", number, type_name, text, callable] reference

NumPy scalars come back as the scalar type NumPy gives their dtype: ``np.longlong``, a second
8-byte integer type on Linux, comes back as ``np.int64``.
"""

from __future__ import annotations

import json
import math
import re
import reprlib
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["LIMIT", "MAX_DEPTH", "MAX_INT_DIGITS", "Ref", "WireError", "decode", "encode"]

#: Default bound on the encoded size and on the decoded size, in bytes.
LIMIT = 512 * 2**20
MAGIC = b"DLW1"
#: Containers may be nested this many levels deep.
MAX_DEPTH = 200
MAX_INT_DIGITS = 5000
MAX_DIMS = 32

_PREFIX = len(MAGIC) + 8
_INT_BOUND = 10**MAX_INT_DIGITS
_MAX_INT_HEX = 4200  # 16**4153 > 10**5000: every allowed int fits
_MAX_DIM = 2**40
_MAX_REF = 2**63 - 1
_MAX_TYPE_NAME = 100
_MAX_TEXT = 200
#: Bytes of memory that one JSON value of the header may take once parsed: the header is refused
#: before parsing when it holds more values than the limit allows.
_VALUE_COST = 64

_DTYPE = re.compile(r"[<>|=]?(b1|[iu][1248]|f[248]|c(8|16)|U[1-9][0-9]{0,5}|S[1-9][0-9]{0,5})")
_HEX_INT = re.compile(rf"-?[0-9a-f]{{1,{_MAX_INT_HEX}}}")
_BITS = re.compile(r"[0-9a-f]{16}")

_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxstring, _SHORT.maxother = 2, 4, 40, 40
_TYPE_NAME = type.__dict__["__name__"]
_REAL = complex.real
_IMAG = complex.imag


class WireError(ValueError):
    """Data that is not a valid encoding, or a value that cannot be encoded."""


@dataclass(frozen=True)
class Ref:
    """A value that cannot travel as data (a function, a class instance, a module, an object
    array...), known by a number on the side that holds it."""

    ref: int  # the number given by the holder's `register`
    type_name: str  # e.g. "function", "MyClass" (at most 100 characters)
    text: str  # repr of the object (at most 200 characters)
    callable: bool


# ---------------------------------------------------------------------------------------------
# Encoding


def encode(value: Any, register: Callable[[Any], int] | None = None, limit: int = LIMIT) -> bytes:
    """The bytes of `value`. Objects that are not plain data become references numbered by
    `register(obj)`; without `register` they raise WireError. Raises WireError rather than
    produce more than `limit` bytes."""
    encoder = _Encoder(register, limit)
    try:
        tree = encoder.node(value, 0)
    except RecursionError:
        raise WireError("the value is nested too deeply to send") from None
    try:
        header = json.dumps(tree, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    except RecursionError:
        raise WireError("the value is nested too deeply to send") from None
    header = header.encode("ascii")
    _check_header_size(header, limit)
    total = _PREFIX + len(header) + encoder.size
    if total > limit:
        raise WireError(f"the value is too large to send: {total} bytes, the limit is {limit}")
    return b"".join([MAGIC, struct.pack("<Q", len(header)), header, *encoder.parts])


class _Encoder:
    def __init__(self, register: Callable[[Any], int] | None, limit: int):
        self.register = register
        self.limit = limit
        self.max_nodes = limit // _VALUE_COST
        self.nodes = 0
        self.parts: list[Any] = []  # buffers of the data area
        self.size = 0  # bytes in the data area
        self.open: set[int] = set()  # ids of the containers being encoded

    def node(self, x: Any, depth: int) -> list:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise WireError(f"the value has too many parts to send (more than {self.max_nodes})")
        kind = type(x)  # never x.__class__, which an object may fake
        if issubclass(kind, Ref):
            return _ref_node(x)
        if x is None:
            return ["n"]
        if kind is bool:
            return ["b", x]
        if issubclass(kind, (np.generic, np.ndarray)):  # before float, complex, str, bytes
            return self.numpy(x)
        if issubclass(kind, int):
            return ["i", _int_hex(x)]
        if issubclass(kind, float):
            return ["f", _float_bits(float.__float__(x))]
        if issubclass(kind, complex):
            return ["c", _float_bits(_REAL.__get__(x)), _float_bits(_IMAG.__get__(x))]
        if issubclass(kind, str):
            return ["s", *self.data(str.__str__(x).encode("utf-8", "surrogatepass"))]
        if issubclass(kind, bytes):
            return ["y", *self.data(bytes.__getitem__(x, slice(None)))]
        if issubclass(kind, dict):
            return self.mapping(x, depth)
        for base, tag in _SEQUENCES:
            if issubclass(kind, base):
                return self.sequence(x, base, tag, depth)
        return self.ref(x)

    def sequence(self, x: Any, base: type, tag: str, depth: int) -> list:
        items = list(base.__iter__(x))  # the real content, whatever the class overrides
        self.enter(x, depth)
        try:
            nodes = [tag]
            for item in items:
                nodes.append(self.node(item, depth + 1))
        finally:
            self.open.discard(id(x))
        return nodes

    def mapping(self, x: dict, depth: int) -> list:
        items = list(dict.items(x))
        self.enter(x, depth)
        try:
            nodes = ["d"]
            for key, value in items:
                nodes.append(self.node(key, depth + 1))
                nodes.append(self.node(value, depth + 1))
        finally:
            self.open.discard(id(x))
        return nodes

    def enter(self, container: Any, depth: int) -> None:
        if depth >= MAX_DEPTH:
            raise WireError(f"the value is nested more than {MAX_DEPTH} levels deep")
        if id(container) in self.open:
            raise WireError(f"cannot send a {_type_name(container)} that contains itself")
        self.open.add(id(container))

    def numpy(self, x: Any) -> list:
        array = np.asarray(x)  # an ndarray subclass becomes a plain ndarray of the same data
        dtype = _dtype_text(array.dtype)
        if dtype is None:  # object, structured, datetime, void... arrays
            return self.ref(x)
        raw = np.ascontiguousarray(array).reshape(-1).view(np.uint8)
        if isinstance(x, np.generic):
            return ["g", dtype, *self.data(raw)]
        return ["a", dtype, list(array.shape), *self.data(raw)]

    def data(self, buffer: Any) -> list[int]:
        offset, nbytes = self.size, len(buffer)
        self.size += nbytes
        if self.size > self.limit:
            raise WireError(f"the value is too large to send: more than {self.limit} bytes")
        if nbytes:
            self.parts.append(buffer)
        return [offset, nbytes]

    def ref(self, x: Any) -> list:
        type_name = _type_name(x)
        text = _text(x, type_name)
        if self.register is None:
            raise WireError(f"cannot send a {type_name}: {text} is not plain data (numbers, "
                            "strings, bytes, lists, tuples, dicts, sets, NumPy arrays)")
        number = self.register(x)
        if type(number) is not int or not 0 <= number <= _MAX_REF:
            raise WireError(f"register must return an int from 0 to 2**63-1, not {_show(number)}")
        return ["r", number, type_name, text, callable(x)]


_SEQUENCES = ((list, "l"), (tuple, "t"), (set, "e"), (frozenset, "z"))


def _ref_node(ref: Ref) -> list:
    fields = [ref.ref, ref.type_name, ref.text, ref.callable]
    _check_ref_fields(*fields)
    return ["r", *fields]


def _int_hex(x: int) -> str:
    value = int.__index__(x)  # the plain int, whatever a subclass overrides
    if not -_INT_BOUND < value < _INT_BOUND:
        raise WireError(f"cannot send an int of more than {MAX_INT_DIGITS} digits")
    return format(value, "x")


def _float_bits(x: float) -> str:
    return struct.pack(">d", x).hex()


def _dtype_text(dtype: np.dtype) -> str | None:
    """The dtype's string if arrays of it are plain data, else None."""
    text = dtype.str
    if dtype.names is None and dtype.subdtype is None and _DTYPE.fullmatch(text):
        return text
    return None


def _type_name(x: Any) -> str:
    return str.__str__(_TYPE_NAME.__get__(type(x)))[:_MAX_TYPE_NAME]


def _text(x: Any, type_name: str) -> str:
    try:
        text = str.__str__(repr(x))
    except Exception:
        text = f"<unprintable {type_name}>"
    return text[:_MAX_TEXT]


# ---------------------------------------------------------------------------------------------
# Decoding


def decode(data: bytes, resolve: Callable[[Ref], Any] | None = None, limit: int = LIMIT) -> Any:
    """The value encoded in `data`. A reference becomes `resolve(ref)`, or the Ref itself
    without `resolve`. Raises WireError for anything malformed or larger than `limit` bytes."""
    view = _byte_view(data)
    if len(view) > limit:
        raise WireError(f"the data has {len(view)} bytes, more than the limit of {limit}")
    if len(view) < _PREFIX or bytes(view[:len(MAGIC)]) != MAGIC:
        raise WireError("the data does not start with the wire format's magic bytes")
    (header_size,) = struct.unpack("<Q", view[len(MAGIC):_PREFIX])
    if header_size > len(view) - _PREFIX:
        raise WireError(f"the header's length ({header_size}) goes past the end of the data")
    tree = _parse_header(bytes(view[_PREFIX:_PREFIX + header_size]), limit)
    decoder = _Decoder(view[_PREFIX + header_size:], resolve, limit)
    try:
        value = decoder.node(tree, 0)
    except RecursionError:
        raise WireError("the value is nested too deeply") from None
    if decoder.cursor != len(decoder.body):
        raise WireError(f"{len(decoder.body) - decoder.cursor} bytes follow the last value")
    return value


def _byte_view(data: Any) -> memoryview:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise WireError(f"expected bytes to decode, not {_type_name(data)}")
    view = memoryview(data)
    if view.ndim != 1 or view.format != "B":
        try:
            view = view.cast("B")
        except TypeError as error:
            raise WireError(f"cannot read the data as bytes: {error}") from None
    return view


def _check_header_size(header: bytes, limit: int) -> None:
    # Every JSON value is the first of its array or object, or follows a comma or a colon.
    values = 1 + sum(header.count(mark) for mark in (b"[", b"{", b",", b":"))
    if values * _VALUE_COST > limit:
        raise WireError(f"the header has too many values ({values}) for the limit of {limit} "
                        "bytes")


def _parse_header(header: bytes, limit: int) -> Any:
    _check_header_size(header, limit)
    try:
        return json.loads(header.decode("ascii"), parse_constant=_no_constant,
                          parse_float=_no_float, parse_int=_json_int,
                          object_pairs_hook=_no_object)
    except WireError:
        raise
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise WireError(f"the header is not valid JSON: {str(error)[:200]}") from None


def _no_constant(name: str) -> Any:
    raise WireError(f"the header contains {name}, which is not JSON")


def _no_float(text: str) -> Any:
    raise WireError(f"the header contains a JSON float ({text[:30]}): floats travel as bits")


def _no_object(pairs: list) -> Any:
    raise WireError("the header contains a JSON object: nodes are arrays")


def _json_int(text: str) -> int:
    if len(text) > 20:
        raise WireError(f"the header contains an integer of {len(text)} digits")
    return int(text)


class _Decoder:
    def __init__(self, body: memoryview, resolve: Callable[[Ref], Any] | None, limit: int):
        self.body = body
        self.resolve = resolve
        self.limit = limit
        self.budget = limit  # bytes the decoded strings, bytes, ints and arrays may still take
        self.cursor = 0  # where the next buffer of the data area starts

    def node(self, node: Any, depth: int) -> Any:
        if type(node) is not list or not node or type(node[0]) is not str:
            raise WireError(f"malformed node {_show(node)}: expected [tag, ...]")
        tag = node[0]
        if tag not in _NODES:
            raise WireError(f"unknown tag {_show(tag)}")
        method, size = _NODES[tag]
        if size is not None and len(node) != size:
            raise WireError(f"node {_show(tag)} has {len(node) - 1} fields, not {size - 1}")
        return method(self, node, depth)

    def null(self, node: list, depth: int) -> None:
        return None

    def boolean(self, node: list, depth: int) -> bool:
        if type(node[1]) is not bool:
            raise WireError(f"a bool node holds {_show(node[1])}")
        return node[1]

    def integer(self, node: list, depth: int) -> int:
        text = node[1]
        if type(text) is not str or not _HEX_INT.fullmatch(text):
            raise WireError(f"an int node holds {_show(text)}, not up to {_MAX_INT_HEX} hex digits")
        self.charge(len(text) // 2)
        value = int(text, 16)
        if not -_INT_BOUND < value < _INT_BOUND:
            raise WireError(f"an int has more than {MAX_INT_DIGITS} digits")
        return value

    def real(self, node: list, depth: int) -> float:
        return _float(node[1])

    def complex_pair(self, node: list, depth: int) -> complex:
        return complex(_float(node[1]), _float(node[2]))

    def text(self, node: list, depth: int) -> str:
        raw = self.take(node[1], node[2])
        try:
            return str(raw, "utf-8", "surrogatepass")
        except UnicodeDecodeError as error:
            raise WireError(f"a string is not valid UTF-8: {error}") from None

    def raw_bytes(self, node: list, depth: int) -> bytes:
        return bytes(self.take(node[1], node[2]))

    def sequence(self, node: list, depth: int) -> Any:
        self.enter(depth)
        items = []
        for index in range(1, len(node)):
            items.append(self.node(node[index], depth + 1))
        tag = node[0]
        if tag == "l":
            return items
        if tag == "t":
            return tuple(items)
        return _set(items, frozen=tag == "z")

    def mapping(self, node: list, depth: int) -> dict:
        self.enter(depth)
        if len(node) % 2 == 0:
            raise WireError("a dict node has a key without a value")
        result: dict = {}
        for index in range(1, len(node), 2):
            key = self.node(node[index], depth + 1)
            value = self.node(node[index + 1], depth + 1)
            try:
                if key in result:
                    raise WireError(f"a dict has the key {_show(key)} twice")
                result[key] = value
            except TypeError:
                raise WireError(f"a dict key is a {_type_name(key)}, not hashable") from None
        return result

    def enter(self, depth: int) -> None:
        if depth >= MAX_DEPTH:
            raise WireError(f"the value is nested more than {MAX_DEPTH} levels deep")

    def array(self, node: list, depth: int) -> np.ndarray:
        _, dtype, shape, offset, nbytes = node
        return self.numpy(_dtype(dtype), _shape(shape), offset, nbytes)

    def scalar(self, node: list, depth: int) -> np.generic:
        _, dtype, offset, nbytes = node
        return self.numpy(_dtype(dtype), (), offset, nbytes)[()]

    def numpy(self, dtype: np.dtype, shape: tuple, offset: Any, nbytes: Any) -> np.ndarray:
        needed = math.prod(shape) * dtype.itemsize
        if needed > self.limit:
            raise WireError(f"an array of shape {shape} and dtype {dtype.str} would take "
                            f"{needed} bytes, more than the limit of {self.limit}")
        if type(nbytes) is not int or nbytes != needed:
            raise WireError(f"an array of shape {shape} and dtype {dtype.str} takes {needed} "
                            f"bytes, not {_show(nbytes)}")
        return _array(self.take(offset, nbytes), dtype, shape)

    def ref(self, node: list, depth: int) -> Any:
        _check_ref_fields(*node[1:])
        ref = Ref(*node[1:])
        return ref if self.resolve is None else self.resolve(ref)

    def take(self, offset: Any, nbytes: Any) -> memoryview:
        """The next `nbytes` bytes of the data area, which must start at `offset`."""
        for name, number in (("offset", offset), ("size", nbytes)):
            if type(number) is not int or number < 0:
                raise WireError(f"a data {name} is {_show(number)}, not an int >= 0")
        end = offset + nbytes
        if end > len(self.body):
            raise WireError(f"data bytes {offset} to {end} are past the end of the data area "
                            f"({len(self.body)} bytes)")
        if offset != self.cursor:
            raise WireError(f"a value's data starts at {offset}, not right after the previous "
                            f"value's ({self.cursor})")
        self.charge(nbytes)
        self.cursor = end
        return self.body[offset:end]

    def charge(self, nbytes: int) -> None:
        self.budget -= nbytes
        if self.budget < 0:
            raise WireError(f"the decoded value would take more than {self.limit} bytes")


#: For each tag: the method that decodes its nodes, and their length (None: any).
_NODES: dict[str, tuple[Callable[[_Decoder, list, int], Any], int | None]] = {
    "n": (_Decoder.null, 1),
    "b": (_Decoder.boolean, 2),
    "i": (_Decoder.integer, 2),
    "f": (_Decoder.real, 2),
    "c": (_Decoder.complex_pair, 3),
    "s": (_Decoder.text, 3),
    "y": (_Decoder.raw_bytes, 3),
    "l": (_Decoder.sequence, None),
    "t": (_Decoder.sequence, None),
    "e": (_Decoder.sequence, None),
    "z": (_Decoder.sequence, None),
    "d": (_Decoder.mapping, None),
    "a": (_Decoder.array, 5),
    "g": (_Decoder.scalar, 4),
    "r": (_Decoder.ref, 5),
}


def _float(text: Any) -> float:
    if type(text) is not str or not _BITS.fullmatch(text):
        raise WireError(f"a float node holds {_show(text)}, not 16 hex digits")
    return struct.unpack(">d", bytes.fromhex(text))[0]


def _set(items: list, frozen: bool) -> set | frozenset:
    try:
        result = frozenset(items) if frozen else set(items)
    except TypeError:
        raise WireError("a set holds an element that is not hashable") from None
    if len(result) != len(items):
        raise WireError("a set holds the same element twice")
    return result


def _dtype(text: Any) -> np.dtype:
    # Checked against the allowed forms before NumPy ever parses it.
    if type(text) is not str or not _DTYPE.fullmatch(text):
        raise WireError(f"dtype {_show(text)} is not allowed: only booleans, numbers and "
                        "fixed-width strings travel as arrays")
    return np.dtype(text)


def _shape(shape: Any) -> tuple[int, ...]:
    if type(shape) is not list or len(shape) > MAX_DIMS:
        raise WireError(f"shape {_show(shape)} is not a list of at most {MAX_DIMS} sizes")
    for size in shape:
        if type(size) is not int or not 0 <= size <= _MAX_DIM:
            raise WireError(f"shape {_show(shape)} holds {_show(size)}, not a size >= 0")
    return tuple(shape)


def _array(raw: memoryview, dtype: np.dtype, shape: tuple[int, ...]) -> np.ndarray:
    """A writable array that owns its memory, made from checked raw bytes."""
    if raw:
        _check_elements(raw, dtype)
    try:
        if not raw:
            return np.zeros(shape, dtype)
        return np.frombuffer(raw, dtype).reshape(shape).copy()
    except ValueError as error:
        raise WireError(f"cannot make an array of shape {shape} and dtype {dtype.str}: "
                        f"{error}") from None


def _check_elements(raw: memoryview, dtype: np.dtype) -> None:
    if dtype.kind == "b" and np.frombuffer(raw, np.uint8).max() > 1:
        raise WireError("a boolean array holds a byte other than 0 and 1")
    if dtype.kind == "U":
        points = np.frombuffer(raw, np.dtype(np.uint32).newbyteorder(dtype.byteorder))
        if points.max() > 0x10FFFF:
            raise WireError("a string array holds a character past U+10FFFF")


def _check_ref_fields(number: Any, type_name: Any, text: Any, is_callable: Any) -> None:
    if type(number) is not int or not 0 <= number <= _MAX_REF:
        raise WireError(f"a reference's number is {_show(number)}, not an int from 0 to 2**63-1")
    if type(type_name) is not str or len(type_name) > _MAX_TYPE_NAME:
        raise WireError(f"a reference's type name is {_show(type_name)}, not a str of at most "
                        f"{_MAX_TYPE_NAME} characters")
    if type(text) is not str or len(text) > _MAX_TEXT:
        raise WireError(f"a reference's text is {_show(text)}, not a str of at most {_MAX_TEXT} "
                        "characters")
    if type(is_callable) is not bool:
        raise WireError(f"a reference's callable flag is {_show(is_callable)}, not a bool")


def _show(value: Any) -> str:
    """A short repr of a value read from the data, for messages."""
    try:
        return _SHORT.repr(value)
    except ValueError:  # an int too long to write in decimal
        return f"<{_type_name(value)}>"
