"""The self-evaluation page (/self-evaluation/<id>/): finance of the department writes each line's year-end
explanation beside its figures; everyone else who may see the project reads; the missing list leads to the fields."""
import datetime
import html
import re
from decimal import Decimal

import pytest

from indicators.forms.self_evaluation import SelfEvaluationForm
from indicators.models import LineExplanation, ProjectSelfEvaluation, ScoreDeduction
from indicators.selectors.year_end import self_evaluation
from indicators.services.monitoring import record_monitoring_note
from indicators.services.year_end import record_line_explanation, record_project_texts
from tests.conftest import project
from tests.year_end.conftest import line

# The user (the session comes from the cache: cached_db), groups; the project with its department, the memberships (may the user write?); the evaluation's
# 8 (the year's rule profile, projects, indicators with deductions, reports, expenditures, notes, two kinds of
# adjustments); the line explanations; the project texts; the 佐证材料 list; the navigation badge; the project's
# earlier years (往年对比: none here; each earlier year adds its evaluation).
PAGE_QUERIES = 2 + 2 + 8 + 2 + 1 + 1 + 1


def url(seq: int) -> str:
    return f"/self-evaluation/{project(seq).pk}/"


def page_text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def textarea(response, element_id: str) -> str | None:
    match = re.search(rf'<textarea[^>]*id="{element_id}"[^>]*>(.*?)</textarea>', response.content.decode(), re.S)
    return html.unescape(match.group(1)).strip() if match else None


def saved_page_data(seq: int) -> dict:
    """What the page as loaded now posts back: every field's shown value and the rows seen."""
    data = {}
    for part in SelfEvaluationForm(self_evaluation(project=project(seq))).parts:
        for name, field in part.fields.items():
            if name == "seen":
                data[part.add_prefix(name)] = part.seen_value
            elif name != "reason":
                data[part.add_prefix(name)] = part.initial.get(name, "")
    return data


@pytest.fixture
def clerk(client, scenario, finance):
    client.force_login(finance)
    return client


def test_finance_sees_what_is_missing_each_item_leading_to_its_field(clerk):
    response = clerk.get(url(1))
    assert response.status_code == 200
    body = response.content.decode()
    p1 = project(1)
    utilisation = line(1, 4).pk
    assert f'<a href="#line-{utilisation}-text">第 4 项指标「设备利用率」未达成：请填写偏差原因分析及改进措施。</a>' in body
    assert '<a href="#budget-line-text">预算执行（预算执行率 90%，未达 100%）：请填写偏差原因分析及改进措施。</a>' in body
    assert '<a href="#project-achievement">请填写项目的实际完成情况。</a>' in body
    for anchor in (f"line-{utilisation}-text", "budget-line-text", "project-achievement", "project-measures"):
        assert textarea(response, anchor) is not None, anchor
    assert 'id="fig-missing" class="badge yellow">6 项' in body
    assert f"年终自评：1. {p1.name}" in page_text(response)
    # Each line's figures beside its field: 设备利用率 16.67 分值, 15.79 得分, 未达成.
    row = re.search(rf'<tr id="line-{utilisation}".*?</tr>', body, re.S).group(0)
    assert re.findall(r'<td class="num[^"]*"[^>]*>([\d.]+)</td>', row) == ["4", "16.67", "15.79"]
    assert "未达成" in row and "需偏差原因分析" in row


def test_the_entry_note_is_prefilled_and_labelled_and_the_monitoring_note_does_not_appear(clerk, finance):
    record_monitoring_note(project=project(7), indicator=line(7, 1), user=finance, as_of=datetime.date(2026, 7, 31),
                           forecast=Decimal(150), reasons=["other"], reason_other="场地受限", likelihood="possible",
                           measures="下半年加开一期")
    response = clerk.get(url(7))
    trained = line(7, 1).pk
    assert textarea(response, f"line-{trained}-text") == "两期合计"
    assert f'id="line-{trained}-text-prefill">以下初稿取自填报时的“说明”（填报说明）' in response.content.decode()
    text = page_text(response)
    assert "下半年加开一期" not in text and "场地受限" not in text and "完成目标可能性" not in text


