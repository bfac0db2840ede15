"""Rebuilding Trust: the package the course notebooks import.

Content loading and validation (framework, taxonomy, statements, vignettes, case histories), the
accountability/deflection analyzer, practice widgets, plots, the progress store, grading helpers and
the `trustwork` command line.
"""

__version__ = "0.1.0"
