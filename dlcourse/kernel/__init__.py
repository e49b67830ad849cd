"""The only grading code that runs inside a learner's sandboxed kernel: the launcher that sets the
sandbox's working folder up and drops privileges (:mod:`.launch`), the agent that answers the
grader's requests (:mod:`.agent`), the cap on each cell's output (:mod:`.output`) and the wire
format of the values exchanged (:mod:`.wire`). Nothing here is trusted by the grader, and nothing
here imports from :mod:`dlcourse.grader`."""
