"""Where the course's files live."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DATA_ENV = "TRUSTWORK_DATA_DIR"


def data_dir() -> Path:
    """Return the content folder: `$TRUSTWORK_DATA_DIR` if set, else the repository's `data/`."""
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else REPO_ROOT / "data"


def display_path(path: Path) -> str:
    """Show a path relative to the repository when it is inside it, so messages stay short."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)
