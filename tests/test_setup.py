"""The two commands: make keeps the environment and re-running is a no-op when nothing changed."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

IN_MAKE_ENV = os.path.realpath(sys.prefix) == os.path.realpath(ROOT / ".venv")


@pytest.mark.skipif(not IN_MAKE_ENV, reason="runs only inside the .venv that `make test` builds")
def test_environment_is_up_to_date_so_rerun_does_not_reinstall():
    result = subprocess.run(["make", "-q", ".venv/.installed"], cwd=ROOT)
    assert result.returncode == 0, "make would reinstall although pyproject.toml did not change"


@pytest.mark.skipif(not IN_MAKE_ENV, reason="runs only inside the .venv that `make test` builds")
def test_nbgrader_extensions_are_enabled():
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["jupyter", "server", "extension", "list"], capture_output=True, text=True, env=env)
    listing = result.stdout + result.stderr
    for extension in ("formgrader", "assignment_list", "validate_assignment"):
        assert f"nbgrader.server_extensions.{extension} \x1b[32menabled" in listing or \
            f"nbgrader.server_extensions.{extension} enabled" in listing, extension


def test_make_lab_opens_the_welcome_lesson():
    plan = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "jupyter lab" in plan and "course/00_welcome.ipynb" in plan
    assert (ROOT / "course" / "00_welcome.ipynb").exists()


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "apt-get install" in ci and "chromium" in ci
    assert "make test" in (ROOT / "README.md").read_text()


@pytest.mark.skipif(not IN_MAKE_ENV, reason="runs only inside the .venv that `make test` builds")
def test_make_lab_serves_the_course(tmp_path):
    """Start `make lab` for real on a free loopback port and ask the server for the course folder."""
    import json
    import secrets
    import time
    import urllib.request

    from servers import free_port, stop

    port = free_port()
    token = secrets.token_hex(16)
    args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --ServerApp.port_retries=0 "
            f"--IdentityProvider.token={token} --LabApp.news_url=None "
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")}
    server = subprocess.Popen(["make", "lab", f"LAB_ARGS={args}"], cwd=ROOT, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        listing = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and listing is None:
            try:
                url = f"http://127.0.0.1:{port}/api/contents/course?token={token}"
                with urllib.request.urlopen(url, timeout=2) as reply:
                    listing = json.load(reply)
            except OSError:
                assert server.poll() is None, "make lab exited before serving"
                time.sleep(0.5)
        assert listing is not None, "JupyterLab did not answer within 60 s"
        assert "00_welcome.ipynb" in {item["name"] for item in listing["content"]}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=5) as page:
            assert page.status == 200 and b"JupyterLab" in page.read()
    finally:
        stop(server)
