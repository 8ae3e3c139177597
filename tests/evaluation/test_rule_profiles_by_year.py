"""Each budget year is scored by its own rule profile (DOMAIN §10), kept in the database and edited by an admin.

One project per year with a budget of 10 万元 fully spent (10 points) and one 反向 line 投诉件数 ≤ 5 件 reported at 6:
the line carries all 90 indicator points, so it scores 90 × 5/6 = 75.00 under `target/actual` and 90 × 0.8 = 72.00
under `1 − (A − T)/T`.
"""
import datetime
from decimal import Decimal

import pytest

from core.errors import DomainError
from indicators.models import ExpenditureReport, IndicatorReport
from indicators.selectors.evaluation import evaluate, evaluate_project
from indicators.selectors.rule_settings import read_once
from projects.choices import ReviewAction, ReverseFormula
from projects.models import Indicator, Project, RuleProfile
from projects.services.review_states import lock_state, record_transition
from projects.services.rule_profiles import delete_rule_profile, save_rule_profile

D = Decimal
AS_OF = datetime.date(2026, 12, 31)


def year_project(department, finance, year: int) -> Project:
    project = Project.objects.create(department=department, year=year, seq=1, name="妇女维权服务",
                                     budget=D("10.00"), own_level=D("10.00"), transfer=D("0.00"))
    line = Indicator.objects.create(project=project, order=1, name="投诉件数", operator="≤", target_text="5",
                                    target_value=D(5), unit="件", level1="产出指标", level2="数量指标", basis="时点")
    IndicatorReport.objects.create(indicator=line, value=D(6), as_of=datetime.date(year, 12, 1), entered_by=finance)
    ExpenditureReport.objects.create(project=project, amount=D("10.00"), as_of=datetime.date(year, 12, 1),
                                     entered_by=finance)
    return project


def scored(project: Project):
    evaluation = evaluate_project(project=project, as_of=datetime.date(project.year, 12, 31))
    return evaluation.indicators[0].score.points, evaluation.total, evaluation.grade


@pytest.fixture
def in_2026(department, finance):
    return year_project(department, finance, 2026)


@pytest.fixture
def in_2027(department, finance):
    return year_project(department, finance, 2027)


def test_a_year_without_a_profile_is_scored_by_the_built_in_one(in_2026):
    assert not RuleProfile.objects.exists()
    assert scored(in_2026) == (D("75.00"), D("85.00"), "良")


def test_the_provincial_reverse_formula_scores_t5_a6_at_eight_tenths_of_the_points(in_2026):
    save_rule_profile(profile=RuleProfile(year=2026, reverse_formula=ReverseFormula.ONE_MINUS_EXCESS))
    assert scored(in_2026) == (D("72.00"), D("82.00"), "良")
    # … and back to target/actual: 5/6 of 90.
    profile = RuleProfile.objects.get(year=2026)
    profile.reverse_formula = ReverseFormula.TARGET_OVER_ACTUAL
    save_rule_profile(profile=profile)
    assert scored(in_2026) == (D("75.00"), D("85.00"), "良")


def test_bands_from_80_grade_85_as_excellent(in_2026):
    save_rule_profile(profile=RuleProfile(year=2026, excellent_from=D(80), good_from=D(70), fair_from=D(60)))
    assert scored(in_2026) == (D("75.00"), D("85.00"), "优")


def test_changing_2027s_profile_leaves_2026s_scores_as_they_were(in_2026, in_2027):
    before = scored(in_2026)
    save_rule_profile(profile=RuleProfile(year=2027, reverse_formula=ReverseFormula.ONE_MINUS_EXCESS,
                                          excellent_from=D(80), good_from=D(70)))
    assert scored(in_2027) == (D("72.00"), D("82.00"), "优")
    assert scored(in_2026) == before == (D("75.00"), D("85.00"), "良")


def test_class_and_budget_points_come_from_the_years_profile(in_2026):
    save_rule_profile(profile=RuleProfile(year=2026, budget_points=D(20), output_points=D(40)))
    # 产出 is the only class present: it takes all 80 indicator points; 80 × 5/6 = 66.67; budget 20.
    assert scored(in_2026) == (D("66.67"), D("86.67"), "良")


def test_points_summing_to_110_are_refused_and_nothing_is_stored(db):
    with pytest.raises(DomainError) as refused:
        save_rule_profile(profile=RuleProfile(year=2026, budget_points=D(20)))
    assert str(refused.value) == "预算执行率与各一级指标的分值合计应为 100 分，现为 110 分（20 + 50 + 0 + 30 + 10）"
    assert not RuleProfile.objects.exists()


