"""The year's framework at import (DOMAIN §2, §10): classes inferred under it and marked 推断 until a person confirms
them; printed classes kept, or refused by row and column when the framework does not have them."""
import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.management import call_command

from core.errors import DomainError
from indicators.selectors.evaluation import evaluate
from projects.importing import ImportRefused, check_plan, parse_table, plan_import, read_rows
from projects.models import Indicator, Project, RuleProfile
from projects.services.classes import confirm_classes
from projects.services.rule_profiles import save_rule_profile
from tests.conftest import DEPARTMENT_NAME, SEED, project

D = Decimal


def import_year(year: int) -> None:
    call_command("import_targets", str(SEED), department=DEPARTMENT_NAME, year=year, verbosity=0)


def test_the_seed_imports_as_before_with_every_class_marked_inferred(seeded):
    projects = Project.objects.filter(year=2026)
    assert projects.count() == 15 and Indicator.objects.count() == 85
    assert sum((p.budget for p in projects), D(0)) == D("1386.30")
    assert Indicator.objects.filter(classes_inferred=True).count() == 85
    assert set(Indicator.objects.values_list("level1", flat=True)) == {"产出指标", "效益指标", "满意度指标"}
    allowance = Indicator.objects.get(project__seq=3, name="补贴人均标准")
    assert (allowance.level1, allowance.level2) == ("产出指标", "成本指标")


def test_a_101_year_infers_cost_lines_as_first_level_cost_and_scores_them_by_its_cost_points(department):
    save_rule_profile(profile=RuleProfile(year=2027, framework="101号", output_points=D(40), cost_points=D(10)))
    import_year(2027)
    allowance = Indicator.objects.get(project__year=2027, project__seq=3, name="补贴人均标准")
    assert (allowance.level1, allowance.level2, allowance.classes_inferred) == ("成本指标", "经济成本指标", True)
    fees = Indicator.objects.filter(project__year=2027, name="物业管理费")
    assert {(i.level1, i.level2) for i in fees} == {("成本指标", "经济成本指标")}
    # Project 3's lines: the cost line alone in its class takes the 10 cost points.
    evaluation = evaluate(year=2027, as_of=datetime.date(2027, 12, 31), project_ids=[project(3, 2027).pk])
    line = next(i for i in evaluation.projects[0].indicators if i.indicator.name == "补贴人均标准")
    assert line.score.points_possible == D("10.00")
    assert sum((i.score.points_possible for i in evaluation.projects[0].indicators), D(0)) == D("90.00")


def printed(table, level1: str, level2: str):
    """The table as if it printed these classes on its first line."""
    first = table.projects[0]
    line = replace(first.indicators[0], level1=level1, level2=level2, classes_inferred=False)
    return replace(table, projects=(replace(first, indicators=(line, *first.indicators[1:])), *table.projects[1:]))


@pytest.fixture
def table():
    return parse_table(read_rows(SEED.read_bytes(), filename=SEED.name))


def test_printed_classes_of_the_framework_are_kept_as_printed(department, table):
    plan = plan_import(printed(table, "效益指标", "社会效益指标"), department=department, year=2026)
    check_plan(plan)
    line = plan.indicators[0].parsed
    assert (line.level1, line.level2, line.classes_inferred) == ("效益指标", "社会效益指标", False)


def test_printed_classes_outside_the_years_framework_are_refused_by_row_and_column(department, table):
    plan = plan_import(printed(table, "成本指标", "经济成本指标"), department=department, year=2026)
    with pytest.raises(ImportRefused) as refused:
        check_plan(plan)
    assert str(refused.value).startswith("导入被拒绝：以下指标的一级、二级指标不属于本年度评分规则的指标体系，未作任何改动。")
    assert refused.value.changes == [
        "第 7 行「一级指标」：一级指标「成本指标」不属于本年度的指标体系（10号：产出指标、效益指标、满意度指标）"]
    save_rule_profile(profile=RuleProfile(year=2027, framework="101号", output_points=D(40), cost_points=D(10)))
    plan = plan_import(printed(table, "产出指标", "成本指标"), department=department, year=2027)
    with pytest.raises(ImportRefused) as refused:
        check_plan(plan)
    assert refused.value.changes == [
        "第 7 行「二级指标」：二级指标「成本指标」不属于一级指标「产出指标」（101号：数量指标、质量指标、时效指标）"]
    assert not Indicator.objects.exists()


# --- Confirming the inferred classes -------------------------------------------------------------------------------


def test_finance_confirms_every_inferred_class_of_a_project_from_its_page(client, seeded, finance):
    client.force_login(finance)
    first = project(1)
    page = client.get(f"/projects/{first.pk}/").content.decode()
    assert "5 条指标的一级、二级分类是导入时按指标名称推断的（标有「推断」），请核对" in page
    assert page.count('<span class="badge inferred"') == 5
    response = client.post(f"/projects/{first.pk}/confirm-classes/", follow=True)
    page = response.content.decode()
    assert "已确认 5 条指标的一级、二级分类。" in page
    assert 'id="inferred-classes"' not in page and 'class="badge inferred"' not in page
    assert not first.indicators.filter(classes_inferred=True).exists()
    assert Indicator.objects.filter(classes_inferred=True).count() == 85 - 5  # other projects still wait
    changed = first.indicators.get(order=1).history.first()
    assert (changed.history_user, changed.history_change_reason) == (finance, "确认导入时推断的指标分类")


def test_a_manager_sees_the_mark_but_may_not_confirm(client, seeded, manager):
    client.force_login(manager)
    first = project(1)
    page = client.get(f"/projects/{first.pk}/").content.decode()
    assert 'id="inferred-classes"' in page and 'id="confirm-classes"' not in page
    assert client.post(f"/projects/{first.pk}/confirm-classes/").status_code == 403
    assert first.indicators.filter(classes_inferred=True).count() == 5
    with pytest.raises(DomainError):
        confirm_classes(project=first, user=manager)


def test_an_admin_confirms_through_the_same_service(seeded, admin_user):
    assert confirm_classes(project=project(2), user=admin_user) == project(2).indicators.count()
    assert confirm_classes(project=project(2), user=admin_user) == 0
