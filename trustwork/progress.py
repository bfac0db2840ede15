"""The self-study progress store: which drills and role-plays were done, scores and dates, never any text.

A JSON file under the Jupyter data directory (`jupyter --data-dir`), or where `TRUSTWORK_PROGRESS` points.
Written atomically (a temporary file, then a rename), so a crash mid-write leaves the old file intact. A corrupt
or unreadable file is set aside with a warning and a fresh one is started; nothing raises.
"""
from __future__ import annotations

import json
import os
import tempfile
import warnings
from datetime import datetime, timezone
from pathlib import Path

PROGRESS_ENV = "TRUSTWORK_PROGRESS"
VERSION = 1
KINDS = ("drill", "roleplay", "step_order", "safety_screen", "ledger")


def progress_path() -> Path:
    """Where progress is kept: `$TRUSTWORK_PROGRESS`, else `<jupyter data dir>/trustwork/progress.json`."""
    override = os.environ.get(PROGRESS_ENV)
    if override:
        return Path(override)
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "trustwork" / "progress.json"


def _empty() -> dict:
    return {"version": VERSION, "activities": []}


def load(path: Path | None = None) -> dict:
    """Read the store; a missing file is empty, a corrupt one is moved aside with a warning."""
    path = Path(path) if path else progress_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _empty()
    except OSError as exc:
        warnings.warn(f"could not read progress file {path} ({exc}); starting fresh", stacklevel=2)
        return _empty()
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("activities"), list):
            raise ValueError("not a progress file")
    except ValueError as exc:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        try:
            path.replace(aside)
            where = f"it was moved to {aside}"
        except OSError:
            where = "it could not be moved"
        warnings.warn(f"progress file {path} was unreadable ({exc}); {where} and a fresh one was started",
                      stacklevel=2)
        return _empty()
    return data


def save(data: dict, path: Path | None = None) -> Path:
    """Write the store atomically: a temporary file in the same folder, flushed, then renamed over the old."""
    path = Path(path) if path else progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=1)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def record(kind: str, item: str, score: int | None = None, possible: int | None = None,
           details: dict | None = None, path: Path | None = None) -> dict:
    """Add one finished activity (kind, item id, score and date; details hold counts or ids, never text)."""
    if kind not in KINDS:
        raise ValueError(f"kind is one of {KINDS}, not {kind!r}")
    for key, value in (details or {}).items():
        if isinstance(value, str) and len(value) > 80:
            raise ValueError(f"progress keeps ids and counts, not text (detail {key!r} is too long)")
    entry = {"kind": kind, "item": str(item)[:80], "score": score, "possible": possible,
             "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "details": details or {}}
    try:
        data = load(path)
        data["activities"].append(entry)
        save(data, path)
    except OSError as exc:
        warnings.warn(f"progress could not be saved ({exc}); your work in the notebook is unaffected", stacklevel=2)
    return entry


def summary(path: Path | None = None) -> str:
    """A plain-text summary of what has been done."""
    data = load(path)
    activities = data["activities"]
    if not activities:
        return "No progress recorded yet."
    lines = [f"{len(activities)} activities recorded (kept in {Path(path) if path else progress_path()}):"]
    for kind in KINDS:
        done = [a for a in activities if a.get("kind") == kind]
        if not done:
            continue
        scored = [a for a in done if a.get("possible")]
        best = max((a["score"] / a["possible"] for a in scored), default=None)
        last = max(a.get("date", "") for a in done)[:10]
        items = len({a.get("item") for a in done})
        best_text = f", best {best:.0%}" if best is not None else ""
        lines.append(f"  {kind.replace('_', ' ')}: {len(done)} done ({items} different){best_text}, last on {last}")
    return "\n".join(lines)


def reset(path: Path | None = None) -> None:
    """Clear all progress."""
    save(_empty(), path)