def test_saving_appends_only_what_changed_and_the_missing_list_shrinks(clerk):
    data = saved_page_data(1)
    utilisation, purchase = line(1, 4).pk, line(1, 1).pk
    data.update({
        f"line-{utilisation}-text": "新设备上半年调试，利用率偏低；下年度加强排班。",
        f"line-{purchase}-text": "年初按 8 台测算，实际合并两批采购。",
        "budget-line-text": "设备尾款待验收后支付。",
        "project-achievement": "完成设备购置 10 台，投入使用。",
    })
    response = clerk.post(url(1), data)
    assert response.status_code == 302
    assert response["Location"] == url(1)
    assert LineExplanation.objects.count() == 3
    assert ProjectSelfEvaluation.objects.get().achievement == "完成设备购置 10 台，投入使用。"
    page = clerk.get(url(1))
    assert "已保存 4 项自评说明。" in page_text(page)
    assert [m.field for m in page.context["state"].missing] == ["problems", "measures"]
    assert textarea(page, f"line-{utilisation}-text") == "新设备上半年调试，利用率偏低；下年度加强排班。"


def test_an_over_long_text_is_refused_beside_its_field_typed_values_kept_and_nothing_stored(clerk):
    data = saved_page_data(3)
    caring = line(3, 3).pk
    long_text = "慰" * 2001
    data.update({f"line-{caring}-text": long_text, f"line-{caring}-basis": "走访 5 人中的 4 人。",
                 "project-achievement": "完成补助发放。"})
    before = (LineExplanation.objects.count(), ProjectSelfEvaluation.objects.count())
    response = clerk.post(url(3), data)
    assert response.status_code == 400
    assert (LineExplanation.objects.count(), ProjectSelfEvaluation.objects.count()) == before
    assert textarea(response, f"line-{caring}-text") == long_text  # never cut
    assert textarea(response, f"line-{caring}-basis") == "走访 5 人中的 4 人。"
    assert textarea(response, "project-achievement") == "完成补助发放。"
    body = response.content.decode()
    field_and_error = re.search(rf'id="line-{caring}-text">.*?</textarea>.*?<ul class="errorlist"[^>]*>(.*?)</ul>', body, re.S)
    assert "偏差原因分析及改进措施最多 2000 字，现有 2001 字：请精简后再保存（系统不会截断）。" in field_and_error.group(1)
    assert "未保存任何内容" in page_text(response)


def test_changing_a_saved_text_needs_a_reason(clerk, finance):
    record_project_texts(project=project(1), user=finance, achievement="完成设备购置。")
    data = saved_page_data(1)
    data["project-achievement"] = "完成设备购置 10 台。"
    response = clerk.post(url(1), data)
    assert response.status_code == 400
    assert "项目自评说明已有内容（财务甲，2026-12-20 10:00 填写）：修改请填写修改原因。" in page_text(response)
    data["project-reason"] = "补充数量"
    assert clerk.post(url(1), data).status_code == 302
    assert ProjectSelfEvaluation.objects.count() == 2


def test_a_line_someone_else_changed_since_the_page_was_loaded_is_a_conflict(clerk, finance2):
    data = saved_page_data(1)
    utilisation = line(1, 4).pk
    record_line_explanation(indicator=line(1, 4), user=finance2, text="财务乙的说明。")
    data[f"line-{utilisation}-text"] = "财务甲的说明。"
    response = clerk.post(url(1), data)
    assert response.status_code == 409
    assert LineExplanation.objects.get().text == "财务乙的说明。"
    assert "财务乙 已于您打开本页后" in page_text(response)
    assert textarea(response, f"line-{utilisation}-text") == "财务甲的说明。"


@pytest.mark.parametrize("who", ["manager", "auditor", "reviewer", "admin_user"])
def test_others_who_may_see_the_project_read_it_without_a_form(client, scenario, finance, request, who):
    record_line_explanation(indicator=line(1, 4), user=finance, text="新设备调试，利用率偏低。")
    client.force_login(request.getfixturevalue(who))
    response = client.get(url(1))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<textarea" not in body.split('id="deductions"')[0]
    assert 'id="self-evaluation-form"' not in body
    assert f'<div class="saved-text" id="line-{line(1, 4).pk}-text">新设备调试，利用率偏低。</div>' in body
    assert "只读：本页由本部门财务人员填写" in body


