"""Test-session settings for everything under the repository, including the lessons run by nbval."""
import os
import tempfile
from pathlib import Path


def pytest_configure(config):
    """Lessons record practice progress; during tests it goes to a throwaway file, never a learner's own."""
    os.environ["TRUSTWORK_PROGRESS"] = str(Path(tempfile.mkdtemp(prefix="trustwork-test-")) / "progress.json")
