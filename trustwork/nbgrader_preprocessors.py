"""Two nbgrader preprocessors the course's pipeline adds (see nbgrader_config.py).

- `LimitOutputSize` (autograde): nbgrader's LimitOutput counts lines, so one enormous line gets through; this caps
  each output's characters, so a notebook that prints megabytes stays small in the gradebook and Formgrader.
- `HideTestTracebacks` (feedback): a failing test's traceback quotes the test's source, hidden tests included;
  this keeps only the error's name and message ("Q3 is not correct.") in graded cells.
"""
from __future__ import annotations

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n... output truncated ({len(text) - limit:,} more characters) ..."


class LimitOutputSize(NbGraderPreprocessor):
    """Cap the characters of every output of a code cell."""

    max_chars = Integer(20_000, help="Characters kept per output (-1: no limit)").tag(config=True)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, cell_index: int):
        if self.max_chars < 0 or cell.cell_type != "code":
            return cell, resources
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                output.text = _truncate(output.text, self.max_chars)
            elif "data" in output:
                for mime, value in list(output.data.items()):
                    if isinstance(value, str):
                        output.data[mime] = _truncate(value, self.max_chars)
            elif output.output_type == "error":
                output.evalue = _truncate(output.evalue, self.max_chars)
                output.traceback = [_truncate(line, self.max_chars) for line in output.traceback]
        return cell, resources


class HideTestTracebacks(NbGraderPreprocessor):
    """In graded code cells, replace tracebacks (which quote hidden tests) by the error's name and message."""

    def preprocess_cell(self, cell: NotebookNode, resources: dict, cell_index: int):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            return cell, resources
        kept = []
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                output.traceback = [f"{output.ename}: {output.evalue}"]
            text = output.get("text", "")
            if "HIDDEN TESTS" in text:
                continue
            kept.append(output)
        cell.outputs = kept
        return cell, resources
