"""Next year's draft through the API (issue #22): the draft page's services and rights, as JSON.

2026's table with 设备利用率 (project 1, line 4, ≥ 95 %) reported at 93 % on 1 November; finance drafts 2027 from it.
"""
import datetime
from decimal import Decimal

import pytest

from indicators.services.reports import record_indicator_report
from projects.models import DraftTable, Indicator, Project
from tests.conftest import project


@pytest.fixture
def reported(seeded, finance):
    line = Indicator.objects.get(project=project(1), order=4)
    record_indicator_report(indicator=line, user=finance, as_of=datetime.date(2026, 11, 1), value=Decimal(93))
    return seeded


@pytest.fixture
def drafted(api, reported, finance) -> dict:
    response = api(finance).post("/api/drafts/", {"department": "nbfl", "year": 2027}, format="json")
    assert response.status_code == 201
    return response.json()


def line_of(body: dict, seq: int, order: int) -> dict:
    first = next(p for p in body["projects"] if p["seq"] == seq)
    return next(line for line in first["lines"] if line["order"] == order)


def test_finance_drafts_2027_with_each_lines_2026_target_and_actual(drafted):
    assert (drafted["department"], drafted["year"], drafted["source_year"], drafted["state"]) == (
        "nbfl", 2027, 2026, "draft")
    assert len(drafted["projects"]) == 15 and sum(len(p["lines"]) for p in drafted["projects"]) == 85
    first = drafted["projects"][0]
    assert (first["name"], first["budget"], first["code"]) == ("设备购置经费", "4.60", "nbfl-2026-01")
    assert line_of(drafted, 1, 4) | {"id": 0} == {
        "id": 0, "order": 4, "name": "设备利用率", "operator": "≥", "target_text": "95", "unit": "%",
        "key": "nbfl-2026-01-04", "last_target_text": "95", "last_actual_text": "93%"}


def test_the_list_filters_by_year_and_refuses_a_year_that_is_not_one(api, drafted, finance):
    client = api(finance)
    assert [d["year"] for d in client.get("/api/drafts/?year=2027").json()] == [2027]
    assert client.get("/api/drafts/?year=2028").json() == []
    refused = client.get("/api/drafts/?year=null")
    assert refused.status_code == 400 and "year" in refused.json()


def test_a_second_draft_of_the_same_year_is_refused(api, drafted, finance):
    response = api(finance).post("/api/drafts/", {"department": "nbfl", "year": 2027}, format="json")
    assert response.status_code == 400
    assert "2027 年的目标草稿已存在：请在草稿中继续修改。" in str(response.json())


def test_a_target_is_changed_and_a_bad_one_is_refused_by_the_pages_rule(api, drafted, finance):
    client, line = api(finance), line_of(drafted, 1, 4)
    url = f"/api/drafts/{drafted['id']}/lines/{line['id']}/"
    changed = client.patch(url, {"target_text": "96"}, format="json")
    assert changed.status_code == 200
    assert line_of(changed.json(), 1, 4)["target_text"] == "96"
    assert line_of(changed.json(), 1, 4)["name"] == "设备利用率"  # fields not sent stay
    refused = client.patch(url, {"target_text": "九十六"}, format="json")
    assert refused.status_code == 400 and refused.json() == {"target_text": ["目标值须是数字：「九十六」"]}
    assert client.get(f"/api/drafts/{drafted['id']}/").json() == changed.json()


