"""generate_demo: the same arguments give the same rows, shaped like the published 2026 table."""
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from indicators import rules
from indicators.demo_data import GENERATOR_USERNAME, plan_departments, projects_per_department, seed_projects
from indicators.models import ExpenditureReport, IndicatorReport, MonitoringNote
from projects.models import Department, Indicator, Project

# The seed table (DOMAIN §1): 15 projects, 85 indicators; operators ≥ 61, ≤ 4, = 8, blank 12.
SEED_OPERATORS = {"≥": 61, "≤": 4, "=": 8, "": 12}


def plan(**kwargs):
    return list(plan_departments(**kwargs))


def snapshot_of_plan(departments):
    """Every generated row by its natural key, as the plan says."""
    rows = []
    for dept in departments:
        for p in dept.projects:
            rows.append((dept.code, p.seq, p.name, p.budget, p.own_level, p.transfer))
            for i in p.indicators:
                rows.append((dept.code, p.seq, i.order, i.operator, i.target_text, i.target_value, i.unit, i.level1,
                             i.level2))
                rows += [(dept.code, p.seq, i.order, r.as_of, r.value, r.tier, r.tier_percent) for r in i.reports]
            rows += [(dept.code, p.seq, as_of, amount) for as_of, amount in p.expenditures]
    return sorted(rows, key=repr)


def snapshot_of_database():
    rows = [(p.department.code, p.seq, p.name, p.budget, p.own_level, p.transfer)
            for p in Project.objects.select_related("department")]
    for i in Indicator.objects.select_related("project__department"):
        rows.append((i.project.department.code, i.project.seq, i.order, i.operator, i.target_text, i.target_value,
                     i.unit, i.level1, i.level2))
    for r in IndicatorReport.objects.select_related("indicator__project__department"):
        p = r.indicator.project
        rows.append((p.department.code, p.seq, r.indicator.order, r.as_of, r.value, r.tier, r.tier_percent))
    for e in ExpenditureReport.objects.select_related("project__department"):
        rows.append((e.project.department.code, e.project.seq, e.as_of, e.amount))
    return sorted(rows, key=repr)


def test_the_same_seed_plans_the_same_rows_and_another_seed_other_ones():
    first = plan(departments=3, projects=45, seed=7)
    assert first == plan(departments=3, projects=45, seed=7)
    assert snapshot_of_plan(first) != snapshot_of_plan(plan(departments=3, projects=45, seed=8))


def test_a_department_is_the_same_whatever_the_number_generated_after_it():
    two = plan(departments=2, projects=30, seed=1)
    five = plan(departments=5, projects=75, seed=1)
    assert two == five[:2]


def test_projects_are_spread_evenly_the_first_departments_taking_the_remainder():
    assert projects_per_department(departments=3, projects=40) == [14, 13, 13]
    assert [len(d.projects) for d in plan(departments=3, projects=40, seed=1)] == [14, 13, 13]
    assert [p.seq for p in plan(departments=3, projects=40, seed=1)[1].projects] == list(range(1, 14))


def test_fifteen_projects_copy_the_seed_table_operators_units_and_indicator_counts():
    (department,) = plan(departments=1, projects=15, seed=3)
    seed = seed_projects()
    assert [len(p.indicators) for p in department.projects] == [len(p.indicators) for p in seed]
    assert sum(len(p.indicators) for p in department.projects) == 85
    operators = Counter(i.operator for p in department.projects for i in p.indicators)
    assert operators == SEED_OPERATORS
    assert [(i.name, i.unit) for p in department.projects for i in p.indicators] == [
        (i.name, i.unit) for p in seed for i in p.indicators
    ]


def test_classes_are_the_ones_the_rules_infer():
    (department,) = plan(departments=1, projects=15, seed=3)
    for p in department.projects:
        for i in p.indicators:
            level1, level2 = rules.infer_classes(name=i.name, operator=i.operator, unit=i.unit)
            assert (i.level1, i.level2) == (level1.value, level2.value)


def test_the_operator_mix_stays_within_the_tables_bounds_for_any_count():
    departments = plan(departments=7, projects=100, seed=11)  # not a multiple of 15
    operators = Counter(i.operator for d in departments for p in d.projects for i in p.indicators)
    total = sum(operators.values())
    assert 0.70 <= operators["≥"] / total <= 0.74  # the table: 71.8 %
    assert 0.03 <= operators["≤"] / total <= 0.06  # 4.7 %
    assert 0.08 <= operators["="] / total <= 0.11  # 9.4 %
    assert 0.12 <= operators[""] / total <= 0.16  # 14.1 %


def test_budgets_split_into_own_level_and_transfer_and_targets_match_their_text():
    departments = plan(departments=4, projects=60, seed=5)
    projects = [p for d in departments for p in d.projects]
    assert all(p.budget == p.own_level + p.transfer and p.budget > 0 for p in projects)
    assert any(p.transfer > 0 for p in projects)
    for p in projects:
        for i in p.indicators:
            if i.operator and "%" not in i.unit and i.target_text.replace(".", "").isdigit():
                assert Decimal(i.target_text) == i.target_value


def test_about_seventy_percent_of_indicators_and_most_projects_are_reported():
    departments = plan(departments=10, projects=150, seed=9)
    indicators = [i for d in departments for p in d.projects for i in p.indicators]
    reported = sum(1 for i in indicators if i.reports)
    assert 0.62 <= reported / len(indicators) <= 0.78
    projects = [p for d in departments for p in d.projects]
    assert 0.82 <= sum(1 for p in projects if p.expenditures) / len(projects) <= 0.97
    qualitative = [r for i in indicators for r in i.reports if r.tier]
    assert qualitative and all(r.value is None and r.tier_percent in (100, 70, 30) for r in qualitative)


@pytest.mark.django_db
def test_the_command_writes_exactly_the_planned_rows(capsys):
    call_command("generate_demo", departments=2, projects=30, seed=4)
    assert snapshot_of_database() == snapshot_of_plan(plan(departments=2, projects=30, seed=4))
    assert capsys.readouterr().out.startswith("已生成 2026 年演示数据：部门 2 个、项目 30 个、指标 170 个")


@pytest.mark.django_db
def test_the_command_counts_match_the_seed_table_twice_over():
    call_command("generate_demo", departments=2, projects=30, seed=4, verbosity=0)
    assert Department.objects.count() == 2 and Project.objects.count() == 30 and Indicator.objects.count() == 170
    operators = Counter(Indicator.objects.values_list("operator", flat=True))
    assert operators == {op: 2 * n for op, n in SEED_OPERATORS.items()}
    assert set(Department.objects.values_list("name", flat=True)) == {"海曙区妇女联合会", "江北区妇女联合会"}
    reporters = {r.entered_by.username for r in IndicatorReport.objects.select_related("entered_by")}
    assert reporters == {GENERATOR_USERNAME}
    assert ExpenditureReport.objects.exists() and MonitoringNote.objects.exists()


@pytest.mark.django_db
def test_a_second_generation_in_the_same_database_is_refused():
    call_command("generate_demo", departments=1, projects=15, seed=1, verbosity=0)
    with pytest.raises(CommandError, match="数据库中已有演示部门"):
        call_command("generate_demo", departments=1, projects=15, seed=2, verbosity=0)
    assert Project.objects.count() == 15


@pytest.mark.django_db
def test_fewer_projects_than_departments_is_refused():
    with pytest.raises(CommandError, match="项目总数不能少于部门数"):
        call_command("generate_demo", departments=3, projects=2, seed=1, verbosity=0)
    assert not Department.objects.exists()
