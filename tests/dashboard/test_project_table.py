"""The table of all projects: one row per project with its figures, a 合计 row, sortable and filterable by links."""
import json
import re
from pathlib import Path

from django.conf import settings

from tests.conftest import project
from tests.dashboard.helpers import seqs, table

COLUMNS = ["序号", "项目名称", "预算(万元)", "支出(万元)", "执行率", "达成", "未达成", "未填报", "得分", "等级", "状态"]


def get_table(client, query: str = "") -> dict:
    response = client.get(f"/{query}")
    assert response.status_code == 200
    return table(response.content.decode(), "dashboard-table")


def test_every_project_has_a_row_with_its_figures_as_computed_by_hand(as_manager, scenario):
    rows = get_table(as_manager)
    assert [h.split(" ")[0] for h in rows["thead"][0]] == COLUMNS
    by_seq = {int(row[0]): row for row in rows["tbody"]}
    assert len(by_seq) == 15
    # 1: all spent (4.60 / 4.60, green), five targets met, 100 → 优; every line green.
    assert by_seq[1][2:] == ["4.60", "4.60", "100.00% 正常", "5", "0", "0", "100.00", "优", "正常"]
    # 2: 13.00 / 26.33 = 49.37 %, 0.4937 / 0.9014 = 0.548 < 0.6 → red (滞后); 1 met, 3 not met, 1 no data;
    # 70.90 (the sum of its lines' 得分) → 中; 待说明 1: the budget line (the 定性 line is explained; 按期完成度 90 of 95 is 累计, on time).
    # One line still has no value: the score and grade are as of now (截至目前).
    assert by_seq[2][2:] == ["26.33", "13.00", "49.37% 滞后", "1", "3", "1", "70.90 截至目前", "中", "滞后 待说明 1"]
    # 7: 30 / 40 = 75 %, 0.75 / 0.9014 = 0.832 → green; 26.25 → 差; unreported 当年完成率 and 开展次数 (累计)
    # are red, 每期 课时 (时点) has no level without data.
    assert by_seq[7][2:] == ["40.00", "30.00", "75.00% 正常", "1", "0", "4", "26.25 截至目前", "差", "滞后 待说明 2"]
    # 5: nothing spent (rate 0, red) but explained; five unreported 累计 targets are red (期限 and the 持续 年 line
    # are 时点, with no level without data). Nothing reported at all: 未填报, not 0.00 差.
    assert by_seq[5][2:] == ["606.46", "—", "0.00% 滞后", "0", "0", "10", "未填报", "未填报", "滞后 待说明 5"]
    assert by_seq[1][1] == "设备购置经费"


def test_the_total_row_adds_up_to_1386_30(as_manager, scenario):
    total = get_table(as_manager)["tfoot"][0]
    # 58.70 / 1386.30 = 4.23 %; 16 + 4 + 65 = 85 indicators; 47 lines 待说明.
    assert total[1:] == ["合计（15 个项目）", "1,386.30", "58.70", "4.23%", "16", "4", "65", "", "", "待说明 47"]


def test_sorting_by_score_descending_puts_the_best_first_and_keeps_ties_in_published_order(as_manager, scenario):
    rows = get_table(as_manager, "?sort=score&dir=desc")["tbody"]
    # 100 (1), 97 (3), 83.5 (6), 70.90 (2), 26.25 (7), then the ten without any value (no score) in 序号 order.
    assert seqs(rows) == [1, 3, 6, 2, 7, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15]
    ascending = get_table(as_manager, "?sort=score&dir=asc")["tbody"]
    assert seqs(ascending) == [7, 2, 6, 3, 1, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15]


def test_every_column_sorts_and_a_missing_spent_sorts_last_either_way(as_manager, scenario):
    for column in ["seq", "name", "budget", "spent", "rate", "met", "not_met", "no_data", "score", "grade", "level"]:
        assert len(get_table(as_manager, f"?sort={column}&dir=desc")["tbody"]) == 15
    # Spent: 30.00 (7), 13.00 (2), 6.50 (6), 4.60 (1, 3); the ten without expenditure after them.
    assert seqs(get_table(as_manager, "?sort=spent&dir=desc")["tbody"])[:5] == [7, 2, 6, 1, 3]
    assert seqs(get_table(as_manager, "?sort=spent&dir=asc")["tbody"])[:6] == [1, 3, 6, 2, 7, 4]
    # Budget: 606.46 (5) is the largest, 4.60 (1, 3) the smallest.
    assert seqs(get_table(as_manager, "?sort=budget&dir=desc")["tbody"])[0] == 5
    # Grade ascending: best first — 优 (1, 3), 良 (6), 中 (2), 差 (7), then those without a value.
    assert seqs(get_table(as_manager, "?sort=grade&dir=asc")["tbody"])[:6] == [1, 3, 6, 2, 7, 4]
    # Status descending: red first (in 序号 order), then green (1, 3).
    assert seqs(get_table(as_manager, "?sort=level&dir=desc")["tbody"])[-2:] == [1, 3]


