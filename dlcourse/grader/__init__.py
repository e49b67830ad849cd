"""The grader's side of the course: course folder, authoring rules, self-check, sample class,
sandbox, and grading (coordinator, worker, verdicts).
Nothing here runs inside a learner's kernel."""
