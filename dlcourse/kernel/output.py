"""Output of a learner's cells, capped in the kernel as it is written.

Each cell may print at most ``limit`` characters on each of standard output and standard error,
and display at most ``limit`` characters of rich output; past that, the output is cut with a note
saying so. This is for the learner's (and the instructor's) benefit: a printing loop's first lines
stay readable and the cut is explained. The grader does not rely on it: it refuses any message
larger than its own bound as the message arrives (see ``dlcourse.grader.limits``).
"""

from __future__ import annotations

import sys


def note(limit: int) -> str:
    return f"\n[output beyond {limit:,} characters was dropped]\n"


class _Counter:
    def __init__(self):
        self.used: dict[str, int] = {}

    def reset(self, *args, **kwargs) -> None:
        self.used.clear()

    def take(self, key: str, text: str, limit: int) -> str:
        """The part of ``text`` that may still be written under ``key``, with the note once."""
        used = self.used.get(key, 0)
        if used > limit:
            return ""
        room = limit - used
        if len(text) <= room:
            self.used[key] = used + len(text)
            return text
        self.used[key] = limit + 1
        return text[:room] + note(limit)


def cap_output(limit: int) -> None:
    """Cap what each cell writes to ``sys.stdout`` and ``sys.stderr`` and what it displays."""
    try:
        shell = get_ipython()  # noqa: F821 - the kernel's own
    except NameError:
        return
    counter = _Counter()

    def wrap(stream, key):
        write = stream.write

        def capped(text, *args, **kwargs):
            if isinstance(text, str) and text:
                text = counter.take(key, text, limit)
                if not text:
                    return 0
            return write(text, *args, **kwargs)

        stream.write = capped

    def before_cell(*args, **kwargs):
        # IPython wraps each stream's ``write`` for the time of every cell, and restores it
        # after: the cap goes on top of that wrapper, at the start of every cell
        counter.reset()
        wrap(sys.stdout, "stdout")
        wrap(sys.stderr, "stderr")

    shell.events.register("pre_run_cell", before_cell)
    publish = shell.display_pub.publish

    def capped_publish(data, *args, **kwargs):
        size = sum(len(str(v)) for v in (data or {}).values())
        used = counter.used.get("display", 0)
        counter.used["display"] = used + size
        if used + size <= limit:
            return publish(data, *args, **kwargs)
        if used <= limit:  # the display that goes past the limit becomes the note
            return publish({"text/plain": note(limit).strip()}, *args, **kwargs)
        return None

    shell.display_pub.publish = capped_publish
