"""A real JupyterHub on loopback, configured by deploy/jupyterhub_config.py, with local Unix users and nbgrader's
shared exchange: an instructor releases, two trainees log in through the hub, start their servers, list, fetch,
answer and submit through the HTTP APIs a browser uses; the instructor collects and autogrades; the gradebook holds
both scores. Needs root (to create users and spawn their servers) and configurable-http-proxy (npm).
"""
from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import BIN, ROOT
from servers import free_port, stop

COURSE = "rebuilding-trust"
ASSIGNMENT = "a1_betrayal_stabilization"
RUN = secrets.token_hex(3)  # fresh Unix users per run, removed afterwards: runs never share homes
INSTRUCTOR, STUDENTS = f"tw{RUN}-instructor", [f"tw{RUN}-student1", f"tw{RUN}-student2"]
pytestmark = pytest.mark.slow

SYSTEM_PYTHON = Path("/usr/bin/python3.11")
missing = [what for what, ok in (("root", os.geteuid() == 0), ("Debian's python3.11", SYSTEM_PYTHON.exists()),
                                 ("configurable-http-proxy", shutil.which("configurable-http-proxy")),
                                 ("jupyterhub", (BIN / "jupyterhub").exists())) if not ok]
if missing:
    if os.environ.get("CI"):
        pytest.fail(f"the hub test needs {missing} in CI (.ci/run installs them)", pytrace=False)
    pytest.skip(f"the hub test needs {missing}", allow_module_level=True)

import requests  # noqa: E402



def create_user(name: str) -> pwd.struct_passwd:
    subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
    return pwd.getpwnam(name)


