"""The monitoring basis (累计/时点/定性) and 超支 on the monitoring page and the 监控表 sheet (DOMAIN §3, §5)."""
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.exports.monitoring import write_monitoring_workbook
from indicators.services.reports import record_expenditure
from tests.conftest import project
from tests.monitoring.round_scenario import ROUND, indicator

# Project 6 (妇女儿童维权经费, 6.50 万元) spends 7.00 by 31 July, with its 超支说明.


@pytest.fixture
def overspent(scenario, finance):
    record_expenditure(project=project(6), user=finance, as_of=ROUND, amount=Decimal("7.00"),
                       over_budget_reason="追加普法市集场地费")
    return scenario


def sheet_url(seq: int) -> str:
    return f"{reverse('monitoring:project', args=[project(seq).pk])}?as_of=2026-07-31"


def test_the_monitoring_page_shows_each_lines_basis(client, scenario, finance):
    client.force_login(finance)
    html = client.get(sheet_url(1)).content.decode()
    for order, basis in ((1, "累计"), (2, "时点"), (3, "时点"), (4, "时点")):  # 设备使用年限 ≥ 6 年 is a duration
        row = html.split(f'id="line-ind-{indicator(1, order).pk}"', 1)[1].split("</tr>", 1)[0]
        assert f'<span class="basis" data-basis="{basis}">{basis}</span>' in row


def test_overspending_is_red_and_flagged_on_the_monitoring_pages(client, overspent, finance):
    client.force_login(finance)
    html = client.get(sheet_url(6)).content.decode()
    budget_row = html.split('id="line-budget"', 1)[1].split("</tr>", 1)[0]
    # 7.00 of 6.50 on 31 July: progress 108 % would be green against time, but spending over budget is red.
    assert 'data-level="red"' in html.split('id="line-budget"', 1)[1][:80]
    assert 'data-flag="over_budget"' in budget_row and "7.00 万元" in budget_row
    index = client.get("/monitoring/?as_of=2026-07-31").content.decode()
    assert index.count('data-flag="over_budget"') == 1


def test_the_monitoring_sheet_shows_the_basis_and_the_overspending(overspent, tmp_path):
    path = tmp_path / "监控表.xlsx"
    write_monitoring_workbook(department=overspent, year=2026, as_of=ROUND, output=path)
    workbook = load_workbook(path)
    equipment, rights = workbook["1.设备购置经费"], workbook["6.妇女儿童维权经费"]
    assert equipment["S9"].value == "监控口径"
    # Rows 11–15: 设备购置数, 使用人员满意度, 设备使用年限, 设备利用率, 设备质量合格率.
    assert [equipment[f"S{row}"].value for row in range(11, 16)] == ["累计", "时点", "时点", "时点", "时点"]
    assert (rights["G7"].value, rights["Q7"].value) == ("红灯（超支）", "超支；待说明")
    assert workbook["监控汇总"]["F10"].value == "红灯（超支）"  # project 6's row of the summary


def test_the_project_page_flags_overspending(client, overspent, finance):
    client.force_login(finance)
    html = client.get(reverse("projects:detail", args=[project(6).pk]) + "?as_of=2026-07-31").content.decode()
    assert '<div class="value" id="fig-spent">7.00 <span class="badge red" data-flag="over_budget"' in html
