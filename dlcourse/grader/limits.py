"""The limits grading puts on a submission, named and explained in one place.

The sandbox's own limits (memory, CPU time, files, disk, threads, the folder it shares with the
grader) are in :class:`.sandbox.Limits`; the per-cell time limit and the submission's time budget
are course settings in ``nbgrader_config.py`` (``Execute.timeout``, ``SandboxedExecute.budget``).
"""

#: Most output one cell may produce; more is dropped (with a note), so that a printing loop cannot
#: exhaust the grader's memory.
MAX_OUTPUT_BYTES = 1_000_000

#: What the kernel itself lets each cell print or display before it cuts the output with a note
#: (:mod:`dlcourse.kernel.output`): below the grader's bound, so that the note is kept.
KERNEL_OUTPUT_BYTES = MAX_OUTPUT_BYTES * 9 // 10

#: Largest message the grader accepts from a learner's kernel: a larger one is dropped by ZeroMQ as
#: it arrives, before it takes the grader's memory (a picture of a plot is far smaller).
MAX_MESSAGE_BYTES = 16 * 2**20

#: Default time budget of a whole submission, in seconds (every cell and test draws from it).
DEFAULT_BUDGET_SECONDS = 180