def as_user(user: str, *command: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", user, "--", "env", *[f"{k}={v}" for k, v in env.items()], *command],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def hub():
    # Not pytest's tmp_path: that lives under a folder only root may enter, and the trainees' servers must read it.
    base = Path(tempfile.mkdtemp(prefix="trustwork-hub-"))
    os.chmod(base, 0o755)
    state, exchange, shared = base / "state", base / "exchange", base / "venv"
    # Every trainee's server runs as that trainee, so the environment must be readable by all users: built from
    # the system Python (the development .venv's interpreter may live under /root, which others cannot enter).
    subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", "--without-pip", str(shared)], check=True)
    subprocess.run([str(BIN / "pip"), "--python", str(shared / "bin" / "python"), "install", "--quiet", "-e", str(ROOT)],
                   check=True)
    exchange.mkdir()
    os.chmod(exchange, 0o777)
    for name in [INSTRUCTOR, *STUDENTS]:
        create_user(name)
    instructor = pwd.getpwnam(INSTRUCTOR)
    course_dir = Path(instructor.pw_dir) / COURSE
    course_dir.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course_dir)
    shutil.copytree(ROOT / "solutions" / ASSIGNMENT, course_dir / "solutions" / ASSIGNMENT)
    subprocess.run(["chown", "-R", f"{INSTRUCTOR}:{INSTRUCTOR}", str(course_dir)], check=True)

    port, hub_port, api_port = free_port(), free_port(), free_port()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "TRUSTWORK_COURSE_ID": COURSE, "TRUSTWORK_INSTRUCTORS": INSTRUCTOR,
           "TRUSTWORK_STUDENTS": ",".join(STUDENTS), "TRUSTWORK_EXCHANGE": str(exchange),
           "TRUSTWORK_COURSE_SRC": str(ROOT), "TRUSTWORK_VENV": str(shared), "TRUSTWORK_STATE": str(state),
           "TRUSTWORK_AUTHENTICATOR": "dummy", "TRUSTWORK_FORMGRADER": "1",
           "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(16)}
    log = open(base / "hub.log", "w")
    process = subprocess.Popen(
        [str(BIN / "jupyterhub"), "-f", str(ROOT / "deploy" / "jupyterhub_config.py"), "--ip=127.0.0.1",
         f"--port={port}", f"--JupyterHub.hub_port={hub_port}",
         f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{api_port}"],
        cwd=base, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(f"{url}/hub/api/", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("JupyterHub did not start:\n" + (base / "hub.log").read_text()[-4000:])
            time.sleep(0.5)
        instructor_env = {"PATH": f"{shared / 'bin'}:/usr/bin:/bin", "TRUSTWORK_EXCHANGE": str(exchange),
                          "HOME": instructor.pw_dir}
        yield {"url": url, "base": base, "course_dir": course_dir, "env": instructor_env, "log": base / "hub.log"}
    finally:
        stop(process, grace=30)
        subprocess.run(["pkill", "-KILL", "-u", ",".join([INSTRUCTOR, *STUDENTS])], check=False)
        time.sleep(1)
        for name in [INSTRUCTOR, *STUDENTS]:
            subprocess.run(["userdel", "--remove", name], check=False, capture_output=True)
        log.close()
        (ROOT / "test-artifacts").mkdir(exist_ok=True)
        shutil.copy(base / "hub.log", ROOT / "test-artifacts" / "hub.log")
        shutil.rmtree(base, ignore_errors=True)


def login(url: str, user: str) -> requests.Session:
    """Log in through the hub's form, as a browser does (xsrf cookie, then POST)."""
    session = requests.Session()
    session.get(f"{url}/hub/login", timeout=30)
    xsrf = session.cookies.get("_xsrf", path="/hub/")
    reply = session.post(f"{url}/hub/login?next=", data={"username": user, "password": "trial", "_xsrf": xsrf},
                         timeout=30, allow_redirects=False)
    assert reply.status_code in (302, 303), (reply.status_code, reply.text[:300])
    return session


def start_server(url: str, session: requests.Session, user: str) -> str:
    """Start the user's server via /hub/spawn and wait until it answers through the proxy."""
    session.get(f"{url}/hub/spawn", timeout=120)
    base = f"{url}/user/{user}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        # Loading the page goes through the hub's OAuth redirects and leaves the server's cookies, as in a browser.
        page = session.get(f"{base}/lab", timeout=60)
        if page.ok and page.url.startswith(f"{base}/lab") and session.get(f"{base}/api/status", timeout=30).ok:
            return base
        time.sleep(1)
    raise AssertionError(f"{user}'s server did not start")


def server_xsrf(session: requests.Session) -> str:
    """The single-user server's _xsrf cookie (set when the page loads), sent back as a header on writes."""
    return next(c.value for c in session.cookies if c.name == "_xsrf" and "/user/" in (c.path or ""))


def post(session: requests.Session, url: str, **data) -> requests.Response:
    return session.post(url, data=data, headers={"X-XSRFToken": server_xsrf(session)}, timeout=120)


def test_cohort_flow_through_a_real_hub(hub):
    url, env, course_dir = hub["url"], hub["env"], hub["course_dir"]
    started = time.perf_counter()
    for step in (["nbgrader", "generate_assignment", ASSIGNMENT, "--force"],
                 ["nbgrader", "release_assignment", ASSIGNMENT]):
        result = as_user(INSTRUCTOR, *step, cwd=course_dir, env=env)
        assert result.returncode == 0, result.stdout + result.stderr

    for number, student in enumerate(STUDENTS):
        session = login(url, student)
        server = start_server(url, session, student)
        home = Path(pwd.getpwnam(student).pw_dir)
        assert (home / "rebuilding-trust" / "course" / "00_welcome.ipynb").exists(), "course not copied home"
        listing = session.get(f"{server}/assignments", params={"course_id": COURSE}, timeout=60).json()
        assert listing["success"], listing
        assert any(a["assignment_id"] == ASSIGNMENT and a["status"] == "released" for a in listing["value"])
        fetched = post(session, f"{server}/assignments/fetch", course_id=COURSE, assignment_id=ASSIGNMENT).json()
        assert fetched["success"], fetched
        path = f"{COURSE}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"  # the exchange includes the course in the path
        model = session.get(f"{server}/api/contents/{path}", params={"content": 1}, timeout=60).json()
        if number == 0:  # the first trainee answers q1 with the solution's value
            solution = json.loads((ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
            answer = next(c for c in solution["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q1")
            source = "".join(answer["source"]).replace("### BEGIN SOLUTION\n", "").replace("### END SOLUTION\n", "")
            cell = next(c for c in model["content"]["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q1")
            cell["source"] = source
        saved = session.put(f"{server}/api/contents/{path}", json={"type": "notebook", "format": "json",
                                                                    "content": model["content"]},
                            headers={"X-XSRFToken": server_xsrf(session)}, timeout=60)
        assert saved.ok, saved.text[:300]
        submitted = post(session, f"{server}/assignments/submit", course_id=COURSE, assignment_id=ASSIGNMENT).json()
        assert submitted["success"], submitted

    for step in (["nbgrader", "collect", ASSIGNMENT], ["nbgrader", "autograde", ASSIGNMENT]):
        result = as_user(INSTRUCTOR, *step, cwd=course_dir, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    print(f"\nhub cohort flow: {time.perf_counter() - started:.1f} s")

    # The instructor opens Formgrader, the hub service named after the course, and sees the assignment.
    session = login(url, INSTRUCTOR)
    page = session.get(f"{url}/services/{COURSE}/formgrader", timeout=120)
    assert page.ok and "nbgrader formgrade" in page.text, (page.status_code, page.url)
    listed = session.get(f"{url}/services/{COURSE}/formgrader/api/assignments", timeout=60)
    assert listed.ok, listed.status_code
    assignments = {a["name"]: a for a in listed.json()}
    assert assignments[ASSIGNMENT]["num_submissions"] == len(STUDENTS), assignments[ASSIGNMENT]
    refused = login(url, STUDENTS[0]).get(f"{url}/services/{COURSE}/formgrader/api/assignments", timeout=60)
    assert refused.status_code in (403, 404) or not refused.ok or "num_submissions" not in refused.text, \
        "a trainee must not reach Formgrader"

    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gradebook:
        scores = {s: gradebook.find_submission(ASSIGNMENT, s).score for s in STUDENTS}
    assert scores[STUDENTS[0]] > 0 and scores[STUDENTS[1]] == 0, scores
