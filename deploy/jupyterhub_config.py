"""JupyterHub configuration for one cohort of the Rebuilding Trust course (see deploy/README.md).

Everything that differs between sites comes from environment variables, so the same file serves The Littlest
JupyterHub, a plain server and the tests:

TRUSTWORK_COURSE_ID     nbgrader course id (default rebuilding-trust); also the formgrader service's name
TRUSTWORK_INSTRUCTORS   comma-separated usernames of instructors (they grade; the first one owns the course files)
TRUSTWORK_STUDENTS      comma-separated usernames of trainees
TRUSTWORK_EXCHANGE      nbgrader's shared exchange folder (default /srv/nbgrader/exchange, mode 777)
TRUSTWORK_COURSE_SRC    the course repository to copy into each home at first start (default /srv/rebuilding-trust)
TRUSTWORK_VENV          the environment with the course installed (default <course src>/.venv)
TRUSTWORK_STATE         folder for the hub's database and secrets (default /srv/jupyterhub)
TRUSTWORK_AUTHENTICATOR "dummy" only for tests and trials; anything else keeps the site's own authenticator
TRUSTWORK_FORMGRADER    "0" to run without the formgrader service (for example on a laptop trial)
"""
import os
import shutil
import pwd
from pathlib import Path

c = get_config()  # noqa: F821

COURSE = os.environ.get("TRUSTWORK_COURSE_ID", "rebuilding-trust")
INSTRUCTORS = [u for u in os.environ.get("TRUSTWORK_INSTRUCTORS", "instructor").split(",") if u]
STUDENTS = [u for u in os.environ.get("TRUSTWORK_STUDENTS", "").split(",") if u]
EXCHANGE = os.environ.get("TRUSTWORK_EXCHANGE", "/srv/nbgrader/exchange")
SOURCE = Path(os.environ.get("TRUSTWORK_COURSE_SRC", "/srv/rebuilding-trust"))
VENV = Path(os.environ.get("TRUSTWORK_VENV", SOURCE / ".venv"))
STATE = Path(os.environ.get("TRUSTWORK_STATE", "/srv/jupyterhub"))
GRADER = INSTRUCTORS[0]
SINGLEUSER_CONFIG = STATE / "singleuser-config"

# --- who is who ----------------------------------------------------------------------------------------
c.Authenticator.allowed_users = set(INSTRUCTORS + STUDENTS)
c.Authenticator.admin_users = {GRADER}
if os.environ.get("TRUSTWORK_AUTHENTICATOR") == "dummy":
    c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.load_groups = {
    "instructors": {"users": INSTRUCTORS},
    "students": {"users": STUDENTS},
    f"formgrade-{COURSE}": {"users": INSTRUCTORS},
    f"nbgrader-{COURSE}": {"users": STUDENTS},
}

# --- the hub's own state -------------------------------------------------------------------------------
STATE.mkdir(parents=True, exist_ok=True)
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# --- each trainee's server: local Unix users, the course environment, nbgrader's shared exchange -------
SINGLEUSER_CONFIG.mkdir(parents=True, exist_ok=True)
(SINGLEUSER_CONFIG / "nbgrader_config.py").write_text(
    "c = get_config()\n"
    f"c.CourseDirectory.course_id = {COURSE!r}\n"
    f"c.Exchange.root = {EXCHANGE!r}\n"
    "c.Exchange.path_includes_course = True\n"
)
(SINGLEUSER_CONFIG / "jupyter_server_config.py").write_text(
    "c = get_config()\n"
    "# Trainees fetch, validate and submit; only instructors (in the formgrader service) create and grade.\n"
    "c.ServerApp.jpserver_extensions = {'nbgrader.server_extensions.formgrader': False}\n"
    "c.LabApp.news_url = None\n"
    "c.LabApp.check_for_updates_class = 'jupyterlab.NeverCheckForUpdate'\n"
)
c.Spawner.cmd = [str(VENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab/tree/rebuilding-trust/course/00_welcome.ipynb"
c.Spawner.environment = {
    "PATH": f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    "JUPYTER_CONFIG_PATH": str(SINGLEUSER_CONFIG),
}
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120


def copy_course_on_first_start(spawner):
    """Put the course in the user's home the first time their server starts (never overwriting their work)."""
    user = pwd.getpwnam(spawner.user.name)
    target = Path(user.pw_dir) / "rebuilding-trust"
    if target.exists():
        return
    target.mkdir(parents=True)
    for part in ("course", "README.md"):
        source = SOURCE / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.exists():
            shutil.copy(source, target / part)
    for folder, _, files in os.walk(target):
        os.chown(folder, user.pw_uid, user.pw_gid)
        for name in files:
            os.chown(os.path.join(folder, name), user.pw_uid, user.pw_gid)


c.Spawner.pre_spawn_hook = copy_course_on_first_start

# --- nbgrader's formgrader as a hub service for instructors --------------------------------------------
if os.environ.get("TRUSTWORK_FORMGRADER", "1") != "0":
    grader_home = pwd.getpwnam(GRADER).pw_dir
    c.JupyterHub.services = [{
        "name": COURSE,
        "url": "http://127.0.0.1:9999",
        "command": [str(VENV / "bin" / "jupyterhub-singleuser"), "--debug"],
        "user": GRADER,
        "cwd": str(Path(grader_home) / COURSE),
        "environment": {"PATH": f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
                        "JUPYTERHUB_DEFAULT_URL": "/formgrader", "TRUSTWORK_EXCHANGE": EXCHANGE},
        "oauth_no_confirm": True,
    }]
    c.JupyterHub.load_roles = [
        {"name": "formgrader-access", "groups": [f"formgrade-{COURSE}"],
         "scopes": [f"access:services!service={COURSE}", f"list:services!service={COURSE}"]},
    ]
