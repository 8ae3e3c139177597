"""The data version: a token that changes with every committed write, kept by triggers in the database itself.

Cached pages (perf_targets.response_cache) are keyed on it. A trigger sees every write, whoever makes it and however:
services, imports, `bulk_create` and `update()`, the admin, a migration, SQL typed into a console. So no write path
has to remember to invalidate anything, and every app server sees the same token.

PostgreSQL: a deferred constraint trigger per table changes the token once per transaction, at commit, so the token
row is locked only while the transaction commits, never while it works. SQLite runs one writer at a time: plain
row triggers do. Every table has the triggers (`migrate` puts them on new tables too) except those below, which
change on their own and show on no page.
"""
import secrets

from django.db import DEFAULT_DB_ALIAS, connections

TABLE = "projects_dataversion"
TRIGGER = "perf_data_version"
UNVERSIONED = frozenset({
    TABLE,
    "django_migrations",
    "django_session",  # every login and logout
    "django_admin_log",  # written beside the change it logs, which has its own trigger
    "authtoken_token",
    "indicators_exportjob",  # a background export's progress, written every few hundred projects (issue #21)
})
UNVERSIONED_PREFIXES = ("axes_",)  # login attempts
VENDORS = ("postgresql", "sqlite")  # elsewhere there is no token, and pages are simply never cached

_POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Deferred to commit and queued per row: the transaction-local flag makes one change of the token out of them.
    IF current_setting('perf.data_version_changed', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('perf.data_version_changed', '1', true);
        INSERT INTO {TABLE} (id, token) VALUES (1, md5(random()::text || clock_timestamp()::text))
        ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    END IF;
    RETURN NULL;
END
$$
"""
_SQLITE_CHANGE = (
    f"INSERT INTO {TABLE} (id, token) VALUES (1, lower(hex(randomblob(16)))) "
    "ON CONFLICT (id) DO UPDATE SET token = excluded.token"
)
_SQLITE_EVENTS = ("INSERT", "UPDATE", "DELETE")


def _table_names(connection) -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _versioned(tables: list[str]) -> list[str]:
    return sorted(t for t in tables if t not in UNVERSIONED and not t.startswith(UNVERSIONED_PREFIXES))


def versioned_tables(connection) -> list[str]:
    """The tables whose writes change the token: all of them but UNVERSIONED."""
    return _versioned(_table_names(connection))


def tables_with_triggers(connection) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = %s AND pg_table_is_visible(c.oid)",
                [TRIGGER],
            )
            return {name for (name,) in cursor.fetchall()}
        cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                       [f"{TRIGGER}_%"])
        names = set(cursor.fetchall())
    return {table for table, _ in names if all((table, _sqlite_name(table, e)) in names for e in _SQLITE_EVENTS)}


def _sqlite_name(table: str, event: str) -> str:
    return f"{TRIGGER}_{table}_{event.lower()}"


def _trigger_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f'CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()",
            f'CREATE TRIGGER {TRIGGER}_truncate AFTER TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()",
        ]
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{_sqlite_name(table, event)}" AFTER {event} ON "{table}" '
        f"BEGIN {_SQLITE_CHANGE}; END"
        for event in _SQLITE_EVENTS
    ]


def install_triggers(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Puts the triggers on every versioned table that lacks them; returns those tables. Idempotent."""
    connection = connections[using]
    if connection.vendor not in VENDORS:
        return []
    tables = _table_names(connection)
    if TABLE not in tables:
        return []  # migrated back past the token's table (and the triggers with it)
    covered = tables_with_triggers(connection)
    missing = [t for t in _versioned(tables) if t not in covered]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_POSTGRESQL_FUNCTION)
        for table in missing:
            for statement in _trigger_sql(connection.vendor, table):
                cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute(f"INSERT INTO {TABLE} (id, token) VALUES (1, %s) ON CONFLICT (id) DO NOTHING",
                           [secrets.token_hex(16)])
        else:
            cursor.execute(f"INSERT OR IGNORE INTO {TABLE} (id, token) VALUES (1, %s)", [secrets.token_hex(16)])
    return missing


def drop_triggers(using: str = DEFAULT_DB_ALIAS) -> None:
    """Takes the triggers off every table (migrating back past the token's table, which they write to)."""
    connection = connections[using]
    if connection.vendor not in VENDORS:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}() CASCADE")  # with every trigger that calls it
            return
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{TRIGGER}_%"])
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')


def current_token(using: str = DEFAULT_DB_ALIAS) -> str | None:
    """The token as committed, or None when it can't be trusted: then nothing may be served from a cache.

    None inside a transaction, whose own uncommitted writes a page would show while the token is still the old one
    (on PostgreSQL it changes at commit), and when the row is missing (after a flush, until the next write).
    """
    connection = connections[using]
    if connection.in_atomic_block or connection.vendor not in VENDORS:
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None
