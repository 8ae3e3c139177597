"""Scratch databases for the benchmarks: a SQLite file or a PostgreSQL database per size, migrated once.

The schema is migrated once per backend into a template (a file copied, or PostgreSQL's CREATE DATABASE … TEMPLATE),
so that every size starts from the same empty schema without paying for the migrations again.
"""
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# BENCH_DB_PREFIX: scratch databases of their own when several benchmarks share one PostgreSQL server.
PREFIX = os.environ.get("BENCH_DB_PREFIX", "perf_targets_bench")


def django_env(database_url: str, work_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a benchmark process: production settings (DEBUG off) on a scratch database."""
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "perf_targets.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        # Plain HTTP on loopback, in-process or through gunicorn: no redirect to HTTPS, cookies sent over HTTP.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "VAR_DIR": str(work_dir / "var"),
        "STATIC_ROOT": str(work_dir / "static"),
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    })
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def collect_static(work_dir: Path) -> None:
    """WhiteNoise's manifest storage (DEBUG off) needs collected files before any template renders."""
    manage(django_env("sqlite:///:memory:", work_dir), "collectstatic", "--noinput")


@dataclass
class Backend:
    """One database server (or SQLite) on which scratch databases are made from a migrated template."""

    name: str  # "sqlite" or "postgresql"
    work_dir: Path
    base_url: str = ""  # PostgreSQL: the server's URL (any existing database, e.g. /postgres)

    def url(self, label: str) -> str:
        if self.name == "sqlite":
            return f"sqlite:///{self.work_dir / f'{PREFIX}_{label}.sqlite3'}"
        parts = urlsplit(self.base_url)
        return urlunsplit(parts._replace(path=f"/{PREFIX}_{label}"))

    def version(self) -> str:
        if self.name == "sqlite":
            import sqlite3

            return f"SQLite {sqlite3.sqlite_version}"
        with self._server() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"

    def prepare_template(self) -> None:
        self.create_migrated("template")

    def create_migrated(self, label: str) -> str:
        """A fresh database migrated on its own (no template); returns its URL."""
        self.drop(label)
        if self.name == "postgresql":
            self._execute(f'CREATE DATABASE "{PREFIX}_{label}"')
        manage(django_env(self.url(label), self.work_dir), "migrate", "--noinput")
        return self.url(label)

    def exists(self, label: str) -> bool:
        if self.name == "sqlite":
            return Path(self.url(label).removeprefix("sqlite:///")).exists()
        with self._server() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [f"{PREFIX}_{label}"])
            return cursor.fetchone() is not None

    def create(self, label: str) -> str:
        """A fresh copy of the migrated template; returns its URL."""
        self.drop(label)
        if self.name == "sqlite":
            shutil.copyfile(self.url("template").removeprefix("sqlite:///"), self.url(label).removeprefix("sqlite:///"))
        else:
            self._execute(f'CREATE DATABASE "{PREFIX}_{label}" TEMPLATE "{PREFIX}_template"')
        return self.url(label)

    def drop(self, label: str) -> None:
        if self.name == "sqlite":
            # With the file go its write-ahead log and shared memory: a log left by a run that stopped would be
            # replayed into the next fresh copy (generate_demo then finds the old run's departments).
            path = self.url(label).removeprefix("sqlite:///")
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(path + suffix).unlink(missing_ok=True)
        else:
            self._execute(f'DROP DATABASE IF EXISTS "{PREFIX}_{label}" WITH (FORCE)')

    def _server(self):
        import psycopg2

        connection = psycopg2.connect(self.base_url)
        connection.autocommit = True
        return _Closing(connection)

    def _execute(self, sql: str) -> None:
        with self._server() as cursor:
            cursor.execute(sql)


class _Closing:
    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        return self.connection.cursor()

    def __exit__(self, *exc):
        self.connection.close()


def backends(work_dir: Path, *, only: list[str] | None = None) -> list[Backend]:
    """SQLite always; PostgreSQL when DATABASE_URL names a PostgreSQL server."""
    found = [Backend("sqlite", work_dir)]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        found.append(Backend("postgresql", work_dir, base_url=url))
    return [backend for backend in found if only is None or backend.name in only]
