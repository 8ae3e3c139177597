"""`make bench`'s write floors insert every column the application writes: a model column added without its floor
stops `make bench` at the import case (it did, once indicators carried their 推断 mark and 分值), and a floor that
writes less than the import is not the import's floor."""
import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from benchmarks import floors
from indicators.demo_data import SEED_TABLE, seed_projects
from indicators.models import ExpenditureReport, IndicatorReport
from projects.models import Indicator
from tests.conftest import project

pytestmark = pytest.mark.django_db

INDICATOR_COLUMNS = ("project__seq", "order", "name", "operator", "target_text", "target_value", "unit", "level1",
                     "level2", "basis", "classes_inferred", "points")


def lines(department: str) -> list[tuple]:
    return list(Indicator.objects.filter(project__department__name=department)
                .order_by("project__seq", "order").values_list(*INDICATOR_COLUMNS))


def test_the_table_floor_writes_the_seed_tables_indicators_as_import_targets_does():
    floors.table_insert_floor(projects=seed_projects(), department_name="基准直写部门", year=2026)()
    call_command("import_targets", str(SEED_TABLE), department="基准导入部门", year=2026, verbosity=0)
    written, imported = lines("基准直写部门"), lines("基准导入部门")
    assert len(written) == 85
    assert written == imported
    assert {row[INDICATOR_COLUMNS.index("classes_inferred")] for row in written} == {True}  # the 汇总表 prints none


def test_the_ledger_floor_writes_ten_reports_and_an_expenditure(seeded, finance):
    school = project(5)  # 幼儿园: 10 quantitative lines, as the entry case saves
    indicators = list(school.indicators.order_by("order"))
    rows = [(i.pk, Decimal(n), "", None) for n, i in enumerate(indicators, start=1)]
    floors.ledger_insert_floor(rows=rows, expenditure=(school.pk, Decimal("300.25")),
                               as_of=datetime.date(2026, 12, 20), user_id=finance.pk)()
    assert list(IndicatorReport.objects.order_by("indicator__order").values_list("indicator__order", "value")) == [
        (n, Decimal(n)) for n in range(1, 11)]
    assert ExpenditureReport.objects.get().amount == Decimal("300.25")

