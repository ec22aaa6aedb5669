"""A bounded load test: gunicorn (2 workers) on PostgreSQL with the demo, 20 concurrent clients
on 127.0.0.1 only, a fixed number of requests per page, over the home page, the score-entry
page, the results page and the final-report download, and over a bare view that runs one query
(/healthz) as the baseline, in the same run. Prints, per page, the ratio of its median latency
to the baseline's, with p50/p95, requests per second and errors. No request may fail.

PostgreSQL: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432); a database is created
for the run and dropped after it."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 20
REQUESTS = int(os.environ.get("BENCH_LOAD_REQUESTS", "400"))  # per page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session:
    """A logged-in user's cookies, reused by every client thread."""

    def __init__(self, port: int, username: str | None) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        if username:
            self._login(username)

    def _request(self, conn, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def _login(self, username: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        _status, page = self._request(conn, "GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode(
            {"username": username, "password": "demo-2025", "csrfmiddlewaretoken": token}
        )
        status, _ = self._request(
            conn,
            "POST",
            "/login/",
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": "http://127.0.0.1/"},
        )
        conn.close()
        if status != 302:
            raise RuntimeError(f"could not log in as {username}: {status}")

    def get(self, conn, path: str) -> tuple[int, bytes]:
        return self._request(conn, "GET", path)


def _load(session: Session, path: str) -> dict:
    """REQUESTS GETs of ``path`` by CLIENTS threads, each on its own keep-alive connection."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(REQUESTS))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", session.port, timeout=60)
        while True:
            with lock:
                if next(counter, None) is None:
                    break
            start = time.perf_counter()
            try:
                status, _ = session.get(conn, path)
            except (OSError, http.client.HTTPException) as exc:
                status = f"{type(exc).__name__}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", session.port, timeout=60)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(str(status))
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95) - 1],
        "rps": len(latencies) / wall,
        "errors": len(errors),
        "kinds": sorted(set(errors)),
    }


def main() -> None:
    import psycopg

    server_url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    name = f"evalportal_load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    folder = tempfile.mkdtemp(prefix="evalportal-load-")
    env = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": folder,
        "DATABASE_URL": f"{server_url}/{name}",
        "AXES_FAILURE_LIMIT": "1000",
    }
    server = None
    try:
        for command in (
            ["manage.py", "migrate", "--no-input", "-v0"],
            ["manage.py", "collectstatic", "--no-input", "-v0"],
            ["manage.py", "loaddemo", "--allow-production"],
        ):
            subprocess.run(
                [sys.executable, *command], cwd=ROOT, env=env, check=True, capture_output=True
            )
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "evalportal.wsgi",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        anonymous = Session(port, None)
        bureau, expert, coordinator = (
            Session(port, u) for u in ("bureau", "expert1", "coordinator")
        )
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        _status, page = expert.get(conn, "/evaluations/1/")
        sheet = re.search(rb"/evaluations/1/sheets/(\d+)/", page).group(0).decode()
        conn.close()
        pages = [
            ("home", bureau, "/"),
            ("score_entry", expert, sheet),
            ("results", coordinator, "/evaluations/1/results/"),
            ("final_report_download", bureau, "/evaluations/1/report/final.pdf"),
        ]
        _load(anonymous, "/healthz")  # warm both workers
        baseline = _load(anonymous, "/healthz")
        failed = baseline["errors"]
        for label, session, path in pages:
            result = _load(session, path)
            failed += result["errors"]
            print(
                f"load_{label}: {result['p50'] / baseline['p50']:.2f}x "
                f"(p50 {result['p50'] * 1000:.1f} ms vs {baseline['p50'] * 1000:.1f} ms, "
                f"p95 {result['p95'] * 1000:.1f} ms vs {baseline['p95'] * 1000:.1f} ms, "
                f"{result['rps']:.0f} vs {baseline['rps']:.0f} req/s, "
                f"{REQUESTS} requests, {CLIENTS} clients, {result['errors']} errors"
                + (f" {result['kinds']}" if result["errors"] else "")
                + ")"
            )
        if failed:
            raise SystemExit(f"{failed} requests failed")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
