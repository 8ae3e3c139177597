"""`evaluate --format json` on the scenario file gives the figures computed by hand from DOMAIN §3–4."""
import json
from datetime import datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "reports_2026.csv"
TODAY = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def evaluate_json(as_of: str) -> dict:
    out = StringIO()
    call_command("evaluate", department="宁波市妇女联合会", year=2026, as_of=as_of, format="json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def scenario(seeded, finance):
    with time_machine.travel(TODAY, tick=False):
        call_command("import_reports", str(SCENARIO), department="宁波市妇女联合会", year=2026, user="finance",
                     stdout=StringIO())
    return seeded


@pytest.fixture(scope="module")
def seed_moment():
    """Now, as for a test's own import: `scenario` moves the clock only after the table is in."""
    return None


def by_seq(data: dict) -> dict[int, dict]:
    return {p["seq"]: p for p in data["projects"]}


def test_without_reports_every_project_scores_zero_and_every_indicator_has_no_data(seeded):
    data = evaluate_json("2026-11-20")
    assert len(data["projects"]) == 15
    assert sum(len(p["indicators"]) for p in data["projects"]) == 85
    for project in data["projects"]:
        assert Decimal(project["total_score"]) == 0
        assert project["grade"] == "差"
        assert project["spent"] is None
        assert {i["status"] for i in project["indicators"]} == {"no_data"}
        assert all(i["ratio"] is None for i in project["indicators"])


def test_project_1_scores_98_12_the_sum_of_its_printed_lines_with_one_quality_target_missed(scenario):
    p1 = by_seq(evaluate_json("2026-11-20"))[1]
    # 预算执行率 4.14 / 4.60 = 0.9 → 9 分; 产出 50 / 3 indicators; 效益 30; 满意度 10.
    assert Decimal(p1["execution_rate"]) == Decimal("0.9")
    assert p1["budget_points"] == "9.00"
    # 产出 50 over 3 lines in hundredths (DOMAIN §4): 16.67 (购置数), 16.67 (利用率), 16.66 (合格率).
    # 9.00 + 16.67 (购置数 10 ≥ 8) + 10.00 (满意度) + 30.00 (年限) + 16.67 × 90/95 = 15.7926… → 15.79 (利用率)
    # + 16.66 (合格率) = 98.12, the sum of the printed lines.
    assert [i["points_possible"] for i in p1["indicators"]] == ["16.67", "10.00", "30.00", "16.67", "16.66"]
    assert [i["points"] for i in p1["indicators"]] == ["16.67", "10.00", "30.00", "15.79", "16.66"]
    assert p1["total_score"] == "98.12"
    assert p1["grade"] == "优"
    assert (p1["met"], p1["not_met"], p1["no_data"]) == (4, 1, 0)
    purchase, _, _, utilisation, _ = p1["indicators"]
    # 10 > 8 × 120 % = 9.6: flagged, full points.
    assert purchase["flags"] == ["over_achievement"]
    assert Decimal(purchase["ratio"]) == Decimal("1.25")
    assert utilisation["status"] == "not_met"
    assert utilisation["points"] == "15.79"
    assert "90" in utilisation["explanation"] and "95" in utilisation["explanation"]


def test_project_3_mixes_a_ceiling_a_qualitative_tier_and_a_missed_satisfaction(scenario):
    p3 = by_seq(evaluate_json("2026-11-20"))[3]
    # 10.00 (全额执行) + 16.67 + 16.67 + 16.66 (≤ 5 人: 4, 发放率 100, 人均 9200, all met) + 30 × 70% = 21.00
    # + 10 × 85/90 = 9.444… → 9.44 = 90.44
    assert p3["total_score"] == "90.44"
    assert p3["grade"] == "优"
    assert (p3["met"], p3["not_met"], p3["no_data"]) == (3, 2, 0)
    qualitative = p3["indicators"][2]
    assert qualitative["status"] == "not_met"
    assert qualitative["points"] == "21.00"
    ceiling = p3["indicators"][0]
    assert ceiling["status"] == "met" and Decimal(ceiling["ratio"]) == Decimal("1.25")
    assert ceiling["points"] == ceiling["points_possible"] == "16.67"


def test_project_7_redistributes_the_missing_benefit_points(scenario):
    p7 = by_seq(evaluate_json("2026-11-20"))[7]
    # No 效益 indicator: 产出 90 × 50/60 = 75 (18.75 each of 4), 满意度 15.
    points = [Decimal(i["points_possible"]) for i in p7["indicators"]]
    assert points == [Decimal("18.75")] * 4 + [Decimal(15)]
    # 7.50 (30 / 40) + 18.75 × 150/200 = 14.0625 → 14.06 + 18.75 + 18.75 + 0 (未填报) + 15.00 = 74.06
    assert p7["total_score"] == "74.06"
    assert p7["grade"] == "中"
    assert (p7["met"], p7["not_met"], p7["no_data"]) == (3, 1, 1)


def test_an_earlier_as_of_date_sees_only_what_was_reported_by_then(scenario):
    p7 = by_seq(evaluate_json("2026-07-31"))[7]
    # 12 / 40 = 0.3 → 3 分; 培训人数 80 / 200 → 18.75 × 0.4 = 7.5; nothing else reported yet.
    assert Decimal(p7["spent"]) == Decimal("12.00")
    assert p7["total_score"] == "10.50"
    assert (p7["met"], p7["not_met"], p7["no_data"]) == (0, 1, 4)


def test_the_table_format_prints_aligned_chinese_columns(scenario):
    out = StringIO()
    call_command("evaluate", department="宁波市妇女联合会", year=2026, as_of="2026-11-20", stdout=out)
    text = out.getvalue()
    assert "设备购置经费" in text and "98.12" in text and "优" in text
    assert "合计：预算 1,386.30 万元" in text


@pytest.mark.parametrize("as_of", ["2026-07-31", "2026-11-20"])
def test_every_projects_form_foots_in_the_json(scenario, as_of):
    # DOMAIN §4: 分值 sum to 100.00, the 总分 is the sum of the lines' 得分, every figure in hundredths.
    for project in evaluate_json(as_of)["projects"]:
        lines = project["indicators"]
        possible = Decimal("10.00") + sum(Decimal(i["points_possible"]) for i in lines)
        points = Decimal(project["budget_points"]) + sum(Decimal(i["points"]) for i in lines)
        assert (possible, points) == (Decimal("100.00"), Decimal(project["total_score"])), project["seq"]
        figures = [project["budget_points"], project["total_score"], *project["indicator_points"].values()]
        figures += [i[key] for i in lines for key in ("points_possible", "points")]
        assert all(len(figure.partition(".")[2]) == 2 for figure in figures), project["seq"]
