"""Browser journeys against a real server: gunicorn on 127.0.0.1 with its own database (made by
migrate and tests/e2e/prepare.py), driven by Playwright in Debian's Chromium. Nothing is
downloaded: the browser is the system's (`apt-get install chromium`).

Screenshots go to test-artifacts/e2e/ (CI keeps the folder in its output)."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PASSWORD = "demo-2025"


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config, items):
    if _chromium() is None and os.environ.get("E2E_REQUIRED") != "1":
        skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
        for item in items:
            if "tests/e2e" in str(item.fspath):
                item.add_marker(skip)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def portal(tmp_path_factory):
    """The base URL of a running portal with the journeys' data."""
    var = tmp_path_factory.mktemp("e2e-portal")
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var}/e2e.sqlite3",
        "AXES_FAILURE_LIMIT": "50",
    }
    python = sys.executable

    def run(*args: str, **more_env: str) -> None:
        subprocess.run(
            [python, *args], cwd=ROOT, env={**env, **more_env}, check=True, capture_output=True
        )

    run("manage.py", "migrate", "--no-input", "-v0")
    run(
        "manage.py",
        "collectstatic",
        "--no-input",
        "-v0",
        DJANGO_SETTINGS_MODULE="tests.e2e.collect_settings",  # not precompressed: its docstring
    )
    run("tests/e2e/prepare.py")
    log = (var / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "evalportal.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        log.close()
        raise RuntimeError(f"the portal did not start: {(var / 'gunicorn.log').read_text()}")
    yield base
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


class Person:
    """One user in their own browser context (their own cookies)."""

    def __init__(self, browser, base: str, username: str, width: int = 1280) -> None:
        self.base = base
        self.username = username
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, accept_downloads=True, locale="zh-CN"
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        # Every confirmation is read and accepted (what it asked is kept to check).
        self.dialogs: list[str] = []
        self.page.on("dialog", self._accept)
        self.page.goto(f"{base}/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("main form button[type=submit]")
        self.page.wait_for_url(f"{base}/")

    def _accept(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.accept()

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def shot(self, journey: str, step: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"{journey}-{step}.png"), full_page=True)

    def close(self) -> None:
        assert self.errors == [], self.errors
        self.context.close()


@pytest.fixture
def person(browser, portal):
    people = []

    def login(username: str, width: int = 1280) -> Person:
        someone = Person(browser, portal, username, width)
        people.append(someone)
        return someone

    yield login
    for someone in people:
        someone.close()
