# nbgrader settings of the course. nbgrader reads this file from the course directory (this folder)
# for every command: `nbgrader ...` run here, and `dlcourse ...`, which runs nbgrader here.
c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

# The course: its id, and the folder that holds source/, release/, submitted/, autograded/...
c.CourseDirectory.course_id = "nndl"
c.CourseDirectory.root = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."

# The gradebook: one SQLite file in the course folder (kept out of version control).
c.CourseDirectory.db_url = "sqlite:///" + c.CourseDirectory.root + "/gradebook.db"

# Files of an assignment folder never copied into release/, submitted/ or autograded/:
# misconceptions.py is the instructor's catalogue of wrong answers, for the grader only.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", ".DS_Store",
                            "misconceptions.py"]

# Every assignment holds exactly the notebooks of its source folder.
c.CourseDirectory.notebook_id = "*"

# What a learner finds in place of a solution: a clear "not implemented yet" error when run.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# ... except in the answer cell of a theory question (grade id quiz_<slug>_answer): there the cell's
# first line, its blank answer (`answer_q3 = None  # ...`), stays, and the key below it goes with
# no stub in its place. The course's ClearSolutions step (dlcourse/grader/stubs.py) does this in
# place of nbgrader's, and clears every other cell exactly as nbgrader does.
from dlcourse.grader.stubs import generate_assignment_preprocessors  # noqa: E402

c.GenerateAssignment.preprocessors = generate_assignment_preprocessors()

# Solution and hidden-test markers, as written in source/ (nbgrader's defaults, stated).
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# Student versions are written without outputs, and fail if a graded cell is malformed.
c.ClearOutput.enabled = True
c.CheckCellMetadata.enabled = True

# Grading executes each cell with a time limit (seconds); a cell over it is interrupted and fails.
# `dlcourse grade` applies it to each cell of the learner's sandboxed kernel and to each test cell.
# Long training runs are shortened while grading (the notebooks read NBGRADER_EXECUTION).
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
# A notebook whose kernel dies is tried once, not retried: the failure goes into the feedback.
c.Execute.execute_retries = 0

# A whole submission may run this many seconds in all (every cell and test draws from it); after
# that its remaining cells are skipped and it is graded on what it answered in time.
c.SandboxedExecute.budget = 180

# Feedback shows the visible checks in full and, of the hidden ones, how many passed, the likely
# cause of a failure and the misconception the code shows: never their code, inputs or expected
# values (dlcourse/grader/feedback.py). Set reveal to True to show the hidden tests in full (after
# the deadline, say), then write the feedback again with `dlcourse feedback`.
c.GenerateFeedback.preprocessors = ["dlcourse.grader.feedback.HideHiddenTests",
                                    "nbgrader.preprocessors.GetGrades",
                                    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
c.HideHiddenTests.reveal = False

# Feedback and the autograded notebooks keep at most this much output per cell.
c.LimitOutput.max_lines = 1000
c.LimitOutput.max_traceback = 100

# Grading restores every locked cell (instructions, given code, tests) from source/, so editing
# them in a submission changes nothing (nbgrader's OverwriteCells, on by default: stated here).
c.OverwriteCells.enabled = True
# Students are added to the gradebook the first time one of their submissions is graded.
c.Autograde.create_student = True
