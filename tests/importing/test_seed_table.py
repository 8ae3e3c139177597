"""The published 2026 table of 宁波市妇女联合会 imports with every fact of DOMAIN §1 intact."""
from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Sum

from projects.models import Department, Indicator, Project
from tests.conftest import DEPARTMENT_NAME, SEED
from tests.importing.helpers import counts, run_import, snapshot

pytestmark = pytest.mark.django_db


def indicator(seq: int, name: str) -> Indicator:
    return Indicator.objects.get(project__seq=seq, project__year=2026, name=name)


def test_it_prints_a_one_line_summary_of_what_it_created():
    out = run_import(SEED)
    assert out.strip() == "宁波市妇女联合会 2026 年：新建项目 15 个、指标 85 个；更新 0；未变 0。"


def test_it_imports_15_projects_and_85_indicators():
    run_import(SEED)
    assert Project.objects.filter(year=2026, department__name=DEPARTMENT_NAME).count() == 15
    assert Indicator.objects.count() == 85
    assert list(Project.objects.values_list("seq", flat=True)) == list(range(1, 16))
    assert [p.indicators.count() for p in Project.objects.all()] == [5, 5, 5, 6, 10, 5, 5, 5, 6, 6, 5, 6, 5, 6, 5]


def test_budget_totals_match_the_published_total():
    run_import(SEED)
    totals = Project.objects.aggregate(budget=Sum("budget"), own=Sum("own_level"), transfer=Sum("transfer"))
    assert totals == {"budget": Decimal("1386.30"), "own": Decimal("1386.30"), "transfer": Decimal("0.00")}


def test_operators_are_stored_as_canonical_symbols():
    run_import(SEED)
    assert Counter(Indicator.objects.values_list("operator", flat=True)) == {"≥": 61, "≤": 4, "=": 8, "": 12}


def test_classes_are_inferred_by_the_rules_of_domain_2():
    run_import(SEED)
    assert Counter(Indicator.objects.values_list("level2", flat=True)) == {
        "数量指标": 34, "时效指标": 14, "质量指标": 4, "成本指标": 5,
        "社会效益指标": 12, "可持续影响指标": 3, "服务对象满意度指标": 13,
    }
    assert Counter(Indicator.objects.values_list("level1", flat=True)) == {"产出指标": 57, "效益指标": 15, "满意度指标": 13}


def test_text_is_kept_byte_for_byte_typos_included():
    run_import(SEED)
    typo = indicator(8, "优化建设中帼共富工坊个数")
    assert (typo.order, typo.operator, typo.target_text, typo.target_value, typo.unit) == (
        1, "≥", "30", Decimal("30"), "个"
    )
    project8 = Project.objects.get(seq=8)
    assert project8.name == "双学双比专项经费"
    assert project8.annual_goal.startswith("推动实施乡村振兴巾帼行动")
    assert project8.livelihood_standard == ""
    assert Project.objects.get(seq=14).name == "“三八”系列庆祝活动及宣传经费"


def test_a_target_written_with_its_percent_sign_keeps_the_text_and_stores_the_number():
    run_import(SEED)
    rate = indicator(5, "教师流失率")
    assert (rate.operator, rate.target_text, rate.target_value, rate.unit) == ("≤", "5%", Decimal("5"), "%")
    assert (rate.level1, rate.level2) == ("产出指标", "质量指标")


def test_a_qualitative_indicator_has_its_text_and_no_number():
    run_import(SEED)
    care = indicator(3, "进一步关心关爱困难全国三八红旗手")
    assert (care.order, care.operator, care.target_text, care.target_value, care.unit) == (3, "", "持续关心", None, "")
    assert (care.level1, care.level2) == ("效益指标", "社会效益指标")
    assert Indicator.objects.filter(operator="", target_text="进一步提升").count() == 11


def test_units_with_slashes_and_large_targets_are_kept():
    run_import(SEED)
    fee = indicator(9, "物业管理费")
    assert (fee.operator, fee.target_value, fee.unit, fee.level2) == ("≤", Decimal("13.5"), "元/平方米/月", "成本指标")
    total = indicator(12, "公益服务或受益对象总数")
    assert (total.target_text, total.target_value, total.unit) == ("500000", Decimal("500000"), "个")
    assert indicator(15, "公众号粉丝量").unit == "万个"
    assert indicator(4, "妇女思想引领教育覆盖人数").unit == "万人"


def test_project_cells_are_stored_in_full():
    run_import(SEED)
    first = Project.objects.get(seq=1)
    assert (first.name, first.budget, first.own_level, first.transfer) == (
        "设备购置经费", Decimal("4.60"), Decimal("4.60"), Decimal("0.00")
    )
    assert first.overview.startswith("办公设备超过使用年限及出现故障,效能低下")
    assert first.annual_goal.endswith("提高工作效率。")


def test_the_department_is_created_when_it_does_not_exist():
    run_import(SEED)
    department = Department.objects.get(name=DEPARTMENT_NAME)
    assert department.code == DEPARTMENT_NAME  # slugify keeps the Chinese name (allow_unicode)


def test_an_existing_department_is_found_by_its_code(department):
    run_import(SEED, department="nbfl")
    assert Department.objects.count() == 1
    assert department.projects.count() == 15


def test_a_dry_run_writes_nothing_and_says_so():
    out = run_import(SEED, dry_run=True)
    assert out.startswith("【试运行，未写入数据库】宁波市妇女联合会 2026 年：新建项目 15 个、指标 85 个")
    assert counts() == (0, 0, 0)


def test_the_first_import_takes_a_fixed_number_of_queries(department, django_assert_max_num_queries):
    with django_assert_max_num_queries(20 + 10):  # + the new projects' stored results (issue #21): dates, profile, 7, upsert
        run_import(SEED)
    assert len(snapshot()) == 15
