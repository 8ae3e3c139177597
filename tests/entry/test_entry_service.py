"""save_project_entries: every line through the one write path, all or nothing, every refusal at once."""
from decimal import Decimal

import pytest

from indicators.models import ExpenditureReport, IndicatorReport
from indicators.services.entry import EntryErrors, ExpenditureEntry, IndicatorEntry, save_project_entries
from indicators.services.reports import record_indicator_report
from tests.conftest import project
from tests.entry.helpers import D

AS_OF = D(2026, 12, 20)


@pytest.fixture
def training(seeded, year_end):
    return project(2)


def line(p, order):
    return p.indicators.get(order=order)


def test_all_lines_and_the_expenditure_are_saved_together(training, finance):
    saved = save_project_entries(
        project=training, user=finance, as_of=AS_OF,
        entries=[IndicatorEntry(indicator=line(training, 1), value=Decimal(170)),
                 IndicatorEntry(indicator=line(training, 3), tier="failed", tier_percent=Decimal(40))],
        expenditure=ExpenditureEntry(amount=Decimal("26.33")),
    )
    assert saved.count == 3
    assert IndicatorReport.objects.count() == 2 and ExpenditureReport.objects.get().amount == Decimal("26.33")


def test_every_refused_line_is_reported_at_once_and_nothing_is_saved(training, finance):
    with pytest.raises(EntryErrors) as refused:
        save_project_entries(
            project=training, user=finance, as_of=AS_OF,
            entries=[IndicatorEntry(indicator=line(training, 1), value=Decimal(170)),
                     IndicatorEntry(indicator=line(training, 2), value=Decimal(-1)),
                     IndicatorEntry(indicator=line(training, 3), tier="partial", tier_percent=Decimal(85))],
            expenditure=ExpenditureEntry(amount=Decimal(-3)),
        )
    i2, i3 = line(training, 2).pk, line(training, 3).pk
    assert refused.value.errors == {
        f"ind-{i2}-value": ["实际完成值不能为负数（只有下降率、增长率、节约率可以为负）。"],
        f"ind-{i3}-tier_percent": ["「部分达成年度指标并具有一定效果」的得分率应在 60% 至 80%（不含）之间：85"],
        "exp-amount": ["累计支出不能为负数。"],
    }
    assert refused.value.status == 400
    assert not IndicatorReport.objects.exists() and not ExpenditureReport.objects.exists()


def test_a_stale_line_is_a_conflict_naming_the_row_that_won(training, finance, finance2):
    winner = record_indicator_report(indicator=line(training, 1), user=finance2, as_of=AS_OF, value=Decimal(170))
    with pytest.raises(EntryErrors) as refused:
        save_project_entries(
            project=training, user=finance, as_of=AS_OF,
            entries=[IndicatorEntry(indicator=line(training, 5), value=Decimal(4)),
                     IndicatorEntry(indicator=line(training, 1), value=Decimal(165), expected_current_id=None)],
        )
    assert refused.value.status == 409
    assert refused.value.conflicts == {f"ind-{line(training, 1).pk}": winner}
    assert list(IndicatorReport.objects.all()) == [winner]


def test_an_indicator_of_another_project_is_refused(training, finance):
    with pytest.raises(EntryErrors) as refused:
        save_project_entries(project=training, user=finance, as_of=AS_OF,
                             entries=[IndicatorEntry(indicator=line(project(1), 1), value=Decimal(8))])
    assert list(refused.value.errors.values()) == [["该指标不属于此项目。"]]
    assert not IndicatorReport.objects.exists()


def test_a_date_outside_the_year_is_one_message_for_the_whole_form(training, finance):
    with pytest.raises(EntryErrors) as refused:
        save_project_entries(project=training, user=finance, as_of=D(2025, 12, 31),
                             entries=[IndicatorEntry(indicator=line(training, order), value=Decimal(1))
                                      for order in (1, 2, 4)])
    assert refused.value.errors == {"as_of": ["截至日期应在预算年度 2026 年内：2025-12-31"]}


def test_a_manager_writes_nothing_through_it(training, manager):
    with pytest.raises(EntryErrors) as refused:
        save_project_entries(project=training, user=manager, as_of=AS_OF,
                             entries=[IndicatorEntry(indicator=line(training, 1), value=Decimal(170))])
    assert "只有本部门的财务人员可以填报。" in str(refused.value)
    assert not IndicatorReport.objects.exists()
