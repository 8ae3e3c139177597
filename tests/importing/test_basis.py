"""The import gives every indicator its 监控口径 (DOMAIN §5); a hand correction survives until the line changes."""
import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command

from indicators.models import IndicatorReport
from indicators.selectors.evaluation import evaluate_project
from projects.models import Indicator, IndicatorAdjustment
from tests.conftest import SEED
from tests.importing.helpers import IND_NAME, OPERATOR, TARGET, UNIT, run_import
from tests.rules.test_rules_basis import SEED_BASIS

pytestmark = pytest.mark.django_db


def indicator(seq: int, order: int) -> Indicator:
    return Indicator.objects.get(project__seq=seq, order=order)


def test_the_85_indicators_are_stored_with_the_basis_the_rules_infer():
    run_import(SEED)
    stored = {basis.value: sorted(Indicator.objects.filter(basis=basis).values_list("project__seq", "order"))
              for basis in SEED_BASIS}
    assert stored == {basis.value: lines for basis, lines in SEED_BASIS.items()}
    assert (indicator(1, 3).name, indicator(1, 3).basis) == ("设备使用年限", "时点")
    assert (indicator(3, 4).name, indicator(3, 4).basis) == ("补贴人均标准", "时点")


def test_a_basis_corrected_by_hand_survives_a_re_import():
    run_import(SEED)
    Indicator.objects.filter(pk=indicator(2, 1).pk).update(basis="时点")
    assert "更新 0" in run_import(SEED)
    assert indicator(2, 1).basis == "时点"


def test_the_basis_is_inferred_again_when_the_published_columns_change(table, write):
    run_import(SEED)
    Indicator.objects.filter(pk=indicator(1, 1).pk).update(basis="时点")
    out = run_import(write(table.set(7, IND_NAME, "设备购置按时完成率").set(7, UNIT, "%").set(7, TARGET, "100").text()),
                     dry_run=True, verbosity=2)
    assert out.splitlines()[:-1] == [
        "  项目 1 指标 1「设备购置按时完成率」 指标名称：设备购置数 → 设备购置按时完成率",
        "  项目 1 指标 1「设备购置按时完成率」 年度目标值：8 → 100",
        "  项目 1 指标 1「设备购置按时完成率」 单位：台/件/组 → %",
        "  项目 1 指标 1「设备购置按时完成率」 二级指标：数量指标 → 时效指标",
        "  项目 1 指标 1「设备购置按时完成率」 监控口径：时点 → 累计",
    ]
    run_import(write(table.text()))
    assert indicator(1, 1).basis == "累计"


def test_an_operator_removed_after_reports_makes_the_line_qualitative_at_once(table, write, finance):
    # The 年初 operator stays on the row and the new one is an approved adjustment (DOMAIN §8); the basis is
    # inferred again in place, and the evaluation judges the line by the operator in force either way.
    run_import(SEED)
    IndicatorReport.objects.create(indicator=indicator(1, 1), value=Decimal("3"), as_of=datetime.date(2026, 6, 30),
                                   entered_by=finance)
    run_import(write(table.set(7, OPERATOR, "").set(7, TARGET, "基本完成").set(7, UNIT, "").text()),
               reason="改为定性", user="finance", effective="2026-07-01")
    changed = indicator(1, 1)
    assert (changed.operator, changed.basis, IndicatorAdjustment.objects.get().new_operator) == ("≥", "定性", "")
    line = evaluate_project(project=changed.project, as_of=datetime.date(2026, 7, 31)).indicators[0]
    assert line.basis == "定性"
    assert evaluate_project(project=changed.project, as_of=datetime.date(2026, 6, 30)).indicators[0].basis == "累计"


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_indicators_already_there_the_inferred_basis_and_their_history_too(seeded):
    call_command("migrate", "projects", "0003", verbosity=0)  # back to before the field, the table still in
    call_command("migrate", verbosity=0)
    stored = {basis.value: sorted(Indicator.objects.filter(basis=basis).values_list("project__seq", "order"))
              for basis in SEED_BASIS}
    assert stored == {basis.value: lines for basis, lines in SEED_BASIS.items()}
    assert Counter(Indicator.history.values_list("basis", flat=True)) == {"累计": 45, "时点": 28, "定性": 12}
