"""Run the test suite against PostgreSQL in a database of its own, created and dropped here.

python scripts/pg_test.py postgres://postgres@127.0.0.1:5432 [pytest arguments]
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import psycopg


def main() -> int:
    server = sys.argv[1].rstrip("/")
    name = f"evalportal_ci_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        environment = {**os.environ, "DATABASE_URL": f"{server}/{name}"}
        print(f"PostgreSQL: {server}/{name}", flush=True)
        return subprocess.call(
            [sys.executable, "-m", "pytest", "--create-db", *sys.argv[2:]], env=environment
        )
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "test_{name}"')
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    sys.exit(main())
