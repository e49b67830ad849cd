"""The only grading code that runs inside a learner's sandboxed kernel: the agent that answers the
grader's requests, and the wire format of the values it exchanges. It imports nothing from
:mod:`dlcourse.grader`."""
