"""Each red or yellow status says why (issue #17 item 5): on hover on the dashboard, in words on the project page;
a project with no value reads 未填报, and a score with lines still empty reads 截至目前."""
import html
import re

from indicators.selectors.evaluation import evaluate
from indicators.selectors.status import ScoreState, project_explanations, score_state
from tests.conftest import project
from tests.dashboard.conftest import AS_OF, report
from tests.dashboard.helpers import table


def test_a_standard_below_its_target_says_by_how_much(scenario, finance):
    report(finance, 1, 4, "2026-11-24", "93")  # 设备利用率 ≥ 95 %: 93 is below, red (时点)
    evaluation = evaluate(year=2026, as_of=AS_OF, departments=[scenario])
    first = evaluation.projects[0]
    assert project_explanations(first, evaluation.time_progress) == ["设备利用率 93% 未达目标 95%"]


def test_a_cumulative_line_and_the_budget_say_how_far_behind_time_they_are(scenario):
    evaluation = evaluate(year=2026, as_of=AS_OF, departments=[scenario])
    by_seq = {p.project.seq: p for p in evaluation.projects}
    # 7: 30.00 of 40.00 spent is on time (green); 当年完成率 and 开展次数 have no value: 0 % against 90.14 %.
    seventh = project_explanations(by_seq[7], evaluation.time_progress)
    assert len(seventh) == 2 and all("完成 0.00%（未填报 / " in text for text in seventh)
    assert all(text.endswith("低于序时进度 90.14%") for text in seventh)
    # 2: 13.00 / 26.33 = 49.37 % against 90.14 % (red) first; the 定性 line partly achieved (yellow) after it.
    second = project_explanations(by_seq[2], evaluation.time_progress)
    assert second[0] == "预算执行率 49.37%，低于序时进度 90.14%"
    assert second[-1].endswith("评为「部分达成年度指标并具有一定效果」")


def test_the_dashboard_badge_explains_itself_on_hover(client, manager, scenario, finance):
    report(finance, 1, 4, "2026-11-24", "93")
    client.force_login(manager)
    page = client.get("/").content.decode()
    row = re.search(r'<tr data-seq="1">(.*?)</tr>', page, re.S).group(1)
    title = html.unescape(re.search(r'<span class="badge red" title="([^"]*)">滞后</span>', row).group(1))
    assert title == "红灯（严重滞后）\n设备利用率 93% 未达目标 95%"


def test_the_project_page_lists_why_it_is_red(client, manager, scenario, finance):
    report(finance, 1, 4, "2026-11-24", "93")
    client.force_login(manager)
    page = client.get(f"/projects/{project(1).pk}/").content.decode()
    assert "滞后的原因（截至 11月25日）" in page and "<li>设备利用率 93% 未达目标 95%</li>" in page
    levels = {row[2]: row[9] for row in table(page, "indicator-table")["tbody"] if row[0]}
    assert levels["设备利用率"] == "滞后 设备利用率 93% 未达目标 95% 待说明"


def test_no_value_reads_unreported_and_some_values_read_so_far(scenario):
    evaluation = evaluate(year=2026, as_of=AS_OF, departments=[scenario])
    states = {p.project.seq: score_state(p, AS_OF) for p in evaluation.projects}
    assert states[1] == ScoreState.FINAL  # every line and the budget have a value
    assert states[2] == ScoreState.SO_FAR  # 满意度 still empty
    assert states[4] == ScoreState.NO_DATA
    year_end = evaluate(year=2026, as_of=AS_OF.replace(month=12, day=31), departments=[scenario])
    assert score_state(year_end.projects[1], year_end.as_of) == ScoreState.FINAL  # the year is over: final


def test_a_year_without_data_grades_no_project_poor_and_draws_no_chart(client, manager, seeded, today):
    client.force_login(manager)
    page = client.get("/").content.decode()
    rows = table(page, "dashboard-table")["tbody"]
    assert {tuple(row[8:10]) for row in rows} == {("未填报", "未填报")}
    assert "grade-差" not in page.split('id="dashboard-table"')[1].split("</table>")[0]
    assert '<p class="chart-empty">暂无数据（85 项指标均未填报）</p>' in page
    assert '<p class="chart-empty">暂无数据（各项目均未填报）</p>' in page


def test_an_empty_year_has_no_rate_to_call_normal_and_no_chart_to_draw(client, manager, seeded, today):
    client.force_login(manager)
    page = client.get("/?year=2027").content.decode()
    assert 'id="fig-rate">—<' in page and 'id="fig-rate-level"' not in page
    assert page.count('<p class="chart-empty">暂无数据</p>') == 3
