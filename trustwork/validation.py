"""Reading data files and checking them against the JSON Schemas in `trustwork/schemas/`."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from .errors import ContentError
from .paths import PACKAGE_DIR, display_path


def _import_jsonschema():
    """Import jsonschema without its optional IRI format checker, whose grammar takes ~2 s to build at import.

    The course's schemas use no `format` keywords. The placeholder is removed afterwards, so other code in the
    same process can still import rfc3987_syntax normally.
    """
    import sys

    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        import jsonschema
        return jsonschema
    sys.modules["rfc3987_syntax"] = None  # makes `import rfc3987_syntax` raise ImportError inside jsonschema
    try:
        import jsonschema
    finally:
        del sys.modules["rfc3987_syntax"]
    return jsonschema


jsonschema = _import_jsonschema()

SCHEMA_DIR = PACKAGE_DIR / "schemas"


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    """Return the JSON Schema `trustwork/schemas/<name>.json`."""
    with open(SCHEMA_DIR / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning a missing file or a syntax error into a ContentError."""
    shown = display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(shown, None, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise ContentError(shown, None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(shown, None, None, f"{place}YAML syntax error: {problem}") from None


def _locate(doc: Any, path: Iterable[Any], id_key: str) -> tuple[str | None, str | None]:
    """Split a JSON path into the entry (the nearest object with an id) and the field below it."""
    entry, field = None, ""
    node = doc
    if isinstance(doc, dict) and isinstance(doc.get(id_key), (str, int)):
        entry = str(doc[id_key])
    for step in path:
        field += f"[{step}]" if isinstance(step, int) else (f".{step}" if field else str(step))
        node = node[step] if isinstance(node, (dict, list)) else None
        if isinstance(node, dict) and isinstance(node.get(id_key), (str, int)):
            entry, field = str(node[id_key]), ""
    return entry, field or None


def schema_errors(doc: Any, schema_name: str, file: Path, id_key: str = "id") -> list[ContentError]:
    """Check `doc` against a schema and return every violation as a ContentError."""
    validator = jsonschema.Draft202012Validator(load_schema(schema_name))
    found = []
    for error in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        entry, field = _locate(doc, error.absolute_path, id_key)
        problem = error.message
        if error.validator == "required":
            missing = error.message.split("'")[1]
            field = f"{field}.{missing}" if field else missing
            problem = "is required but missing"
        found.append(ContentError(display_path(file), entry, field, problem))
    return found


def check(doc: Any, schema_name: str, file: Path, id_key: str = "id") -> None:
    """Raise the first schema violation in `doc` as a ContentError; return quietly when it is valid."""
    errors = schema_errors(doc, schema_name, file, id_key)
    if errors:
        raise errors[0]


def duplicate_ids(items: Iterable[dict], file: Path, id_key: str = "id") -> list[ContentError]:
    """Report each id used by more than one entry."""
    seen: set = set()
    errors = []
    for item in items:
        key = item.get(id_key)
        if key in seen:
            errors.append(ContentError(display_path(file), str(key), id_key, "this id is used more than once"))
        seen.add(key)
    return errors


def read_yaml_folder(folder: Path, what: str) -> tuple[list[tuple[Path, Any]], list[ContentError]]:
    """Parse every `*.yaml` file in a folder: (path, document) pairs, and a ContentError for each unreadable file."""
    files = sorted(Path(folder).glob("*.yaml"))
    if not files:
        return [], [ContentError(display_path(folder), None, None, f"no {what} (*.yaml) found")]
    parsed, errors = [], []
    for path in files:
        try:
            parsed.append((path, read_yaml(path)))
        except ContentError as error:
            errors.append(error)
    return parsed, errors


def read_csv_rows(path: Path, columns) -> tuple[list[tuple[int, dict]], list[ContentError]]:
    """Read a CSV file's rows with their line numbers, checking that the header has `columns`."""
    import csv

    shown = display_path(path)
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                return [], [ContentError(shown, None, ", ".join(missing), "column(s) missing from the header")]
            return [(reader.line_num, row) for row in reader], []
    except FileNotFoundError:
        return [], [ContentError(shown, None, None, "file not found")]
    except UnicodeDecodeError as exc:
        return [], [ContentError(shown, None, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
