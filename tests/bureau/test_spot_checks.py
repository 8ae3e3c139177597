"""抽查复核: the same seed and share draw the same projects; a note reaches the department's page and the workbook."""
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from core.errors import DomainError
from core.roles import FINANCE
from indicators.exports.workbook import write_evaluation_workbook
from indicators.models import SpotCheckNote
from indicators.selectors.spot_checks import draw_sample, sample_project_ids
from indicators.services.spot_checks import record_spot_check
from projects.models import Project
from tests.bureau.helpers import body_rows, submit
from tests.conftest import make_user

SHARE = Decimal("0.2")


@pytest.fixture
def sent_in(city):
    """The first two departments sent every self-evaluation in (30 projects); the third sent none."""
    clerk = make_user("city-finance", group=FINANCE)
    for project in Project.objects.filter(department__in=city[:2]).order_by("department__code", "seq"):
        submit(project, clerk)
    return city


def test_the_same_seed_and_share_draw_the_same_projects_and_another_seed_others():
    population = list(range(100, 130))
    first = draw_sample(population, seed=7, share=SHARE)
    assert first == draw_sample(population, seed=7, share=SHARE)
    assert len(first) == 6 and first == sorted(first) and set(first) <= set(population)
    assert draw_sample(population, seed=8, share=SHARE) != first
    assert len(draw_sample(population, seed=7, share=Decimal("0.01"))) == 1  # at least one
    assert draw_sample([], seed=7, share=SHARE) == []


def test_only_sent_in_projects_are_drawn_and_the_page_shows_seed_share_and_the_same_sample_twice(client, sent_in, czj):
    ids = sample_project_ids(year=2026, seed=42, share=SHARE)
    drawn = Project.objects.filter(pk__in=ids)
    assert len(ids) == 6 and {p.department for p in drawn} <= set(sent_in[:2])
    client.force_login(czj)
    url = "/bureau/spot-checks/?year=2026&seed=42&share=20"
    first, second = client.get(url).content.decode(), client.get(url).content.decode()
    assert 'id="draw-seed">42<' in first and 'id="draw-share">20.00%<' in first and 'id="draw-count">6<' in first
    assert body_rows(first, "spot-check-table") == body_rows(second, "spot-check-table")
    assert [int(pk) for pk in _row_ids(first)] == ids


def _row_ids(page: str) -> list[str]:
    import re

    return re.findall(r'<tr id="project-(\d+)"', page)


def _a_drawn_project() -> Project:
    return Project.objects.get(pk=sample_project_ids(year=2026, seed=42, share=SHARE)[0])


def test_a_disagreeing_note_shows_on_the_department_project_page(client, sent_in, czj, city_manager):
    project = _a_drawn_project()
    client.force_login(czj)
    response = client.post(f"/bureau/spot-checks/{project.pk}/note/", {
        "seed": "42", "share": "20", "verdict": "disagrees", "recomputed_score": "55.5",
        "remarks": "支出凭证与填报数不符，执行率按 60% 重算。",
    })
    assert response.status_code == 302
    note = SpotCheckNote.objects.get(project=project)
    assert (note.verdict, note.recomputed_score, note.seed, note.share) == ("disagrees", Decimal("55.50"), 42,
                                                                            Decimal("0.200"))
    manager = make_user("its-manager", group="管理人员", department=project.department)
    client.force_login(manager)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "财政抽查复核意见" in page and "不同意自评得分" in page
    assert "data-recomputed-score>55.50<" in page and "支出凭证与填报数不符，执行率按 60% 重算。" in page
    assert "抽样种子 42，比例 20.00%" in page


def test_a_second_note_corrects_the_first_and_both_stay_in_the_ledger(sent_in, czj):
    project = _a_drawn_project()
    first = record_spot_check(user=czj, project=project, verdict="agrees", recomputed_score=None, remarks="",
                              seed=42, share=SHARE)
    second = record_spot_check(user=czj, project=project, verdict="disagrees", recomputed_score=Decimal(60),
                               remarks="复核后发现满意度无调查依据。", seed=42, share=SHARE)
    assert second.corrects == first and second.reason == "重新复核"
    assert SpotCheckNote.objects.filter(project=project).count() == 2


