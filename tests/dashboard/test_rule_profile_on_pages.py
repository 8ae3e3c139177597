"""The pages and their scripts show the year's rule profile (DOMAIN §10), never numbers typed in them.

A year whose profile has grade lines 85/75/60, monitoring bands 0.9/0.7 and 20 points for budget execution (with
产出 40, 效益 30, 满意度 10: still 100 in all) shows those on the dashboard's legend and chart data, the monitoring
round and the score card.
"""
import json
import re
from decimal import Decimal

import pytest

from projects.models import RuleProfile
from projects.services.rule_profiles import save_rule_profile
from tests.conftest import project
from tests.dashboard.helpers import table


def profile_script(page: str) -> dict:
    found = re.search(r'<script id="rule-profile" type="application/json">(.*?)</script>', page)
    assert found, "no rule-profile json_script"
    return json.loads(found.group(1))


def payload(full_marks: str, green: str, yellow: str, lines: list[str]) -> dict:
    """What the page hands its script: numbers as strings, the grade lines best first."""
    return {
        "full_marks": full_marks, "green_ratio": green, "yellow_ratio": yellow,
        "grade_lines": [{"score": score, "grade": grade} for score, grade in zip(lines, "优良中", strict=True)],
        "grades": ["优", "良", "中", "差"],
    }


@pytest.fixture
def another_profile(db):
    save_rule_profile(profile=RuleProfile(
        year=2026, budget_points=Decimal(20), output_points=Decimal(40), excellent_from=Decimal(85),
        good_from=Decimal(75), green_ratio=Decimal("0.9"), yellow_ratio=Decimal("0.7"),
    ))


def test_the_dashboard_hands_the_default_profile_to_its_legend_and_charts(as_manager, scenario):
    page = as_manager.get("/").content.decode()
    assert "（正常 ≥ 序时进度的 80%，预警 60%–80%，滞后 &lt; 60%）" in page
    assert "平均得分（满分 100）" in page
    assert profile_script(page) == payload("100.00", "0.8", "0.6", ["90.00", "80.00", "60.00"])


def test_the_dashboard_follows_the_years_profile(as_manager, scenario, another_profile):
    page = as_manager.get("/").content.decode()
    assert "（正常 ≥ 序时进度的 90%，预警 70%–90%，滞后 &lt; 70%）" in page
    assert "平均得分（满分 100）" in page
    assert profile_script(page) == payload("100.00", "0.9", "0.7", ["85.00", "75.00", "60.00"])
    # The scores follow the same profile: project 6 has 20 + 40 + 30 × 45 % + 10 = 83.5 (良 from 75, 优 from 85).
    row = next(r for r in table(page, "dashboard-table")["tbody"] if r[0] == "6")
    assert row[8:10] == ["83.50", "良"]


def test_the_monitoring_round_states_the_changed_bands(as_manager, scenario, another_profile):
    page = as_manager.get("/monitoring/?year=2026&as_of=2026-11-25").content.decode()
    assert "完成进度 ÷ 序时进度 ≥ 90% 为绿灯，70%–90% 为黄灯，低于 70% 为红灯" in page


def test_the_score_card_gives_budget_execution_the_profiles_points(as_manager, scenario, another_profile):
    page = as_manager.get(f"/projects/{project(1).pk}/").content.decode()
    total = table(page, "score-card")["tfoot"][0]
    # Project 1 met everything: full marks, 20 of them for budget execution.
    assert total[:3] == ["总分", "100.00", "100.00"]
    assert table(page, "score-card")["tbody"][0][:3] == ["预算执行率", "20.00", "20.00"]
