"""/projects/<id>/ as the project's dashboard: score card, every indicator's figures, flags, links, ?as_of=."""
import pytest

from tests.conftest import project
from tests.dashboard.conftest import indicator
from tests.dashboard.helpers import body_rows, table


def indicator_rows(page: str) -> dict[int, list[str]]:
    """Indicator rows by their order (the explanation rows under them left out)."""
    return {int(row[0]): row for row in body_rows(page, "indicator-table") if row[0]}


@pytest.fixture
def page_of(client, manager):
    client.force_login(manager)

    def get(seq: int, query: str = "") -> str:
        response = client.get(f"/projects/{project(seq).pk}/{query}")
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_the_score_card_of_project_2_shows_points_by_class_with_explanations(page_of, scenario):
    card = table(page_of(2), "score-card")
    lines = {row[0]: row[1:] for row in card["tbody"]}
    # 10 × 13 / 26.33 = 4.937… → 4.94; 产出 16.67 + 16.67 × 90/95 (15.79) + 16.66 × 3/4 (12.495 → 12.50) = 44.96;
    # 效益 30 × 70 % = 21; 满意度 0; 总分 the sum of the lines: 70.90 (the unrounded 70.893… would print 70.89).
    assert lines["预算执行率"][:2] == ["10.00", "4.94"]
    assert "支出 13 万元 ÷ 预算 26.33 万元 = 执行率 49.37%" in lines["预算执行率"][2]
    assert lines["产出指标"][:2] == ["50.00", "44.96"]
    assert lines["效益指标"][:2] == ["30.00", "21.00"]
    assert lines["满意度指标"][:2] == ["10.00", "0.00"]
    assert "3 项指标共 50 分（达成 1、未达成 2、未填报 0）" in lines["产出指标"][2]
    total = card["tfoot"][0]
    assert total[:3] == ["总分（截至目前）", "100.00", "70.90"]  # 满意度 has no value yet
    assert total[3].startswith("等级 中")


def test_each_indicator_shows_target_actual_status_ratio_points_basis_level_and_last_change(page_of, scenario):
    rows = indicator_rows(page_of(2))
    # 培训人数 ≥ 162: 200 → met, ratio 200/162 = 123.46 %, capped to 50/3 points; 200/162 ≥ t → 正常.
    order, classes, name, target, actual, status, ratio, points, basis, level, last, links = rows[1]
    assert (name, target, actual) == ("培训人数", "≥ 162 人", "200 人")
    assert status.startswith("达成")
    assert "超额较多：请分析原因，如系年初目标设定偏低，可适度调减分值" in status
    assert (ratio, points, basis) == ("123.46%", "16.67 / 16.67", "累计")
    assert level.startswith("正常")
    assert last == "财务甲 2026-11-25 12:00"
    assert links == "历史"  # managers read; they do not enter
    # 按期完成度 ≥ 95 %: 90 → not met, 90/95 = 94.74 %, 50/3 × 0.947 = 15.79; progress toward the year's plan
    # (累计, DOMAIN §5): 94.74 % ≥ 0.8 × 90.14 % → 正常.
    assert rows[2][5:10] == ["未达成", "94.74%", "15.79 / 16.67", "累计", "正常 进度 94.74%"]
    # The 定性 line: partly achieved at the default 70 % → 21 of 30; yellow, explained (人员保障).
    assert rows[3][4:9] == ["部分达成年度指标并具有一定效果（70%）", "未达成", "70.00%", "21.00 / 30.00", "定性"]
    assert rows[3][9].startswith("预警") and rows[3][9].endswith("评为「部分达成年度指标并具有一定效果」")
    # 满意度 (时点): not reported.
    assert rows[4][4:11] == ["—", "未填报", "—", "0.00 / 10.00", "时点", "—", "—"]
    # 班次 ≥ 4 (the third 产出 line, 16.66): 3 → 75 %, 12.495 → 12.50 points; progress 75 % ≥ 0.8 × 90.14 % → 正常.
    assert rows[5][6:10] == ["75.00%", "12.50 / 16.66", "累计", "正常 进度 75.00%"]


def test_the_page_shows_budget_spent_rate_total_and_grade(page_of, scenario):
    page = page_of(2)
    assert 'id="fig-budget">26.33<' in page
    assert 'id="fig-spent">13.00<' in page
    assert 'id="fig-rate">49.37%<' in page
    assert 'id="fig-total">70.90<' in page
    assert 'id="fig-grade">中<' in page
    assert "待说明 1" in page  # the budget line


def test_a_noted_over_achievement_still_shows_its_flag_and_the_note(page_of, scenario):
    rows = indicator_rows(page_of(7))
    assert "超额较多" in rows[1][5]
    assert rows[1][10] == "财务甲 2026-11-25 12:00 报名踊跃，增开一期"


def test_links_go_to_each_indicators_history_and_for_the_departments_clerk_to_the_entry_form(
        client, finance, outsider, auditor, scenario):
    url = f"/projects/{project(2).pk}/"
    entry = f'href="/entry/{project(2).pk}/"'
    client.force_login(finance)
    page = client.get(url).content.decode()
    assert f'href="/history/indicator/{indicator(2, 1).pk}/"' in page
    assert entry in page
    client.force_login(auditor)
    page = client.get(url).content.decode()
    assert f'href="/history/indicator/{indicator(2, 1).pk}/"' in page and entry not in page
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_an_earlier_date_shows_the_project_as_it_stood_then(page_of, scenario):
    # On 2026-10-31 project 2 had no report yet: nothing spent, nothing scored.
    page = page_of(2, "?as_of=2026-10-31")
    assert 'id="fig-grade">未填报<' in page and 'id="fig-spent">—<' in page and "id=\"fig-total\"" not in page
    assert 'value="2026-10-31"' in page
    assert "序时进度 <strong>83.29%</strong>" in page  # 304 / 365


def test_a_bad_date_on_the_project_page_keeps_what_was_typed_and_says_why(page_of, scenario):
    page = page_of(2, "?as_of=31.10.2026")
    assert "截至日期「31.10.2026」无法识别" in page
    assert 'value="31.10.2026"' in page


@pytest.mark.parametrize("seq", [1, 5])
def test_the_project_page_takes_a_fixed_number_of_queries(client, manager, scenario, seq, django_assert_num_queries):
    client.force_login(manager)
    url = f"/projects/{project(seq).pk}/"
    # the user (the session from the cache: cached_db), the user's groups, the user's departments, the project
    # (access check), then the
    # evaluation's 7: the year's rule profile (read once for the whole request), indicators, reports, expenditures,
    # notes, indicator and budget adjustments (the project is the one the access check read); the
    # same project in earlier years (none here); the finance bureau's current spot-check note (抽查复核).
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200
