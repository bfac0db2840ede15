"""nbgrader configuration for the Rebuilding Trust course.

`solutions/` is the nbgrader source directory (assignments with solutions, points and hidden tests);
`exercises/` is the release directory, regenerated with `nbgrader generate_assignment NAME`.
"""
import os

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, Execute, GetGrades,
                                    IgnorePattern, LimitOutput, SaveAutoGrades)

from trustwork.nbgrader_preprocessors import HideTestTracebacks, LimitOutputSize

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

COURSE_ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "rebuilding-trust"
c.CourseDirectory.root = COURSE_ROOT
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# Single-machine use: a local exchange inside the course folder (ignored by git). On a JupyterHub the shared
# exchange comes from TRUSTWORK_EXCHANGE (see deploy/), with one folder per course.
if os.environ.get("TRUSTWORK_EXCHANGE"):
    c.Exchange.root = os.environ["TRUSTWORK_EXCHANGE"]
    c.Exchange.path_includes_course = True
else:
    c.Exchange.root = os.path.join(COURSE_ROOT, ".exchange")

# A trainee's infinite loop must not stop the class: interrupt after 30 s and grade the rest.
c.Execute.timeout = 30
c.ExecutePreprocessor.timeout = 30
c.Execute.interrupt_on_timeout = True

# A flood of output must not swamp the gradebook or formgrader: lines (nbgrader) and characters (ours).
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 50
c.LimitOutputSize.max_chars = 20_000
c.Autograde.autograde_preprocessors = [Execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                       LimitOutputSize, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]

# What trainees see where an answer goes. Answers are values, never functions.
c.ClearSolutions.code_stub = {"python": "...  # your answer: replace the three dots"}
c.ClearSolutions.text_stub = (
    "Write your answer here, in your own words. "
    "(Double-click this cell to edit it; press Shift+Enter when you are done.)"
)

# A trainee who deleted a graded cell still gets it graded: nbgrader puts it back, with a note.
c.OverwriteCells.add_missing_cells = True
# A renamed or missing notebook is refused at submission rather than scored zero later.
c.ExchangeSubmit.strict = True

# Feedback returned to trainees must not reveal the hidden tests (nbgrader shows them by default, issue #917):
# strip the hidden-test regions and the tracebacks that quote them before the feedback HTML is rendered.
# Never return the autograded notebooks themselves.
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, HideTestTracebacks, CSSHTMLHeaderPreprocessor]