@pytest.mark.parametrize("fields,message", [
    ({"verdict": "disagrees", "recomputed_score": None, "remarks": "理由"}, "请填写复核得分"),
    ({"verdict": "disagrees", "recomputed_score": Decimal(101), "remarks": "理由"}, "复核得分应在 0 到 100 之间"),
    ({"verdict": "disagrees", "recomputed_score": Decimal(50), "remarks": " "}, "请写明理由"),
    ({"verdict": "maybe", "recomputed_score": None, "remarks": ""}, "请选择复核结论"),
])
def test_an_incomplete_disagreement_is_refused_in_chinese(sent_in, czj, fields, message):
    with pytest.raises(DomainError, match=message):
        record_spot_check(user=czj, project=_a_drawn_project(), seed=42, share=SHARE, **fields)
    assert not SpotCheckNote.objects.exists()


def test_a_project_the_draw_did_not_pick_and_a_clerk_who_is_not_the_bureau_are_refused(sent_in, czj, city_auditor):
    undrawn = Project.objects.exclude(pk__in=sample_project_ids(year=2026, seed=42, share=SHARE)).first()
    with pytest.raises(DomainError, match="不在种子 42、比例 20.0% 的抽样中"):
        record_spot_check(user=czj, project=undrawn, verdict="agrees", recomputed_score=None, remarks="", seed=42,
                          share=SHARE)
    with pytest.raises(DomainError, match="只有财政人员可以填写抽查复核意见"):
        record_spot_check(user=city_auditor, project=_a_drawn_project(), verdict="agrees", recomputed_score=None,
                          remarks="", seed=42, share=SHARE)


def test_a_refused_note_comes_back_with_what_was_typed(client, sent_in, czj):
    project = _a_drawn_project()
    client.force_login(czj)
    response = client.post(f"/bureau/spot-checks/{project.pk}/note/", {
        "seed": "42", "share": "20", "verdict": "disagrees", "recomputed_score": "", "remarks": "凭证缺失",
    })
    assert response.status_code == 400
    page = response.content.decode()
    assert "不同意自评得分时，请填写复核得分。" in page and ">凭证缺失</textarea>" in page


def test_the_note_is_a_sheet_of_the_department_workbook(sent_in, czj, tmp_path):
    project = _a_drawn_project()
    record_spot_check(user=czj, project=project, verdict="disagrees", recomputed_score=Decimal("70.25"),
                      remarks="=HYPERLINK(\"x\")：按原始凭证重算", seed=42, share=SHARE)
    path = tmp_path / "dept.xlsx"
    write_evaluation_workbook(department=project.department, year=2026, as_of=date(2026, 12, 31), output=str(path))
    sheet = openpyxl.load_workbook(path)["抽查复核"]
    rows = list(sheet.values)
    assert rows[0][:8] == ("记录号", "部门", "项目序号", "项目名称", "复核结论", "自评得分", "复核得分", "复核意见")
    assert len(rows) == 2
    row = rows[1]
    assert (row[1], row[2], row[3], row[4]) == (project.department.name, project.seq, project.name, "不同意自评得分")
    assert (row[6], row[7], row[8], row[9], row[13]) == (70.25, "=HYPERLINK(\"x\")：按原始凭证重算", 42, 0.2, "是")
    assert sheet.cell(row=2, column=8).data_type == "s"  # text stays text, never a formula


# user (the session from the cache), the user's groups; the sent-in projects (the population); the evaluation's 8 (with the year's rule profile) of the drawn
# projects; their current notes.
SPOT_CHECK_QUERIES = 2 + 1 + 8 + 1


@pytest.mark.parametrize("share,drawn", [("10", 3), ("100", 30)])
def test_the_spot_check_page_takes_the_same_number_of_queries_for_3_and_30_projects(
        client, sent_in, czj, share, drawn, django_assert_num_queries):
    client.force_login(czj)
    with django_assert_num_queries(SPOT_CHECK_QUERIES):
        page = client.get(f"/bureau/spot-checks/?year=2026&seed=42&share={share}").content.decode()
    assert f'id="draw-count">{drawn}<' in page


def test_the_bureau_page_counts_submission_states_and_filters_by_them(client, sent_in, czj):
    from tests.bureau.conftest import CITY_URL

    client.force_login(czj)
    page = client.get(CITY_URL).content.decode()
    assert 'data-state="draft">15<' in page and 'data-state="submitted">30<' in page
    rows = body_rows(client.get(f"{CITY_URL}&state=draft").content.decode(), "bureau-table")
    assert [(row[1], row[-1]) for row in rows] == [("北仑区妇女联合会", "0")]
