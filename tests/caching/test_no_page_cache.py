"""Nothing is cached whole any more (issue #18): the data version's table and its triggers are gone from a migrated
database, and a save shows on the next page because every page reads the database."""
from django.db import connection

from tests.dashboard.conftest import spend
from tests.dashboard.test_headline_figures import text_of


def test_a_migrated_database_has_no_data_version_table_nor_triggers(db):
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'perf_data_version%%'")
        else:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
        triggers = cursor.fetchone()[0]
    assert "projects_dataversion" not in tables
    assert triggers == 0


def test_a_save_shows_on_the_managers_next_dashboard(client, manager, finance, scenario):
    client.force_login(manager)
    assert text_of(client.get("/").content.decode(), "fig-spent") == "58.70"
    spend(finance, 4, "2026-11-20", "1.00")
    assert text_of(client.get("/").content.decode(), "fig-spent") == "59.70"  # 58.70 + 1.00
