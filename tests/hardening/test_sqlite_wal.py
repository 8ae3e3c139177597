"""The SQLite file runs in WAL mode, so that a reader never waits for a writer (an import held logins for 20 s)."""
import sqlite3
import threading

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
                                reason="SQLite only")


def file_connection(path) -> DatabaseWrapper:
    return DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(path)}, alias="wal-check")


def test_a_reader_reads_while_a_writer_holds_its_transaction(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        check_reader_is_not_blocked(tmp_path)


def check_reader_is_not_blocked(tmp_path):
    writer = file_connection(tmp_path / "db.sqlite3")
    with writer.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        cursor.execute("CREATE TABLE t (n integer)")
        cursor.execute("INSERT INTO t VALUES (1)")
    writer.connection.execute("BEGIN IMMEDIATE")
    writer.connection.execute("INSERT INTO t VALUES (2)")
    seen = []

    def read():
        reader = sqlite3.connect(tmp_path / "db.sqlite3", timeout=0.5)
        seen.append(reader.execute("SELECT count(*) FROM t").fetchone()[0])
        reader.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    writer.connection.rollback()
    writer.close()
    assert seen == [1]  # the committed row, at once, without "database is locked"
