"""Run the test suite against PostgreSQL in a database of its own, created and dropped here.

python scripts/pg_test.py postgres://postgres@127.0.0.1:5432 [pytest arguments]

pytest-django makes the test database ``test_<name>``, one per pytest-xdist worker
(``test_<name>_gw0``, ``test_<name>_gw1``, …); every one of them is dropped at the end, whatever
became of the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import psycopg
from psycopg import sql


def _drop(server: str, name: str) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        # FORCE (PostgreSQL 13+) ends a connection a killed worker may have left.
        force = sql.SQL(" WITH (FORCE)") if conn.info.server_version >= 130000 else sql.SQL("")
        test_databases = [
            row[0]
            for row in conn.execute(
                "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE %s",
                [f"test_{name}", f"test\\_{name}\\_gw%"],
            )
        ]
        for database in [*test_databases, name]:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {}{}").format(sql.Identifier(database), force)
            )


def main() -> int:
    server = sys.argv[1].rstrip("/")
    name = f"evalportal_ci_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        environment = {**os.environ, "DATABASE_URL": f"{server}/{name}"}
        print(f"PostgreSQL: {server}/{name}", flush=True)
        return subprocess.call(
            [sys.executable, "-m", "pytest", "--create-db", *sys.argv[2:]], env=environment
        )
    finally:
        _drop(server, name)


if __name__ == "__main__":
    sys.exit(main())