def test_a_reader_cannot_post(client, scenario, manager):
    client.force_login(manager)
    assert client.post(url(1), {"project-achievement": "x"}).status_code == 403
    assert ProjectSelfEvaluation.objects.count() == 0


def test_a_project_of_another_department_is_not_found(client, scenario, outsider):
    client.force_login(outsider)
    assert client.get(url(1)).status_code == 404
    assert client.post(url(1), {"project-achievement": "x"}).status_code == 404


@pytest.mark.parametrize("seq", [1, 5])  # 5 and 10 indicators
def test_the_page_runs_in_a_fixed_number_of_queries(clerk, finance, django_assert_num_queries, seq):
    p = project(seq)
    record_project_texts(project=p, user=finance, achievement="完成。")
    with django_assert_num_queries(PAGE_QUERIES):
        response = clerk.get(f"/self-evaluation/{p.pk}/")
    assert len(response.context["rows"]) == p.indicators.count()


def test_the_project_page_and_the_navigation_lead_to_it(clerk):
    body = clerk.get(f"/projects/{project(1).pk}/").content.decode()
    assert f'href="{url(1)}" id="self-evaluation-link">年终自评</a>' in body
    assert '<a href="/self-evaluation/">年终自评</a>' in body


def test_the_index_lists_every_project_with_what_it_still_lacks(clerk, finance):
    response = clerk.get("/self-evaluation/?year=2026")
    assert response.status_code == 200
    states = response.context["states"]
    assert len(states) == 15
    assert {s.project.seq: len(s.missing) for s in states}[1] == 6
    body = response.content.decode()
    assert f'<a href="{url(1)}">设备购置经费</a>' in body
    assert 'href="/exports/2026/self-evaluation-report.docx?department=nbfl">下载宁波市妇女联合会绩效自评报告（Word）' in body
    page = clerk.get(url(1)).content.decode()
    assert f'<a href="{url(1)}report.docx" id="report-link">下载绩效自评报告（Word）</a>' in page


def deduction_url(seq: int, order: int) -> str:
    return f"{url(seq)}deduction/{line(seq, order).pk}/"


def test_a_reviewer_records_a_deduction_on_the_page_and_the_total_follows(client, scenario, reviewer):
    client.force_login(reviewer)
    page = client.get(url(1))
    purchase = line(1, 1).pk
    assert list(page.context["rows"][0].deduction_form.fields) == ["points", "reason", "seen"]
    assert all(row.deduction_form is None for row in page.context["rows"][1:])  # only the flagged line
    response = client.post(deduction_url(1, 1), {f"deduct-{purchase}-points": "5",
                                                 f"deduct-{purchase}-reason": "年初目标按 8 台测算偏低。"})
    assert response.status_code == 302
    assert response["Location"] == f"{url(1)}#line-{purchase}"
    page = client.get(url(1))
    text = page_text(page)
    assert "偏离度扣分 5.00 分：年初目标按 8 台测算偏低。" in text
    assert 'id="fig-total">93.12<' in page.content.decode()  # 98.12 less 5


def test_a_deduction_above_the_lines_points_is_refused_beside_its_field(client, scenario, admin_user):
    client.force_login(admin_user)
    purchase = line(1, 1).pk
    response = client.post(deduction_url(1, 1), {f"deduct-{purchase}-points": "17",
                                                 f"deduct-{purchase}-reason": "目标偏低"})
    assert response.status_code == 400
    assert ScoreDeduction.objects.count() == 0
    body = response.content.decode()
    assert re.search(rf'name="deduct-{purchase}-points" value="17"', body)
    assert "扣分不能超过该指标的得分 16.67 分。" in body


def test_finance_cannot_record_a_deduction(clerk):
    assert clerk.post(deduction_url(1, 1), {}).status_code == 403
    assert "偏离度扣分（审核）" not in clerk.get(url(1)).content.decode()
