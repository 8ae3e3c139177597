"""The data version goes, with its triggers (issue #18): pages are no longer cached whole, so nothing reads it."""
from django.db import migrations

TRIGGER = "perf_data_version"


def drop_triggers(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}() CASCADE")  # with every trigger that calls it
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{TRIGGER}_%"])
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0009_merge_20261203_1850"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, reverse_code=migrations.RunPython.noop),
        migrations.DeleteModel(name="DataVersion"),
    ]