def test_header_links_sort_and_toggle_while_keeping_date_department_and_filters(as_manager, scenario):
    page = as_manager.get("/?sort=score&dir=desc&grade=差&as_of=2026-11-25").content.decode()
    links = dict(re.findall(r'data-sort="(\w+)"><a href="([^"]+)"', page))
    score = links["score"].replace("&amp;", "&")
    assert "sort=score" in score and "dir=asc" in score  # the sorted column turns around
    assert "as_of=2026-11-25" in score and "department=nbfl" in score and "grade=%E5%B7%AE" in score
    assert "dir=desc" in links["budget"] and "dir=asc" in links["name"]
    assert 'aria-sort="descending" data-sort="score"' in page


def test_filtering_by_grade_level_and_needs_explanation(as_manager, scenario):
    # 差 is a grade earned with values: 7 only; the ten projects without any value are 未填报, not 差.
    poor = get_table(as_manager, "?grade=差")
    assert seqs(poor["tbody"]) == [7]
    # The 合计 row sums what is shown: 30.00 / 40.00.
    assert poor["tfoot"][0][1:5] == ["合计（1 个项目）", "40.00", "30.00", "75.00%"]
    assert seqs(get_table(as_manager, "?level=green")["tbody"]) == [1, 3]  # 6 is red: its 定性 line failed
    # Needs explanation: 2 and 7, and every unreported project (5's explained budget leaves six red lines).
    assert seqs(get_table(as_manager, "?needs=1")["tbody"]) == [2, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]
    assert seqs(get_table(as_manager, "?grade=优&level=green&sort=score&dir=asc")["tbody"]) == [3, 1]
    assert get_table(as_manager, "?grade=良&level=green")["tbody"] == [["没有符合筛选条件的项目。"]]


def test_unknown_filter_and_sort_values_are_ignored(as_manager, scenario):
    rows = get_table(as_manager, "?grade=A&level=purple&sort=drop+table&dir=sideways")["tbody"]
    assert seqs(rows) == list(range(1, 16))


def test_headline_figures_stay_those_of_the_whole_department_when_the_table_is_filtered(as_manager, scenario):
    page = as_manager.get("/?grade=优").content.decode()
    assert 'id="fig-budget">1,386.30<' in page
    assert "已筛选：2 / 15 个项目" in page


def test_each_project_links_to_its_page_at_the_same_date(as_manager, scenario):
    page = as_manager.get("/?as_of=2026-10-31").content.decode()
    assert f'href="/projects/{project(2).pk}/?as_of=2026-10-31">培训费</a>' in page


def test_the_page_links_the_workbook_and_the_monitoring_round_for_the_same_date(as_manager, scenario):
    page = as_manager.get("/?as_of=2026-07-31").content.decode()
    assert 'href="/exports/2026.xlsx?as_of=2026-07-31&amp;department=nbfl"' in page
    assert 'href="/monitoring/?year=2026&amp;as_of=2026-07-31"' in page
    assert "下载 Excel 工作簿" in page


def test_the_charts_are_drawn_from_json_embedded_in_the_page_with_a_local_library(as_manager, scenario):
    page = as_manager.get("/?sort=score&dir=desc").content.decode()
    data = json.loads(re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', page).group(1))
    assert data["project_count"] == 15
    first = data["projects"][0]
    assert first == {"label": "1. 设备购置经费", "budget": "4.60", "spent": "4.60", "score": "100.00", "grade": "优",
                     "state": ""}
    assert data["projects"][3] == {"label": "2. 培训费", "budget": "26.33", "spent": "13.00", "score": "70.90",
                                   "grade": "中", "state": "截至目前"}
    # A project without any value has no score to draw: the chart says 未填报.
    assert data["projects"][5] == {"label": "4. 妇女儿童工作服务经费", "budget": data["projects"][5]["budget"],
                                   "spent": "0.00", "score": None, "grade": "未填报", "state": "未填报"}
    assert data["empty"] == {}
    assert [(s["label"], s["count"]) for s in data["status"]] == [("达成", 16), ("未达成", 4), ("未填报", 65)]
    library = re.search(r'<script src="/static/(vendor/echarts-[\d.]+/echarts[.\w]*\.js)"', page).group(1)
    folder = Path(settings.BASE_DIR) / "static" / Path(library).parent
    assert (folder / Path(library).name).stat().st_size > 100_000
    assert "Apache License" in (folder / "LICENSE").read_text()
    assert "//cdn" not in page and "https://" not in page.split("<footer")[0].split("</header>")[1]
