"""`make bench`'s scratch databases start fresh, whatever a run before left behind."""
from benchmarks.databases import PREFIX, Backend


def test_a_dropped_sqlite_scratch_database_takes_its_write_ahead_log_with_it(tmp_path):
    backend = Backend("sqlite", tmp_path)
    left = [tmp_path / f"{PREFIX}_1_15.sqlite3{suffix}" for suffix in ("", "-wal", "-shm")]
    for path in left:
        path.write_bytes(b"left by a run that stopped")
    backend.drop("1_15")
    assert [path.exists() for path in left] == [False, False, False]
