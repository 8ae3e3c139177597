"""The dashboard's headline figures on the 2026 table with the scenario, each computed by hand from DOMAIN §4–5."""
import re
from decimal import Decimal, localcontext

from indicators.selectors.dashboard import dashboard_summary
from indicators.selectors.evaluation import evaluate
from tests.dashboard.conftest import AS_OF

# Computed at the rules layer's precision (rules.PRECISION = 40 digits), as the dashboard computes them.
with localcontext(prec=40):
    # 序时进度 on 2026-11-25: day 329 of 365.
    T = Decimal(329) / Decimal(365)
    BUDGET = Decimal("1386.30")
    # Spent: 4.60 (1) + 13.00 (2, the correction of 10.00) + 4.60 (3) + 6.50 (6) + 30.00 (7) = 58.70.
    SPENT = Decimal("58.70")
    # Totals (DOMAIN §4; 产出 50 / 效益 30 / 满意度 10 shared within a class in hundredths, 50 over 3 lines being
    # 16.67, 16.67, 16.66; 预算执行 10 × min(1, rate); each line's 得分 rounded half up to 0.01, the total their sum):
    #  1: 10 + 16.67 + 16.67 + 16.66 + 30 + 10 = 100.00                                   → 优
    #  2: 10 × 13/26.33 = 4.94 + 16.67 (200 ≥ 162, capped) + 16.67 × 90/95 = 15.79 + 16.66 × 3/4 = 12.495 → 12.50
    #     + 30 × 70 % = 21.00 + 0 = 70.90                                                  → 中
    #  3: 10 + 50.00 + 30 × 90 % + 10 = 97.00                                              → 优
    #  6: 10 + 3 × 50/3 + 30 × 45 % + 10 = 83.5                                            → 良
    #  7: 10 × 30/40 + 18.75 (= 200: 220; no 效益 class, so 产出 75 over 4) + 0 × 3 + 0 (满意度 15) = 26.25 → 差
    #  the ten other projects: nothing reported → 0                                          → 差
    P2 = Decimal("4.94") + Decimal("16.67") + Decimal("15.79") + Decimal("12.50") + Decimal("21.00")
    TOTALS = {1: Decimal(100), 2: P2, 3: Decimal(97), 6: Decimal("83.5"), 7: Decimal("26.25")}
    BUDGETS = {1: Decimal("4.60"), 2: Decimal("26.33"), 3: Decimal("4.60"), 6: Decimal("6.50"), 7: Decimal("40.00")}
    # Plain mean: (100 + 70.90 + 97 + 83.5 + 26.25) / 15 = 377.65 / 15 = 25.1766…
    AVERAGE = sum(TOTALS.values()) / 15
    # Budget-weighted: (100 × 4.60 + 70.90 × 26.33 + 97 × 4.60 + 83.5 × 6.50 + 26.25 × 40) / 1386.30
    #                = (460 + 1866.797 + 446.2 + 542.75 + 1050) / 1386.30 = 4365.747 / 1386.30 = 3.1492…
    WEIGHTED = sum(TOTALS[s] * BUDGETS[s] for s in TOTALS) / BUDGET
    RATE = SPENT / BUDGET
CLOSE = Decimal("1e-20")


def text_of(page: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', page)
    assert match, f"no element #{element_id}"
    return match.group(1).strip()


def test_the_summary_adds_up_the_scenario_as_computed_by_hand(scenario):
    summary = dashboard_summary(evaluate(year=2026, as_of=AS_OF, departments=[scenario]))
    assert abs(summary.time_progress - T) < CLOSE
    assert (summary.projects, summary.indicators) == (15, 85)
    assert summary.budget == BUDGET
    assert summary.spent == SPENT
    assert abs(summary.execution_rate - RATE) < CLOSE  # 0.04234…
    # 0.04234 ÷ 0.90137 = 0.047 < 0.6: red.
    assert summary.budget_level == "red"
    # 达成: 5 (1) + 1 (2) + 5 (3) + 4 (6) + 1 (7); 未达成: 3 (2) + 1 (6); 未填报: the other 65 of 85.
    assert (summary.met, summary.not_met, summary.no_data) == (16, 4, 65)
    assert abs(summary.average_score - AVERAGE) < CLOSE
    assert abs(summary.weighted_average_score - WEIGHTED) < CLOSE
    assert summary.grades == {"优": 2, "良": 1, "中": 1, "差": 11}
    # 待说明, budget lines: 2 (13/26.33 = 0.494 < 0.6 t) and the ten unreported projects but 5 (explained) = 10;
    # indicator lines: unreported 累计 targets (p = 0, red; DOMAIN §5) — 4: 4, 5: 5, 8: 3, 9: 3, 10: 4, 11: 2,
    # 12: 4, 13: 3, 14: 4, 15: 3 (= 35) and 7: 2 (当年完成率, 开展次数) = 37. 2's 按期完成度 is 累计 too and on time
    # (90/95 = 0.947 ≥ 0.8 t); the unreported 时点 lines (durations, 每期 课时, 每月 访问量) have no level. In all 47.
    assert summary.needs_explanation == 47


def test_the_page_shows_every_headline_figure_rounded_for_display(client, manager, scenario):
    client.force_login(manager)
    page = client.get("/").content.decode()
    assert text_of(page, "fig-budget") == "1,386.30"
    assert text_of(page, "fig-spent") == "58.70"
    assert text_of(page, "fig-rate") == "4.23%"  # 58.70 / 1386.30 = 4.2343 %
    assert text_of(page, "fig-rate-level") == "红灯（严重滞后）"
    assert text_of(page, "fig-time-progress") == "90.14%"
    assert (text_of(page, "fig-met"), text_of(page, "fig-not-met"), text_of(page, "fig-no-data")) == ("16", "4", "65")
    assert text_of(page, "fig-weighted-score") == "3.15"
    assert text_of(page, "fig-average-score") == "25.18"
    grades = dict(re.findall(r'data-grade="([^"]+)">(\d+)<', page))
    # 15 projects: 5 have a value (2 优, 1 良, 1 中, 1 差); the other 10 have none and read 未填报, not 差.
    assert grades == {"优": "2", "良": "1", "中": "1", "差": "1", "未填报": "10"}
    assert text_of(page, "fig-score-so-far") == "截至目前"
    assert text_of(page, "fig-needs") == "47"
    assert "截至 <strong>2026年11月25日</strong>" in page


def test_without_reports_the_seed_shows_1386_30_and_85_indicators_without_data(client, manager, seeded, today):
    client.force_login(manager)
    page = client.get("/").content.decode()
    assert text_of(page, "fig-budget") == "1,386.30"
    assert text_of(page, "fig-spent") == "0.00"
    assert text_of(page, "fig-rate") == "0.00%"
    assert (text_of(page, "fig-met"), text_of(page, "fig-not-met"), text_of(page, "fig-no-data")) == ("0", "0", "85")
    # No value anywhere: no score to average and no project graded 差; every project reads 未填报.
    assert text_of(page, "fig-weighted-score") == "未填报"
    assert dict(re.findall(r'data-grade="([^"]+)">(\d+)<', page)) == {"优": "0", "良": "0", "中": "0", "差": "0",
                                                                     "未填报": "15"}
    assert "差</span>" not in page