def test_projects_and_lines_are_added_and_removed(api, drafted, finance):
    client, base = api(finance), f"/api/drafts/{drafted['id']}"
    added = client.post(f"{base}/projects/", {"name": "家庭教育数字化", "budget": "12.50", "own_level": "12.50"},
                        format="json")
    assert added.status_code == 201
    new = next(p for p in added.json()["projects"] if p["seq"] == 16)
    assert (new["name"], new["budget"], new["transfer"], new["lines"]) == ("家庭教育数字化", "12.50", "0.00", [])
    unbalanced = client.post(f"{base}/projects/", {"name": "x", "budget": "10", "own_level": "8"}, format="json")
    assert unbalanced.status_code == 400 and unbalanced.json() == {"budget": ["本级支出与转移支付支出之和须等于预算金额。"]}
    line = client.post(f"{base}/projects/{new['id']}/lines/",
                       {"name": "课程上线数", "operator": "≥", "target_text": "20", "unit": "节"}, format="json")
    assert line.status_code == 201
    lines = next(p for p in line.json()["projects"] if p["seq"] == 16)["lines"]
    assert [(x["name"], x["operator"], x["target_text"], x["unit"], x["key"]) for x in lines] == [
        ("课程上线数", "≥", "20", "节", "")]
    last_line = lines[0]
    refused = client.delete(f"{base}/lines/{last_line['id']}/")
    assert refused.status_code == 400
    assert "每个项目至少保留一条指标" in str(refused.json())
    assert client.delete(f"{base}/lines/{line_of(drafted, 1, 3)['id']}/").status_code == 204
    assert client.delete(f"{base}/projects/{new['id']}/").status_code == 204
    after = client.get(f"{base}/").json()
    assert len(after["projects"]) == 15 and [x["order"] for x in after["projects"][0]["lines"]] == [1, 2, 4, 5]


def test_publishing_makes_2027_and_the_draft_is_then_closed(api, drafted, finance):
    client, line = api(finance), line_of(drafted, 1, 4)
    client.patch(f"/api/drafts/{drafted['id']}/lines/{line['id']}/", {"target_text": "96"}, format="json")
    published = client.post(f"/api/drafts/{drafted['id']}/publish/")
    assert published.status_code == 200 and published.json()["state"] == "published"
    assert Project.objects.filter(year=2027).count() == 15
    utilisation = Indicator.objects.get(project__year=2027, project__seq=1, order=4)
    assert (utilisation.target_text, utilisation.key) == ("96", "nbfl-2026-01-04")
    late = client.patch(f"/api/drafts/{drafted['id']}/lines/{line['id']}/", {"target_text": "97"}, format="json")
    assert late.status_code == 400 and "2027 年目标已发布" in str(late.json())


def test_managers_never_see_a_draft_and_readers_cannot_change_it(api, drafted, manager, auditor):
    assert api(manager).get("/api/drafts/").json() == []
    assert api(manager).get(f"/api/drafts/{drafted['id']}/").status_code == 404
    assert api(manager).post("/api/drafts/", {"department": "nbfl", "year": 2028}, format="json").status_code == 404
    reader = api(auditor)
    assert [d["year"] for d in reader.get("/api/drafts/").json()] == [2027]
    assert reader.get(f"/api/drafts/{drafted['id']}/").json()["projects"][0]["name"] == "设备购置经费"
    line = line_of(drafted, 1, 4)
    assert reader.patch(f"/api/drafts/{drafted['id']}/lines/{line['id']}/", {"target_text": "1"},
                        format="json").status_code == 403
    assert reader.post(f"/api/drafts/{drafted['id']}/publish/").status_code == 403
    assert DraftTable.objects.get().state == "draft"


def test_another_departments_clerk_does_not_find_the_draft(api, drafted, outsider):
    assert api(outsider).get(f"/api/drafts/{drafted['id']}/").status_code == 404
    assert api(outsider).post(f"/api/drafts/{drafted['id']}/publish/").status_code == 404


def test_the_draft_reads_in_a_fixed_number_of_queries(api, drafted, auditor, django_assert_num_queries):
    client = api(auditor)
    # token and user, the user's groups, the departments the user sees; the draft; its projects; their lines.
    with django_assert_num_queries(6):
        assert client.get(f"/api/drafts/{drafted['id']}/").status_code == 200


def test_the_schema_documents_every_draft_operation(api, seeded, finance):
    paths = api(finance).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    operations = {(path, method) for path, item in paths.items() if path.startswith("/api/drafts/") for method in item}
    assert operations == {
        ("/api/drafts/", "get"), ("/api/drafts/", "post"), ("/api/drafts/{id}/", "get"),
        ("/api/drafts/{id}/projects/", "post"), ("/api/drafts/{id}/projects/{project}/", "delete"),
        ("/api/drafts/{id}/projects/{project}/lines/", "post"), ("/api/drafts/{id}/lines/{line}/", "patch"),
        ("/api/drafts/{id}/lines/{line}/", "delete"), ("/api/drafts/{id}/publish/", "post"),
    }
