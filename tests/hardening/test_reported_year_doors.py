"""Once the 2026 table has a report, no door changes its published values without an adjustment (DOMAIN §8).

The admin's change, add and delete pages, its inline, its history revert, and the service they write through.
"""
import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from core.errors import DomainError
from indicators.selectors.evaluation import evaluate
from indicators.services.reports import record_indicator_report
from projects.models import BudgetAdjustment, Indicator, IndicatorAdjustment, Project
from projects.services.published import delete_project, save_indicator, save_project
from tests.conftest import project

pytestmark = pytest.mark.django_db
YEAR_END = datetime.date(2026, 12, 31)
PROJECT_FIELDS = ["department", "year", "seq", "name", "overview", "budget", "own_level", "transfer", "annual_goal",
                  "livelihood_standard"]
INDICATOR_FIELDS = ["order", "name", "operator", "target_text", "target_value", "unit", "level1", "level2", "basis",
                    "weight"]
REFUSED = "2026 年本部门已有填报记录"


def total_2026() -> Decimal:
    return evaluate(year=2026, as_of=YEAR_END).totals.budget


@pytest.fixture
def admin_client(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.fixture
def reported(seeded, finance):
    """The 2026 table with one report: 培训人数 155 at 20 August."""
    trainees = project(2).indicators.get(name="培训人数")
    record_indicator_report(indicator=trainees, user=finance, as_of=datetime.date(2026, 8, 20), value=Decimal(155))
    return seeded


def _value(value) -> str:
    return "" if value is None else str(value)


def project_form(item: Project, *, indicators: list[dict] | None = None, **changes) -> dict:
    """The project's change form as the admin posts it, with its indicators inline."""
    data = {name: _value(getattr(item, f"{name}_id" if name == "department" else name)) for name in PROJECT_FIELDS}
    rows = indicators if indicators is not None else [
        {"id": i.pk, **{name: getattr(i, name) for name in INDICATOR_FIELDS}} for i in item.indicators.all()
    ]
    stored = item.indicators.count()
    data |= {"indicators-TOTAL_FORMS": str(len(rows)), "indicators-INITIAL_FORMS": str(stored),
             "indicators-MIN_NUM_FORMS": "0", "indicators-MAX_NUM_FORMS": "1000"}
    for n, row in enumerate(rows):
        data |= {f"indicators-{n}-{key}": _value(value) for key, value in row.items() if key != "delete"}
        data[f"indicators-{n}-project"] = str(item.pk)
        if row.get("delete"):
            data[f"indicators-{n}-DELETE"] = "on"
    return data | {k: _value(v) for k, v in changes.items()}


def test_before_any_report_the_admin_still_moves_a_project_to_another_year(seeded, admin_client):
    equipment = project(1)
    response = admin_client.post(reverse("admin:projects_project_change", args=[equipment.pk]),
                                 project_form(equipment, year=2027))
    assert response.status_code == 302
    assert total_2026() == Decimal("1381.70")


def test_a_reported_project_cannot_be_moved_to_another_year(reported, admin_client):
    equipment = project(1)
    change = reverse("admin:projects_project_change", args=[equipment.pk])
    assert 'name="year"' not in admin_client.get(change).content.decode()
    admin_client.post(change, project_form(equipment, year=2027))
    assert Project.objects.get(pk=equipment.pk).year == 2026
    assert total_2026() == Decimal("1386.30")


def test_the_history_revert_cannot_move_it_either(reported, admin_client):
    equipment = project(1)
    old = equipment.history.earliest()
    Project.history.filter(pk=old.pk).update(year=2027)
    revert = reverse("admin:projects_project_simple_history", args=[equipment.pk, old.history_id])
    page = admin_client.post(revert, project_form(equipment, indicators=[], year=2027)
                             | {"indicators-INITIAL_FORMS": "0"}).content.decode()
    assert f"{REFUSED}，项目不能移到其他部门或年度。" in page
    assert total_2026() == Decimal("1386.30")


def test_a_project_cannot_be_added_to_a_reported_year(reported, admin_client):
    data = project_form(project(1), indicators=[], seq=16, name="新项目", budget="5.00", own_level="5.00",
                        transfer="0.00") | {"indicators-INITIAL_FORMS": "0"}
    page = admin_client.post(reverse("admin:projects_project_add"), data).content.decode()
    assert f"{REFUSED}，不能再新增项目" in page
    assert total_2026() == Decimal("1386.30")


def test_the_history_revert_cannot_restore_an_old_budget(reported, admin_client):
    equipment = project(1)
    old = equipment.history.earliest()
    Project.objects.filter(pk=equipment.pk).update(budget=Decimal("50.00"), own_level=Decimal("50.00"))
    Project.history.filter(pk=old.pk).update(budget=Decimal("1.01"), own_level=Decimal("1.01"))
    revert = reverse("admin:projects_project_simple_history", args=[equipment.pk, old.history_id])
    page = admin_client.post(revert, project_form(equipment, indicators=[])
                             | {"indicators-INITIAL_FORMS": "0"}).content.decode()
    assert f"{REFUSED}：预算金额、本级支出不能直接修改" in page
    assert Project.objects.get(pk=equipment.pk).budget == Decimal("50.00")
    assert not BudgetAdjustment.objects.exists()


def post_with_a_new_indicator(client, equipment: Project):
    rows = [{"id": i.pk, **{name: getattr(i, name) for name in INDICATOR_FIELDS}} for i in equipment.indicators.all()]
    rows.append({"order": 9, "name": "新增指标", "operator": "", "target_text": "", "target_value": "", "unit": "",
                 "level1": "效益指标", "level2": "社会效益指标", "basis": "定性", "weight": ""})
    return client.post(reverse("admin:projects_project_change", args=[equipment.pk]),
                       project_form(equipment, indicators=rows))


def test_before_any_report_an_indicator_is_added_inline(seeded, admin_client):
    assert post_with_a_new_indicator(admin_client, project(1)).status_code == 302
    assert project(1).indicators.filter(name="新增指标").exists()


def test_an_indicator_cannot_be_added_to_a_reported_project_inline(reported, admin_client):
    post_with_a_new_indicator(admin_client, project(1))
    assert not project(1).indicators.filter(name="新增指标").exists()


def test_an_indicator_cannot_be_added_on_its_own_page_either(reported, admin_client):
    data = {"project": project(1).pk, "order": 9, "name": "新增指标", "operator": "≥", "target_text": "3",
            "target_value": "3", "unit": "次", "level1": "产出指标", "level2": "数量指标", "basis": "累计", "weight": ""}
    page = admin_client.post(reverse("admin:projects_indicator_add"), data).content.decode()
    assert f"{REFUSED}，不能再新增指标" in page
    assert not Indicator.objects.filter(name="新增指标").exists()


def test_an_indicator_cannot_be_deleted_inline_from_a_reported_project(reported, admin_client):
    equipment = project(1)
    rows = [{"id": i.pk, **{name: getattr(i, name) for name in INDICATOR_FIELDS}} for i in equipment.indicators.all()]
    rows[0]["delete"] = True
    admin_client.post(reverse("admin:projects_project_change", args=[equipment.pk]), project_form(equipment,
                                                                                                   indicators=rows))
    assert equipment.indicators.count() == 5


def test_the_delete_pages_refuse_a_reported_project_and_its_indicators(reported, admin_client):
    equipment = project(1)
    first = equipment.indicators.first()
    response = admin_client.post(reverse("admin:projects_indicator_delete", args=[first.pk]), {"post": "yes"},
                                 follow=True)
    assert f"{REFUSED}，指标不能删除" in response.content.decode()
    response = admin_client.post(reverse("admin:projects_project_delete", args=[equipment.pk]), {"post": "yes"},
                                 follow=True)
    assert f"{REFUSED}，项目不能删除" in response.content.decode()
    assert (Indicator.objects.filter(pk=first.pk).exists(), total_2026()) == (True, Decimal("1386.30"))


def test_an_indicator_cannot_be_moved_to_another_project(reported, admin_client):
    first = project(1).indicators.first()
    old = first.history.earliest()
    Indicator.history.filter(pk=old.pk).update(project=project(15))
    data = {name: _value(getattr(first, name)) for name in INDICATOR_FIELDS} | {"project": project(15).pk}
    revert = reverse("admin:projects_indicator_simple_history", args=[first.pk, old.history_id])
    page = admin_client.post(revert, data).content.decode()
    assert f"{REFUSED}，指标不能移到其他项目。" in page
    assert Indicator.objects.get(pk=first.pk).project_id == project(1).pk


def test_the_service_itself_refuses_whoever_calls_it(reported):
    equipment = project(1)
    equipment.budget, equipment.own_level = Decimal("1.01"), Decimal("1.01")
    with pytest.raises(DomainError, match="预算金额、本级支出不能直接修改"):
        save_project(project=equipment)
    line = project(2).indicators.get(name="培训人数")
    line.target_text, line.target_value = "150", Decimal("150")
    with pytest.raises(DomainError, match="年度目标值不能直接修改"):
        save_indicator(indicator=line)
    with pytest.raises(DomainError, match="项目不能删除"):
        delete_project(project=project(15))
    assert (total_2026(), IndicatorAdjustment.objects.count()) == (Decimal("1386.30"), 0)


def test_texts_still_change_in_place_after_reports(reported, admin_client):
    equipment = project(1)
    response = admin_client.post(reverse("admin:projects_project_change", args=[equipment.pk]),
                                 project_form(equipment, name="设备购置经费（更正）"))
    assert response.status_code == 302
    assert project(1).name == "设备购置经费（更正）"
