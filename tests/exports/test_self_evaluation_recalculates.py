"""Every 自评表 of a filled year, recalculated by LibreOffice from its own cells, shows the app's figures to the cent
(DOMAIN §4 "the form foots"): each line's 分值 and 得分, the budget line, the 总分.

Every indicator of the 2026 table is reported (a few left blank), at completions chosen to land on half cents (16.66 ×
3/4 = 12.495), above and below the targets, under ≥ ≤ = and the three tiers; every project spends part of its budget;
one over-achieved line carries a 偏离度 deduction.
"""
import datetime
import json
import shutil
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from indicators.services.reports import record_expenditure, record_indicator_report
from indicators.services.year_end import record_deduction
from projects.models import Indicator, Project
from tests.exports.conftest import export
from tests.exports.test_libreoffice import as_shown

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]
YEAR_END = datetime.date(2026, 12, 20)
FACTORS = [Decimal(x) for x in ("0.75", "0.9", "1", "1.3", "0.5", "0.97", "0.333", "1.1", "0.25")]
TIERS = [("achieved", None), ("partial", Decimal(65)), ("failed", Decimal(45)), ("partial", None)]
SPENT = [Decimal(x) for x in ("0.9995", "0.5", "1", "0.8765", "0.123")]


@pytest.fixture
def filled_year(seeded, finance, admin_user):
    # The export fixtures travel to 25 November; the year is closed on 20 December.
    with time_machine.travel(datetime.datetime(2026, 12, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        for n, indicator in enumerate(Indicator.objects.filter(project__department=seeded).order_by("project", "order")):
            if n % 11 == 10:
                continue  # left without a report
            if not indicator.operator:
                tier, percent = TIERS[n % len(TIERS)]
                record_indicator_report(indicator=indicator, user=finance, as_of=YEAR_END, tier=tier,
                                        tier_percent=percent)
                continue
            value = indicator.target_value * FACTORS[n % len(FACTORS)]
            if indicator.unit == "%":
                value = min(value, Decimal(100))
            record_indicator_report(indicator=indicator, user=finance, as_of=YEAR_END, value=value.quantize(Decimal("0.001")))
        for n, project in enumerate(Project.objects.filter(department=seeded).order_by("seq")):
            amount = (project.budget * SPENT[n % len(SPENT)]).quantize(Decimal("0.01"))
            record_expenditure(project=project, user=finance, as_of=YEAR_END, amount=amount)
        trainees = Indicator.objects.get(project__seq=7, order=1)  # = 200 人, reported 260: over-achieved
        record_indicator_report(indicator=trainees, user=finance, as_of=YEAR_END, value=Decimal(260),
                                reason="按实际人数更正")
        record_deduction(indicator=trainees, user=admin_user, points=Decimal("1.25"), reason="年初目标偏低")
        yield seeded


def evaluated() -> dict[int, dict]:
    out = StringIO()
    call_command("evaluate", department="宁波市妇女联合会", year=2026, as_of=YEAR_END.isoformat(), format="json",
                 stdout=out)
    return {p["seq"]: p for p in json.loads(out.getvalue())["projects"]}


def cents(text: str) -> str:
    return f"{Decimal(text):,.2f}"


def test_libreoffice_recomputes_every_form_line_by_line_to_the_apps_figures(filled_year, tmp_path):
    projects = evaluated()
    sheets = as_shown(export(filled_year, tmp_path, YEAR_END), tmp_path)
    half_cent = projects[2]["indicators"][4]  # 培训班次 ≥ 4: its share 16.66 × 3/4 = 12.495 → 12.50
    assert (half_cent["points_possible"], half_cent["points"]) == ("16.66", "12.50")
    deducted = projects[7]["indicators"][0]  # 18.75 less 1.25
    assert deducted["points"] == "17.50"
    checked = 0
    for seq, project in projects.items():
        form = next(rows for name, rows in sheets.items() if name.startswith(f"{seq}."))
        budget_row = form[5]
        assert budget_row[5] == "10.00" and budget_row[7] == cents(project["budget_points"]), seq
        shown = {row[3]: row[6:8] for row in form[9:9 + len(project["indicators"])]}
        expected = {line["name"]: [cents(line["points_possible"]), cents(line["points"])] for line in project["indicators"]}
        assert shown == expected, seq
        total = next(row for row in form if row[0] == "总分")
        assert total[6:8] == ["100.00", cents(project["total_score"])], seq
        assert next(row for row in form if row[0] == "等级")[1] == project["grade"], seq
        checked += len(expected) + 1
    assert checked == 85 + 15
    errors = [cell for rows in sheets.values() for row in rows for cell in row if cell.startswith(("#", "Err:"))]
    assert errors == []
