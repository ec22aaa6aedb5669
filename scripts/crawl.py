"""Log in as each demo user and follow every link from the home page, reporting any page that
answers 5xx (or does not answer). Only GET links of the portal itself are followed; logging out
and the Django admin are left alone, and downloads are fetched but not read for links.

    python scripts/crawl.py http://127.0.0.1:8000            # every demo user
    python scripts/crawl.py http://127.0.0.1:8000 bureau staff_xingang

Run against `make run` (the demo season). Exits non-zero when any page failed. The same crawl
runs in the test suite through Django's test client (tests/test_crawl.py)."""

from __future__ import annotations

import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

PASSWORD = "demo-2025"
USERS = [
    "coordinator",
    *(f"expert{n}" for n in range(1, 6)),
    "supervision",
    "bureau",
    "buyer",
    "staff",
    *(
        f"{who}_{street}"
        for street in ("nanzhou", "pazhou", "huazhou", "chigang", "xingang", "jianghai", "ruibao")
        for who in ("staff", "buyer")
    ),
]
SKIP = re.compile(r"^/(logout/|admin/|static/|media/|i18n/)")
HTML = "text/html"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


@dataclass
class Crawl:
    """What one user's crawl met."""

    user: str
    visited: int = 0
    failures: list[tuple[str, int | str]] = field(default_factory=list)


# fetch(path) -> (status, content type, body text or "")
Fetch = Callable[[str], tuple[int, str, str]]


_NUMBER = re.compile(r"\d+")


def shape(path: str) -> str:
    """A path with every number after the first (an evaluation's or a station's) as N: the pages
    of one kind within one evaluation, e.g. its findings."""
    first = _NUMBER.search(path)
    if first is None:
        return path
    return path[: first.end()] + _NUMBER.sub("N", path[first.end() :])


def crawl(user: str, fetch: Fetch, *, limit: int = 3000, per_shape: int | None = None) -> Crawl:
    """Breadth first from the home page over the portal's own links; with ``per_shape``, at most
    that many pages of one :func:`shape`."""
    result = Crawl(user)
    seen = {"/"}
    shapes: dict[str, int] = {}
    queue = deque(["/"])
    while queue and result.visited < limit:
        path = queue.popleft()
        status, content_type, body = fetch(path)
        result.visited += 1
        if not isinstance(status, int) or status >= 500:
            result.failures.append((path, status))
            continue
        if not content_type.startswith(HTML):
            continue
        for href in links_in(body):
            target = urllib.parse.urljoin(path, href)
            parts = urllib.parse.urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if SKIP.match(parts.path) or local in seen:
                continue
            seen.add(local)
            if per_shape is not None:
                kind = shape(local)
                shapes[kind] = shapes.get(kind, 0) + 1
                if shapes[kind] > per_shape:
                    continue
            queue.append(local)
    return result


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect is a page like any other
        return None


def http_fetcher(base: str, user: str) -> Fetch:
    """A logged-in session of ``user`` on the portal at ``base``."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base}/login/"
    page = opener.open(login, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": user, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(login, data=data, headers={"Referer": login})
    landed = opener.open(request, timeout=30).geturl()
    if landed.rstrip("/").endswith("/login"):
        raise SystemExit(f"{user}: cannot log in")
    quiet = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)

    def fetch(path: str) -> tuple[int, str, str]:
        try:
            with quiet.open(base + path, timeout=60) as response:
                kind = response.headers.get("Content-Type", "")
                body = response.read()
                return response.status, kind, body.decode() if kind.startswith(HTML) else ""
        except urllib.error.HTTPError as exc:
            kind = exc.headers.get("Content-Type", "")
            return exc.code, kind, ""
        except OSError as exc:  # no answer at all
            return f"no answer: {exc}", "", ""  # type: ignore[return-value]

    return fetch


def main() -> int:
    base = sys.argv[1].rstrip("/")
    users = sys.argv[2:] or USERS
    failed = 0
    for user in users:
        result = crawl(user, http_fetcher(base, user))
        print(f"{user}: {result.visited} pages, {len(result.failures)} failed")
        for path, status in result.failures:
            print(f"  {status} {path}")
        failed += len(result.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
