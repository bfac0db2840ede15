"""Real browser tests: JupyterLab with the course, driven in Debian's Chromium through Playwright.

A temporary copy of the course is served by `jupyter lab` on loopback; Chromium opens lessons, runs them, clicks
the practice tools, validates an assignment and opens Formgrader. Screenshots go to test-artifacts/browser/.
In CI (CI=true) a missing Chromium is a failure; on a developer machine without it the tests skip.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import BIN, ROOT
from servers import free_port, stop

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium package", pytrace=False)
    pytest.skip("no /usr/bin/chromium on this machine (apt-get install chromium); browser tests skipped",
                allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

BUSY = ["Connecting", "Initializing", "Starting"]



@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`jupyter lab` on a copy of the course, stopped with all its children afterwards."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "course-root"
    root.mkdir()
    for folder in ("course", "exercises", "solutions"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "nbgrader_config.py", root)
    (root / ".exchange").mkdir()
    os.chmod(root / ".exchange", 0o777)
    news = base / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "JUPYTER_CONFIG_DIR": str(base / "config"), "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
           "TRUSTWORK_PROGRESS": str(base / "progress.json")}
    command = [str(BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = open(base / "server.log", "w")
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("jupyter lab did not start:\n" + (base / "server.log").read_text()[-3000:])
                time.sleep(0.5)
        yield {"url": url, "token": token, "root": root}
    finally:
        stop(process)
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, viewport={"width": 1366, "height": 900},
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def open_notebook(page, server, path: str) -> None:
    """Open one notebook in a fresh workspace (?reset) and wait until it is the current tab with an idle kernel."""
    page.goto(f"{server['url']}/lab/tree/{path}?reset&token={server['token']}")
    page.wait_for_selector(".jp-NotebookPanel", timeout=60_000)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
    page.wait_for_function(f"() => window.jupyterapp.shell.currentWidget?.context?.path === {json.dumps(path)}",
                           timeout=60_000)
    page.wait_for_function(
        "() => { const s = document.querySelector('#jp-main-statusbar')?.textContent ?? '';"
        " return s.includes('Idle') && !" + json.dumps(BUSY) + ".some(b => s.includes(b)); }", timeout=90_000)


def panel(page):
    """The notebook panel on screen (others may be open behind it)."""
    return page.locator(".jp-NotebookPanel").locator("visible=true").first


def run_all(page) -> None:
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")


def wait_idle(page, timeout=90_000) -> None:
    page.wait_for_function(
        "() => { const s = document.querySelector('#jp-main-statusbar')?.textContent ?? '';"
        " return s.includes('Idle'); }", timeout=timeout)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-InputArea-prompt')].every(p => !p.textContent.includes('*'))",
        timeout=timeout)


def assert_no_errors(page) -> None:
    errors = page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error'], "
                              ".jp-RenderedText:has-text('Traceback')")
    assert tracebacks.count() == 0, tracebacks.first.inner_text()[:500]
    assert errors.filter(has_text="Error").count() == 0


def test_welcome_lesson_runs_without_errors(page, server):
    open_notebook(page, server, "course/00_welcome.ipynb")
    run_all(page)
    expect(page.get_by_text("The eight steps").first).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert_no_errors(page)
    shot(page, "01-welcome")


def test_accountability_lesson_drill_and_coach(page, server):
    open_notebook(page, server, "course/04_accountability.ipynb")
    run_all(page)
    drill_button = panel(page).locator(".widget-button", has_text="Deflection").first
    expect(drill_button).to_be_visible(timeout=90_000)
    wait_idle(page)
    assert_no_errors(page)
    drill_button.scroll_into_view_if_needed()
    drill_button.click()
    feedback = panel(page).locator("[role='status']", has_text=re.compile("Right|Not quite")).first
    expect(feedback).to_be_visible(timeout=20_000)
    text = feedback.inner_text()
    assert ("Right" in text or "Not quite" in text) and len(text) > 40, text
    shot(page, "02-sorting-drill-feedback")
    coach = panel(page).locator("textarea").first
    coach.scroll_into_view_if_needed()
    coach.click()
    coach.type("I'm sorry, but you pushed me away.", delay=20)
    expect(page.locator("mark", has_text="you pushed me").first).to_be_visible(timeout=20_000)
    expect(page.get_by_text("blame-shifting").first).to_be_visible()
    shot(page, "03-rewrite-coach-highlights")


def test_role_play_to_the_end(page, server):
    open_notebook(page, server, "course/02_stabilization.ipynb")
    run_all(page)
    wait_idle(page)
    option = panel(page).locator(".widget-button", has_text="Option 1").locator("visible=true")
    expect(option.first).to_be_visible(timeout=60_000)
    for _ in range(12):
        if page.get_by_text("Path summary").count():
            break
        replies = page.get_by_text("Reply:").count()
        option.first.scroll_into_view_if_needed()
        option.first.click()
        page.wait_for_function(f"() => document.body.innerText.split('Reply:').length - 1 >= {replies}"
                               " && document.body.innerText.includes('You said:')", timeout=20_000)
        page.wait_for_timeout(500)
    expect(page.get_by_text("Path summary").first).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Framework ideas you touched").first).to_be_visible()
    shot(page, "04-role-play-summary")


def test_assignment_validates_from_the_toolbar(page, server):
    name = sorted(p.name for p in (server["root"] / "exercises").iterdir() if p.is_dir())[0]
    open_notebook(page, server, f"exercises/{name}/{name}.ipynb")
    filled = page.evaluate("""() => {
        const cells = window.jupyterapp.shell.currentWidget.content.model.sharedModel.cells;
        const q1 = cells.find(c => c.getSource().startsWith('q1 = ('));
        q1.setSource('q1 = "b"');
        return q1.getSource();
    }""")
    assert filled == 'q1 = "b"'
    validate = page.locator(".validate-button").locator("visible=true").first
    expect(validate).to_be_visible(timeout=30_000)
    validate.click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_be_visible(timeout=120_000)
    text = dialog.inner_text()
    assert "Validation" in text or "tests" in text.lower() or "failed" in text.lower(), text[:300]
    assert "still empty" in text and "check_choice('q1'" not in text and "'q2'" in text, text[:800]
    shot(page, "05-assignment-validate")


def test_formgrader_lists_the_assignments(page, server):
    page.goto(f"{server['url']}/formgrader?token={server['token']}")
    names = sorted(p.name for p in (server["root"] / "solutions").iterdir() if p.is_dir())
    expect(page.get_by_text(names[0]).first).to_be_visible(timeout=60_000)
    for name in names:
        expect(page.get_by_text(name).first).to_be_visible()
    shot(page, "06-formgrader")


def test_drill_works_by_keyboard_at_a_narrow_width(browser, server):
    """A trainee on a small screen who uses the keyboard: focus the answer button, press Enter, read the feedback."""
    page = browser.new_page()
    page.set_viewport_size({"width": 560, "height": 900})
    try:
        open_notebook(page, server, "course/04_accountability.ipynb")
        run_all(page)
        answer = panel(page).locator(".widget-button", has_text="Accountability").first
        expect(answer).to_be_visible(timeout=90_000)
        wait_idle(page)
        answer.scroll_into_view_if_needed()
        answer.focus()
        page.keyboard.press("Enter")
        feedback = panel(page).locator("[role='status']", has_text=re.compile("Right|Not quite")).first
        expect(feedback).to_be_visible(timeout=20_000)
        box = feedback.bounding_box()
        assert box and box["x"] + box["width"] <= 560 + 1, "feedback overflows a narrow window"
        shot(page, "07-drill-keyboard-narrow")
    finally:
        page.close()
