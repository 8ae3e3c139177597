"""The round page and a project's 监控表 in the browser's terms: who sees what, saving, errors, stale lines, queries."""
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.forms.monitoring import MonitoringSheetForm
from indicators.models import MonitoringNote
from indicators.selectors.monitoring import monitoring_sheet
from tests.conftest import project
from tests.monitoring.round_scenario import ROUND, indicator

INDEX = "/monitoring/"


def sheet_url(seq: int) -> str:
    return f"{reverse('monitoring:project', args=[project(seq).pk])}?as_of=2026-07-31"


def page_data(seq: int, **changes) -> dict:
    """What the browser sends back for the sheet as it is now shown, with `changes` typed over it."""
    data = {}
    for form in MonitoringSheetForm(monitoring_sheet(project=project(seq), as_of=ROUND)).lines:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form.initial.get(name)
            data[form.add_prefix(name)] = list(value or []) if name == "reasons" else ("" if value is None else str(value))
    data.update(changes)
    return data


def line(seq: int, order: int | None) -> str:
    return "budget" if order is None else f"ind-{indicator(seq, order).pk}"


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("who, index, sheet, save", [
    ("finance", 200, 200, 302),
    ("manager", 200, 200, 403),
    ("auditor", 200, 200, 403),
    ("outsider", 404, 404, 404),
])
def test_every_role_of_the_department_reads_and_only_finance_writes(client, scenario, request, who, index, sheet,
                                                                       save):
    login(client, request.getfixturevalue(who))
    assert client.get(INDEX, {"department": "nbfl"}).status_code == index
    assert client.get(sheet_url(1)).status_code == sheet
    data = page_data(1, **{f"{line(1, None)}-reasons": ["funding"]})
    assert client.post(sheet_url(1), data).status_code == save
    assert MonitoringNote.objects.count() == (1 if save == 302 else 0)


