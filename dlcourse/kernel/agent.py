"""The kernel's side of grading: hands values of the learner's notebook to the grader, and calls
the learner's functions for it.

This module runs inside the sandboxed kernel, next to the learner's code, so nothing here is
trusted: the grader (:mod:`dlcourse.grader.verdicts`) only ever receives plain data from it,
decoded by :mod:`dlcourse.kernel.wire`, and decides every verdict itself. A learner who replaces
this module can only change the data their own notebook hands over, which is what the checks
judge anyway.

Each request is a file written by the grader into the exchange folder; the answer is another file.
Both are :mod:`dlcourse.kernel.wire` data: ``{"op": "fetch", "names": [...]}`` answers
``{"values": {name: value}, "missing": [...]}``; ``{"op": "call", "target": ref, "args": [...],
"kwargs": {...}}`` answers ``{"value": result}`` or ``{"error": {...}}``. Objects that are not data
(functions, instances) travel as references to a table kept here.
"""

from __future__ import annotations

import itertools
import os
import sys
import traceback

from . import wire

_table: dict[int, object] = {}


def _register(obj) -> int:
    key = id(obj)
    _table[key] = obj
    return key


def _resolve(ref: wire.Ref):
    if ref.ref not in _table:
        raise LookupError(f"unknown reference {ref.ref} ({ref.type_name})")
    return _table[ref.ref]


def _innermost_function(tb) -> str | None:
    name = None
    while tb is not None:
        code = tb.tb_frame.f_code
        if not code.co_filename.endswith("agent.py") and not code.co_name.startswith("<"):
            name = code.co_name
        tb = tb.tb_next
    return name


def _error(err: BaseException) -> dict:
    lines = traceback.format_exception(type(err), err, err.__traceback__)
    text = "".join(line for line in lines if "dlcourse/kernel/agent.py" not in line)
    return {"ename": type(err).__name__, "evalue": str(err)[:4000],
            "where": _innermost_function(err.__traceback__), "traceback": text[-8000:]}


_ABSENT = object()
_callbacks = itertools.count(1)


def _callback(name: str, exchange: str):
    """A stand-in for the learner's function ``name`` while the grader checks another one on its
    own: calling it asks the grader to run its reference version (over the kernel's input
    channel) and returns the grader's answer. While the grader runs it, it may ask for calls of
    the learner's functions in turn (``request``), which are answered here."""

    def stand_in(*args, **kwargs):
        number = next(_callbacks)
        request = os.path.join(exchange, f"cb-{number}")
        _write(request, wire.encode({"name": name, "args": list(args), "kwargs": kwargs},
                                    register=_register))
        prompt = f"dlcourse-callback {request}"
        while True:
            reply = input(prompt)
            kind, _, rest = reply.partition(" ")
            if kind == "result":
                with open(rest, "rb") as f:
                    answer = wire.decode(f.read(), resolve=_resolve)
                if "error" in answer:
                    raise RuntimeError(answer["error"])
                return answer["value"]
            if kind != "request":
                raise RuntimeError(f"unexpected answer from the grader: {reply[:100]!r}")
            nested, answer_path = rest.split(" ")
            handle(nested, answer_path, _namespace[-1])
            prompt = f"dlcourse-done {answer_path}"

    stand_in.__name__ = name
    return stand_in


_namespace: list[dict] = []


def _write(path: str, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _answer(request: dict, namespace: dict, exchange: str) -> dict:
    op = request.get("op")
    if op == "fetch":
        values, missing = {}, []
        for name in request["names"]:
            if name in namespace:
                values[name] = namespace[name]
            else:
                missing.append(name)
        return {"values": values, "missing": missing}
    if op == "call":
        target = request["target"]
        if isinstance(target, str):
            target = namespace[target]
        import numpy as np

        if request.get("random") is not None:
            np.random.set_state(tuple(request["random"]))
        args, kwargs = request["args"], request["kwargs"]
        saved = {name: namespace.get(name, _ABSENT) for name in request.get("callbacks", [])}
        for name in saved:
            namespace[name] = _callback(name, exchange)
        try:
            answer = {"value": target(*args, **kwargs)}
        except BaseException as err:  # noqa: B036 - every failure of the learner's code is reported
            answer = {"error": _error(err)}
        finally:
            for name, value in saved.items():
                if value is _ABSENT:
                    namespace.pop(name, None)
                else:
                    namespace[name] = value
        if request.get("report"):  # the arguments as the call left them, asked for by a test
            answer["arguments"] = [args, kwargs]
        return answer
    raise ValueError(f"unknown request {op!r}")


def handle(request_path: str, answer_path: str, namespace: dict) -> None:
    """Answer the request in ``request_path`` into ``answer_path`` (called by the grader)."""
    with open(request_path, "rb") as f:
        request = wire.decode(f.read(), resolve=_resolve)
    _namespace.append(namespace)
    try:
        answer = _answer(request, namespace, os.path.dirname(request_path))
        data = wire.encode(answer, register=_register)
    except BaseException as err:  # noqa: B036 - reported to the grader, which explains it
        data = wire.encode({"error": _error(err)})
    finally:
        _namespace.pop()
    _write(answer_path, data)


def listen(namespace: dict, max_output: int | None = None) -> None:
    """Answer the grader's requests sent as messages of a Jupyter comm (target ``dlcourse``),
    which costs the kernel far less than running a cell for each; cap each cell's output at
    ``max_output`` characters, with a note where it is cut."""
    from comm import get_comm_manager

    if max_output:
        from .output import cap_output

        cap_output(max_output)

    def opened(comm, _msg):
        def on_msg(msg):
            data = msg["content"]["data"]
            handle(data["request"], data["answer"], namespace)
            for stream in (sys.stdout, sys.stderr):  # what it printed goes out before "done"
                stream.flush()
            comm.send({"done": data["answer"]})

        comm.on_msg(on_msg)

    get_comm_manager().register_target("dlcourse", opened)
