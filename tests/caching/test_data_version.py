"""The data version changes with every committed write to what pages show, however it is made (on both backends)."""
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection, transaction

from indicators.services.reports import record_indicator_report
from projects.data_version import current_token, install_triggers, tables_with_triggers, versioned_tables
from projects.models import Department, Indicator, Project
from tests.conftest import project

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_table_but_sessions_migrations_and_login_attempts_has_the_triggers():
    tables = versioned_tables(connection)
    assert tables_with_triggers(connection) >= set(tables)
    for table in ("projects_department", "projects_project", "projects_indicator", "projects_indicatoradjustment",
                  "projects_budgetadjustment", "indicators_indicatorreport", "indicators_expenditurereport",
                  "indicators_monitoringnote", "auth_user", "auth_user_groups", "projects_membership"):
        assert table in tables
    for table in ("django_session", "projects_dataversion", "axes_accessattempt", "django_migrations"):
        assert table not in tables


def test_a_report_recorded_through_the_service_changes_the_token(seeded, finance):
    before = current_token()
    record_indicator_report(indicator=project(1).indicators.get(order=1), user=finance, as_of=date(2026, 7, 31),
                            value=Decimal(8))
    assert current_token() not in (None, before)


def test_writes_that_skip_save_change_it_too(seeded):
    tokens = [current_token()]
    Indicator.objects.filter(project=project(1), order=1).update(target_value=Decimal(9))
    tokens.append(current_token())
    Department.objects.bulk_create([Department(name="宁波市另一局", code="another")])
    tokens.append(current_token())
    with connection.cursor() as cursor:  # what a console would do
        cursor.execute("UPDATE projects_project SET name = name || '（改）' WHERE seq = 2")
    tokens.append(current_token())
    Department.objects.filter(code="another").delete()
    tokens.append(current_token())
    assert len(set(tokens)) == 5


def test_inside_a_transaction_there_is_no_token_and_a_rollback_leaves_it(seeded):
    before = current_token()
    with transaction.atomic():
        Project.objects.filter(seq=3).update(name="改名")
        assert current_token() is None  # the page would show this uncommitted name
        transaction.set_rollback(True)
    assert current_token() == before
    with transaction.atomic():
        Project.objects.filter(seq=3).update(name="改名")
        Project.objects.filter(seq=4).update(name="又改名")
    assert current_token() != before


def test_a_new_session_does_not_change_it(client, manager):
    before = current_token()
    client.force_login(manager)  # last_login is a change of auth_user: that one does
    after_login = current_token()
    assert after_login != before
    Session.objects.all().delete()
    assert current_token() == after_login


def test_a_table_a_later_migration_adds_gets_the_triggers_when_migrate_runs(seeded):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE projects_later_table (id integer PRIMARY KEY, name varchar(20))")
    try:
        assert install_triggers() == ["projects_later_table"]
        assert install_triggers() == []  # idempotent
        before = current_token()
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO projects_later_table (id, name) VALUES (1, 'x')")
        assert current_token() != before
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE projects_later_table")



def test_migrating_back_past_the_token_table_takes_the_triggers_off_and_forward_puts_them_back(seeded):
    call_command("migrate", "projects", "0001", verbosity=0)
    try:
        assert tables_with_triggers(connection) == set()
        Project.objects.filter(seq=1).update(name="改名")  # would fail at commit if a trigger still wrote the token
        assert Project.objects.get(seq=1).name == "改名"
    finally:
        call_command("migrate", verbosity=0)
    assert tables_with_triggers(connection) >= set(versioned_tables(connection))
    before = current_token()
    Project.objects.filter(seq=1).update(name="设备购置经费")
    assert current_token() not in (None, before)
