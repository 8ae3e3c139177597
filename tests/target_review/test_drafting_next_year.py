"""Next year's table drafted from this year's (issue #22): prefilled with 历史标准, edited, exported in the seed's
layout and imported back unchanged, reviewed, published as the year's 年初 targets without touching this year."""
import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.selectors.evaluation import evaluate
from indicators.services.drafting import draft_next_year
from indicators.services.reports import record_indicator_report
from projects.drafts import draft_text
from projects.models import DraftIndicator, DraftTable, Indicator, Project
from tests.conftest import SEED


@pytest.fixture
def reported(seeded, finance):
    """2026 with two year-end actuals: 设备利用率 99 % (target ≥ 95) and 培训人数 170 (target ≥ 162)."""
    for seq, name, value in ((1, "设备利用率", 99), (2, "培训人数", 170)):
        line = Indicator.objects.get(project__year=2026, project__seq=seq, name=name)
        record_indicator_report(indicator=line, user=finance, as_of=datetime.date(2026, 12, 1), value=Decimal(value))
    return seeded


def line_2027(seq: int, name: str) -> DraftIndicator:
    return DraftIndicator.objects.get(project__table__year=2027, project__seq=seq, name=name)


def test_the_draft_exports_in_the_seeds_layout_byte_for_byte(reported, finance):
    draft = draft_next_year(department=reported, year=2026, user=finance)
    exported = draft_text(draft).split("\n")
    seed = SEED.read_text(encoding="utf-8").split("\n")
    assert len(exported) == len(seed) == 94
    assert exported[:-1] == seed[:-1]  # every project, line, header and the 合计 row unchanged
    assert exported[-1] == seed[-1].replace("2026年", "2027年", 1)


def test_each_line_carries_this_years_target_and_actual(reported, finance):
    draft_next_year(department=reported, year=2026, user=finance)
    utilisation = line_2027(1, "设备利用率")
    assert (utilisation.target_text, utilisation.last_target_text) == ("95", "95")
    assert (utilisation.last_actual_text, utilisation.last_actual) == ("99%", Decimal("99.0000"))
    assert line_2027(2, "培训人数").last_actual_text == "170人"
    assert line_2027(1, "设备购置数").last_actual_text == ""  # nothing reported


def test_the_draft_is_reviewed_against_history_and_reimports_unchanged(reported, finance, client):
    draft_next_year(department=reported, year=2026, user=finance)
    client.force_login(finance)
    page = client.get("/targets/2027/draft/?department=nbfl").content.decode()
    assert "目标低于上年实际（偏保守）" in page  # 设备利用率 ≥ 95 % after 99 %
    exported = client.get("/targets/2027/draft.txt?department=nbfl").content
    upload = SimpleUploadedFile("2027.txt", exported, content_type="text/plain")
    page = client.post("/targets/2027/draft/upload/", {"department": "nbfl", "file": upload}, follow=True)
    assert "已按「2027.txt」更新草稿" in page.content.decode()
    draft = DraftTable.objects.get(year=2027)
    assert draft_text(draft).encode("utf-8") == exported
    assert line_2027(1, "设备利用率").last_actual_text == "99%"  # history kept through the round trip


def test_finance_edits_a_target_and_a_bad_one_is_refused_with_the_typed_value_kept(reported, finance, client):
    draft_next_year(department=reported, year=2026, user=finance)
    client.force_login(finance)
    line = line_2027(1, "设备利用率")
    post = {"department": "nbfl", "name": "设备利用率", "operator": "≥", "target_text": "高", "unit": "%"}
    response = client.post(f"/targets/2027/draft/line/{line.pk}/", post)
    assert response.status_code == 400
    assert "目标值须是数字：「高」" in response.content.decode()
    assert 'value="高"' in response.content.decode()
    line.refresh_from_db()
    assert line.target_text == "95"
    post["target_text"] = "99"
    client.post(f"/targets/2027/draft/line/{line.pk}/", post)
    line.refresh_from_db()
    assert line.target_text == "99"
    page = client.get("/targets/2027/draft/?department=nbfl").content.decode()
    assert "目标低于上年实际（偏保守）" not in page


def test_lines_and_projects_are_added_and_removed(reported, finance, client):
    draft = draft_next_year(department=reported, year=2026, user=finance)
    client.force_login(finance)
    first = draft.projects.get(seq=1)
    client.post(f"/targets/2027/draft/project/{first.pk}/line/",
                {"department": "nbfl", "name": "设备完好率", "operator": "≥", "target_text": "98", "unit": "%"})
    assert list(first.indicators.values_list("order", "name"))[-1] == (6, "设备完好率")
    client.post(f"/targets/2027/draft/line/{line_2027(1, '设备使用年限').pk}/remove/", {"department": "nbfl"})
    assert first.indicators.count() == 5
    page = client.post("/targets/2027/draft/project/", {"department": "nbfl", "name": "新项目", "budget": "10",
                                                        "own_level": "10", "transfer": "0"}, follow=True)
    assert "已添加项目：新项目" in page.content.decode()
    assert draft.projects.get(seq=16).budget == Decimal("10.00")
    client.post(f"/targets/2027/draft/project/{draft.projects.get(seq=16).pk}/remove/", {"department": "nbfl"})
    assert draft.projects.count() == 15


def test_publishing_makes_the_year_and_scores_nothing_until_reports_arrive(reported, finance, client):
    before = evaluate(year=2026, as_of=datetime.date(2026, 12, 31), departments=[reported])
    draft_next_year(department=reported, year=2026, user=finance)
    client.force_login(finance)
    page = client.post("/targets/2027/draft/publish/", {"department": "nbfl"}, follow=True).content.decode()
    assert "2027 年目标已发布" in page
    projects = Project.objects.filter(year=2027, department=reported)
    assert projects.count() == 15 and Indicator.objects.filter(project__year=2027).count() == 85
    assert sum(p.budget for p in projects) == Decimal("1386.30")
    after_2027 = evaluate(year=2027, as_of=datetime.date(2027, 12, 31), departments=[reported])
    assert all(line.status == "no_data" for p in after_2027.projects for line in p.indicators)
    after = evaluate(year=2026, as_of=datetime.date(2026, 12, 31), departments=[reported])
    assert [p.total for p in after.projects] == [p.total for p in before.projects]
    line = line_2027(1, "设备利用率")
    refused = client.post(f"/targets/2027/draft/line/{line.pk}/", {"department": "nbfl", "name": "x", "operator": "≥",
                                                                  "target_text": "1", "unit": "%"})
    assert "草稿不能再修改" in refused.content.decode()


def test_managers_never_see_a_draft_and_only_finance_changes_it(reported, finance, manager, client):
    draft_next_year(department=reported, year=2026, user=finance)
    client.force_login(manager)
    assert client.get("/targets/2027/draft/?department=nbfl").status_code == 404
    assert client.get("/targets/2027/draft.txt?department=nbfl").status_code == 404
    assert client.post("/targets/2027/draft/publish/", {"department": "nbfl"}).status_code == 404
    assert not Project.objects.filter(year=2027).exists()


def test_a_second_draft_of_the_same_year_is_refused(reported, finance, client):
    client.force_login(finance)
    first = client.post("/targets/2027/draft/create/", {"department": "nbfl"}, follow=True).content.decode()
    assert "已从 2026 年目标起草 2027 年目标" in first
    again = client.post("/targets/2027/draft/create/", {"department": "nbfl"}, follow=True).content.decode()
    assert "2027 年的目标草稿已存在" in again
    assert DraftTable.objects.count() == 1
