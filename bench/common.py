"""Shared by the benchmarks: a throw-away database with the demo loaded, and timing helpers.

The database is SQLite in a temporary folder unless BENCH_DATABASE_URL names another (e.g. a
PostgreSQL database that may be dropped and recreated by Django's test machinery)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_ready = False


def setup_django() -> None:
    global _ready
    if _ready:
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    folder = tempfile.mkdtemp(prefix="evalportal-bench-")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop")
    os.environ["DEBUG"] = "0"
    os.environ["VAR_DIR"] = folder
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "evalportal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    with open(os.devnull, "w") as quiet:
        call_command("loaddemo", "--allow-production", stdout=quiet)
    _ready = True


def median_seconds(run: Callable[[], object], *, repeat: int = 7, number: int = 20) -> float:
    """The median over ``repeat`` rounds of the mean time of ``number`` calls."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            run()
        rounds.append((time.perf_counter() - start) / number)
    return statistics.median(rounds)


def line(name: str, ours: float, baseline: float, sizes: str) -> str:
    ratio = ours / baseline
    return f"{name}: {ratio:.2f}x ({ours * 1000:.2f} ms vs {baseline * 1000:.2f} ms, {sizes})"
