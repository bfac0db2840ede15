"""Measure one trainee's server for hub sizing: memory and CPU of `jupyter lab` with a lesson open and its kernel
running all cells, driven in Chromium as a trainee would.

Run: python benchmarks/sizing.py [course/04_accountability.ipynb]   (needs /usr/bin/chromium)
Prints the resident memory of the server and its kernel, and the CPU seconds they used.
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    found, frontier = [pid], [pid]
    while frontier:
        parent = frontier.pop()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == parent:
                    found.append(int(entry.name))
                    frontier.append(int(entry.name))
    return found


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    lesson = sys.argv[1] if len(sys.argv) > 1 else "course/04_accountability.ipynb"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token, scratch = secrets.token_hex(8), Path(tempfile.mkdtemp())
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(scratch / "rt"), "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "ws"),
           "TRUSTWORK_PROGRESS": str(scratch / "progress.json")}
    command = [str(BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}", "--LabApp.news_url=None",
               "--LabApp.expose_app_in_browser=True",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        idle = sum(rss_mb(p) for p in tree(server.pid))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                                 args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                                       "--disable-background-networking", "--disable-sync"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/lab/tree/{lesson}?reset&token={token}")
            page.wait_for_function("() => (document.querySelector('#jp-main-statusbar')?.textContent ?? '')"
                                   ".includes('Idle')", timeout=90_000)
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            page.wait_for_timeout(3000)
            page.wait_for_function("() => [...document.querySelectorAll('.jp-InputArea-prompt')]"
                                   ".every(p => !p.textContent.includes('*'))", timeout=90_000)
            page.wait_for_timeout(2000)
            processes = tree(server.pid)
            busy = {p: rss_mb(p) for p in processes}
            cpu = sum(cpu_seconds(p) for p in processes)
            browser.close()
        print(f"lesson: {lesson}")
        print(f"server alone, idle: {idle:.0f} MB resident")
        print(f"server + kernel with the lesson run: {sum(busy.values()):.0f} MB resident "
              f"({len(busy)} processes: " + ", ".join(f"{v:.0f}" for v in sorted(busy.values(), reverse=True)) + " MB)")
        print(f"CPU used from start to lesson done: {cpu:.1f} s")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
