"""A saved report can't be changed or deleted through the models, querysets or the admin (DOMAIN §6)."""
import datetime
from decimal import Decimal

import pytest
import time_machine

from indicators.models import ExpenditureReport, IndicatorReport, LedgerError
from indicators.services.reports import record_expenditure, record_indicator_report
from tests.conftest import project

TODAY = datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


@pytest.fixture
def report(seeded, finance):
    with time_machine.travel(TODAY, tick=False):
        return record_indicator_report(
            indicator=project(2).indicators.get(order=1), user=finance, as_of=datetime.date(2026, 11, 20),
            value=Decimal("150"),
        )


def test_saving_a_changed_report_fails_loudly_and_the_row_is_unchanged(report):
    report.value = Decimal("999")
    with pytest.raises(LedgerError):
        report.save()
    assert IndicatorReport.objects.get(pk=report.pk).value == Decimal("150")


def test_deleting_a_report_fails_and_the_row_stays(report):
    with pytest.raises(LedgerError):
        report.delete()
    with pytest.raises(LedgerError):
        IndicatorReport.objects.filter(pk=report.pk).delete()
    assert IndicatorReport.objects.filter(pk=report.pk).exists()


def test_bulk_update_is_refused(report):
    with pytest.raises(LedgerError):
        IndicatorReport.objects.filter(pk=report.pk).update(value=Decimal("1"))
    assert IndicatorReport.objects.get(pk=report.pk).value == Decimal("150")


def test_expenditures_are_append_only_too(seeded, finance):
    with time_machine.travel(TODAY, tick=False):
        row = record_expenditure(project=project(1), user=finance, as_of=datetime.date(2026, 11, 1),
                                 amount=Decimal("2.30"))
    row.amount = Decimal("0")
    with pytest.raises(LedgerError):
        row.save()
    assert ExpenditureReport.objects.get(pk=row.pk).amount == Decimal("2.30")


def test_the_admin_offers_no_change_or_delete(report, admin_user, client):
    client.force_login(admin_user)
    page = client.get(f"/admin/indicators/indicatorreport/{report.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(f"/admin/indicators/indicatorreport/{report.pk}/delete/", {"post": "yes"}).status_code == 403
    assert IndicatorReport.objects.filter(pk=report.pk).exists()