@pytest.mark.parametrize("url", [INDEX, "/monitoring/1/", "/exports/2026/monitoring.xlsx"])
def test_anonymous_visitors_are_sent_to_the_login(client, scenario, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_round_shows_time_progress_and_the_lines_to_explain(client, scenario, finance):
    response = login(client, finance).get(INDEX)  # today is 10 August: the round of 31 July
    page = response.content.decode()
    assert "截至 2026-07-31" in page and '<div class="value" id="time-progress">58.08%</div>' in page
    assert '<div class="value" id="needs-explanation-total">59</div>' in page  # as test_monitoring_round counts
    row = page[page.index('data-seq="1"'):]
    row = row[:row.index("</tr>")]
    assert "设备购置经费" in row and "4.60" in row and "1.20" in row and "26.09%" in row
    assert "待说明 3" in row and "红灯（严重滞后）" in row and "71.31" in row
    assert 'action="/monitoring/upload/"' in page  # finance may upload the filled 监控表


def test_a_manager_sees_the_round_without_the_upload(client, scenario, manager):
    page = login(client, manager).get(INDEX).content.decode()
    assert "待说明 3" in page and 'id="upload-form"' not in page and "monitoring.xlsx" in page


def test_an_outsider_sees_only_their_own_department(client, scenario, outsider):
    page = login(client, outsider).get(INDEX).content.decode()
    assert "宁波市其他局" in page and "设备购置经费" not in page


def test_the_sheet_marks_lines_to_explain_and_shows_levels_as_text(client, scenario, manager):
    page = login(client, manager).get(sheet_url(1)).content.decode()
    assert page.count('<span class="badge yellow flag">待说明</span>') == 3
    assert "黄灯（预警）" in page and "绿灯（正常）" in page and '<span class="badge none level">无</span>' in page
    assert "本页只读：只有本部门的财务人员可以填写监控说明。" in page and 'name="budget-forecast"' not in page


def test_finance_explains_a_red_line_and_it_leaves_the_list(client, scenario, finance):
    login(client, finance)
    data = page_data(1, **{"budget-reasons": ["funding", "system"], "budget-likelihood": "possible",
                           "budget-measures": "九月前完成采购", "budget-forecast": "4.3"})
    response = client.post(sheet_url(1), data)
    assert response.status_code == 302 and response["Location"] == sheet_url(1)
    saved = MonitoringNote.objects.get()
    assert (saved.indicator, saved.reasons, saved.forecast, saved.likelihood) == (
        None, ["funding", "system"], Decimal("4.30"), "possible")
    page = client.get(response["Location"]).content.decode()
    assert "已保存 1 条监控说明（截至 2026-07-31）。" in page
    assert page.count('<span class="badge yellow flag">待说明</span>') == 2
    assert "待说明 2" in client.get(INDEX).content.decode()


def test_an_unchanged_sheet_saves_nothing(client, scenario, finance):
    response = login(client, finance).post(sheet_url(1), page_data(1), follow=True)
    assert "没有需要保存的修改。" in response.content.decode() and MonitoringNote.objects.count() == 0


def test_refused_input_keeps_every_typed_field(client, scenario, finance):
    data = page_data(1, **{
        "budget-reasons": ["other"], "budget-measures": "预算执行偏慢",
        f"{line(1, 1)}-forecast": "八台", f"{line(1, 1)}-reasons": ["staff"],
        f"{line(1, 4)}-likelihood": "impossible", f"{line(1, 4)}-reason_other": "设备老旧",
    })
    response = login(client, finance).post(sheet_url(1), data)
    page = response.content.decode()
    assert response.status_code == 400 and MonitoringNote.objects.count() == 0
    assert "请输入数字：&#x27;八台&#x27;" in page and 'value="八台"' in page
    assert 'value="staff" id="id_ind-' in page and 'checked' in page[page.index(f'name="{line(1, 1)}-reasons" value="staff"') - 80:]
    assert "勾选「其他」时请写明具体原因。" in page and "预算执行偏慢</textarea>" in page
    assert "完成目标可能性为「完全不可能」时请填写改进措施。" in page and 'value="设备老旧"' in page


def test_the_later_save_of_a_stale_line_is_refused_and_keeps_what_was_typed(client, scenario, finance, finance2):
    stale = page_data(1)  # finance opens the sheet
    login(client, finance2).post(sheet_url(1), page_data(1, **{f"{line(1, 1)}-reasons": ["funding"]}))
    winner = MonitoringNote.objects.get()
    typed = {**stale, f"{line(1, 1)}-reasons": ["staff"], f"{line(1, 1)}-measures": "补招人员"}
    response = login(client, finance).post(sheet_url(1), typed)
    page = response.content.decode()
    assert response.status_code == 409 and MonitoringNote.objects.count() == 1
    assert "保存前已有人更新了此项：偏差原因 经费保障（截至 2026-07-31，财务乙 于 2026-08-10 09:30 填报）" in page
    assert "补招人员</textarea>" in page and f'name="{line(1, 1)}-seen" value="{winner.pk}"' in page
    # Having seen the other note, the clerk saves again: a correction of the same round, so with a reason.
    again = {**typed, f"{line(1, 1)}-seen": str(winner.pk)}
    assert "更正请填写更正原因" in client.post(sheet_url(1), again).content.decode()
    response = client.post(sheet_url(1), {**again, f"{line(1, 1)}-reason": "人员原因更准确"})
    assert response.status_code == 302
    assert MonitoringNote.objects.latest("id").corrects == winner


def test_an_untouched_line_changed_by_someone_else_is_no_conflict(client, scenario, finance, finance2):
    stale = page_data(1)
    login(client, finance2).post(sheet_url(1), page_data(1, **{f"{line(1, 1)}-reasons": ["funding"]}))
    response = login(client, finance).post(sheet_url(1), {**stale, f"{line(1, 4)}-reasons": ["hardware"]})
    assert response.status_code == 302
    assert sorted(n.indicator.order for n in MonitoringNote.objects.all()) == [1, 4]


def test_notes_are_shown_escaped(client, scenario, finance, manager):
    login(client, finance).post(sheet_url(1), page_data(1, **{"budget-measures": "<script>alert(1)</script>"}))
    page = login(client, manager).get(sheet_url(1)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_a_round_in_the_future_is_read_only(client, scenario, finance):
    page = login(client, finance).get(sheet_url(1).replace("2026-07-31", "2026-12-31")).content.decode()
    assert "本页只读：截至日期晚于今天，到期后才能填写。" in page and 'name="budget-forecast"' not in page


def test_the_round_page_runs_in_a_fixed_number_of_queries(client, scenario, finance, django_assert_num_queries):
    login(client, finance)
    # the user (the session from the cache), the user's groups and memberships (roles), the department, the evaluation's 8
    # (with the year's rule profile), the department list for the switcher
    with django_assert_num_queries(13 + 1):  # + the navigation badge
        assert client.get(INDEX).status_code == 200


@pytest.mark.parametrize("seq", [1, 5])  # 5 indicators, and the largest project with 10
def test_the_sheet_runs_in_a_fixed_number_of_queries(client, scenario, finance, django_assert_num_queries, seq):
    url = sheet_url(seq)
    login(client, finance)
    # the user (the session from the cache), the project with its department (access), groups and memberships (roles), the evaluation's 7
    # (with the year's rule profile; the project is the one the access check read)
    with django_assert_num_queries(11 + 1):  # + the navigation badge
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("orders", [[1], [1, 4]])
def test_saving_a_sheet_costs_the_same_queries_whatever_the_changed_lines(client, scenario, finance,
                                                                         django_assert_num_queries, orders):
    url, data = sheet_url(1), page_data(1, **{f"{line(1, order)}-reasons": ["funding"] for order in orders})
    login(client, finance)
    # 11 to read the page as above; the sheet's savepoint, lock of the project, the review lock's check of the project
    # (once for the sheet), the project's indicators and notes (read once), one INSERT of every changed line, and
    # the release (7; issue 18: the notes are checked, then inserted together).
    # Then, before the commit, the project's stored result refreshed (issue #21): the write scope's savepoint and
    # release, the rows' latest dates, the evaluation's 7, the upsert (11).
    queries = 11 + 7 + 11
    with django_assert_num_queries(queries):
        assert client.post(url, data).status_code == 302
