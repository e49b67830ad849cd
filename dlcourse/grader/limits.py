"""The limits grading puts on a submission, named and explained in one place."""

#: Most output one cell may produce; more is dropped (with a note), so that a printing loop cannot
#: exhaust the grader's memory.
MAX_OUTPUT_BYTES = 1_000_000