@pytest.mark.parametrize("changes, message", [
    ({"excellent_from": D(70)}, "等级线应为 100 ≥ 优 > 良 > 中 > 0"),
    ({"green_ratio": D("0.5")}, "监控的绿灯线应高于黄灯线，且都大于 0"),
    ({"partial_default": D(85)}, "定性「部分达成」的默认得分率应在该档次的区间内"),
    ({"cost_points": D(10), "output_points": D(40)}, "成本指标只在 101 号指标体系中是一级指标"),
    ({"over_achievement_factor": D("0.9")}, "超额完成警示线应大于 1"),
])
def test_bands_out_of_order_are_refused(db, changes, message):
    with pytest.raises(DomainError) as refused:
        save_rule_profile(profile=RuleProfile(year=2026, **changes))
    assert message in str(refused.value)


def submit(project: Project, user) -> None:
    locked, review = lock_state(project)
    record_transition(project=locked, review=review, action=ReviewAction.SUBMIT, user=user)


FROZEN = "2026 年已有 1 个项目的自评已送审或已审核，该年度的评分规则已冻结，不能修改或删除；如确需修改，请先将这些项目退回。"


def test_a_profile_is_frozen_once_a_project_of_its_year_is_submitted(in_2026, in_2027, finance):
    save_rule_profile(profile=RuleProfile(year=2026))
    submit(in_2026, finance)
    profile = RuleProfile.objects.get(year=2026)
    profile.reverse_formula = ReverseFormula.ONE_MINUS_EXCESS
    with pytest.raises(DomainError) as refused:
        save_rule_profile(profile=profile)
    assert str(refused.value) == FROZEN
    with pytest.raises(DomainError):
        delete_rule_profile(profile=profile)
    with pytest.raises(DomainError):  # nor moved to another year, nor a frozen year given a new row
        save_rule_profile(profile=RuleProfile(year=2026, id=None, excellent_from=D(85)))
    assert RuleProfile.objects.get(year=2026).reverse_formula == ReverseFormula.TARGET_OVER_ACTUAL
    assert scored(in_2026) == (D("75.00"), D("85.00"), "良")
    save_rule_profile(profile=RuleProfile(year=2027, excellent_from=D(80), good_from=D(70)))  # 2027 is open
    assert scored(in_2027)[2] == "优"


def test_the_evaluation_reads_the_profile_in_one_query_and_a_request_reads_it_once(
        in_2026, django_assert_num_queries):
    save_rule_profile(profile=RuleProfile(year=2026, excellent_from=D(80), good_from=D(70)))
    # the profile, projects, indicators, reports, expenditures, notes, two kinds of adjustments
    with django_assert_num_queries(8):
        assert evaluate(year=2026, as_of=AS_OF).projects[0].grade == "优"
    with read_once():
        evaluate(year=2026, as_of=AS_OF)
        with django_assert_num_queries(7):  # the profile is not read again within the request
            assert evaluate(year=2026, as_of=AS_OF).projects[0].grade == "优"


# --- The admin ---------------------------------------------------------------------------------------------------

FORM = {
    "year": "2026", "framework": "10号", "weighting": "class", "budget_points": "10", "output_points": "50",
    "cost_points": "0", "benefit_points": "30", "satisfaction_points": "10", "reverse_formula": "target/actual",
    "over_achievement_factor": "1.2", "excellent_from": "90", "good_from": "80", "fair_from": "60",
    "achieved_from": "80", "achieved_default": "100", "partial_from": "60", "partial_default": "70",
    "failed_default": "30", "bounded_rate_words": "满意度、合格率", "green_ratio": "0.8", "yellow_ratio": "0.6",
}


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_admin_adds_a_profile_and_the_year_is_scored_by_it(admin_client, in_2026):
    response = admin_client.post("/admin/projects/ruleprofile/add/", {**FORM, "excellent_from": "80", "good_from": "70"})
    assert response.status_code == 302
    assert RuleProfile.objects.get(year=2026).bounded_words == ("满意度", "合格率")
    assert scored(in_2026)[2] == "优"


def test_the_admin_shows_why_points_summing_to_110_are_refused(admin_client, db):
    page = admin_client.post("/admin/projects/ruleprofile/add/", {**FORM, "budget_points": "20"}).content.decode()
    assert "预算执行率与各一级指标的分值合计应为 100 分，现为 110 分" in page
    assert not RuleProfile.objects.exists()


def test_the_admin_shows_a_frozen_profile_read_only_with_the_reason(admin_client, in_2026, finance):
    save_rule_profile(profile=RuleProfile(year=2026))
    submit(in_2026, finance)
    profile = RuleProfile.objects.get(year=2026)
    page = admin_client.get(f"/admin/projects/ruleprofile/{profile.pk}/change/").content.decode()
    assert FROZEN in page
    response = admin_client.post(f"/admin/projects/ruleprofile/{profile.pk}/change/",
                                 {**FORM, "reverse_formula": "1-(actual-target)/target"})
    assert response.status_code == 403
    assert RuleProfile.objects.get(year=2026).reverse_formula == "target/actual"
