"""评分规则 (/rules/<year>/, DOMAIN §10): every role reads the year's rule profile explained, with its own numbers."""
import re
from decimal import Decimal

import pytest

from projects.choices import ReverseFormula
from projects.models import RuleProfile
from projects.services.rule_profiles import save_rule_profile
from tests.dashboard.helpers import table
from tests.pages.conftest import ROLES

D = Decimal


def text(html: str) -> str:
    main = html[html.index("<main"):html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&lt;", "<").replace("&gt;", ">")


def rows(html: str, anchor: str) -> list[list[str]]:
    return table(html, f"rules-{anchor}")["tbody"]


@pytest.fixture
def profile_2026(db):
    return save_rule_profile(profile=RuleProfile(
        year=2026, budget_points=D(20), output_points=D(40), reverse_formula=ReverseFormula.ONE_MINUS_EXCESS,
        excellent_from=D(80), good_from=D(70), green_ratio=D("0.9"), yellow_ratio=D("0.7"),
        over_achievement_factor=D("1.5"), partial_default=D(65), bounded_rate_words="满意度、合格率",
    ))


@pytest.mark.parametrize("who", ROLES)
def test_every_role_reads_the_rules_from_the_navigation(request, client, who):
    client.force_login(request.getfixturevalue(who))
    home = client.get("/help/").content.decode()
    assert '<a href="/rules/">评分规则</a>' in home
    response = client.get("/rules/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/rules/20")
    assert "评分规则" in response.content.decode()


def test_a_year_without_a_profile_explains_the_built_in_rules(client, manager):
    client.force_login(manager)
    html = client.get("/rules/2027/").content.decode()
    page = text(html)
    assert "本年度没有单独设置评分规则，按系统默认规则（财预〔2020〕10号）计分和监控。" in page
    assert rows(html, "points") == [["预算执行率", "10 分"], ["产出指标", "50 分"], ["效益指标", "30 分"],
                                    ["满意度指标", "10 分"], ["合计（满分）", "100 分"]]
    assert "例：产出指标 50 分、有 3 条产出指标时，各为 16.67、16.67、16.66 分。" in page
    assert "产出指标 75.00 分、满意度指标 15.00 分" in page
    assert "完成比率 = 目标值 ÷ 完成值。例：目标 ≤ 5 件、完成 6 件，完成比率 83.33%" in page
    assert rows(html, "grades") == [["优", "90 分及以上"], ["良", "80 分及以上、低于 90 分"],
                                    ["中", "60 分及以上、低于 80 分"], ["差", "低于 60 分"]]
    assert rows(html, "tiers")[1] == ["部分达成年度指标并具有一定效果", "60% 至 80%（不含），默认 70%"]
    assert "超过目标值的 120%" in page
    assert rows(html, "monitoring")[0] == ["绿灯（正常）", "完成进度 ÷ 序时进度 ≥ 80%"]


def test_the_years_own_profile_is_what_the_page_explains(client, auditor, profile_2026):
    client.force_login(auditor)
    html = client.get("/rules/2026/").content.decode()
    page = text(html)
    assert "本年度的评分规则由管理员设置" in page
    assert rows(html, "points")[:2] == [["预算执行率", "20 分"], ["产出指标", "40 分"]]
    assert "例：产出指标 40 分、有 3 条产出指标时，各为 13.34、13.33、13.33 分。" in page
    assert "例：分值 20 分、执行 85% 时得 17.00 分。" in page
    assert ("完成比率 = 1 −（完成值 − 目标值）÷ 目标值，最低为 0。例：目标 ≤ 5 件、完成 6 件，完成比率 80%"
            in page)
    assert rows(html, "grades")[0] == ["优", "80 分及以上"]
    assert rows(html, "tiers")[1] == ["部分达成年度指标并具有一定效果", "60% 至 80%（不含），默认 65%"]
    assert "超过目标值的 150%" in page
    assert "完成值不能超过 100%：满意度、合格率。" in page
    assert rows(html, "monitoring")[1] == ["黄灯（预警）", "70% 至 90%（不含）"]


def test_the_page_takes_a_fixed_number_of_queries(client, finance, profile_2026, django_assert_num_queries):
    client.force_login(finance)
    # the user (the session from the cache: cached_db), the user's groups (the navigation's role), the navigation
    # badge; the year's rule profile; whether a project of the year is submitted (the profile frozen)
    with django_assert_num_queries(2 + 1 + 1 + 1):
        assert client.get("/rules/2026/").status_code == 200


def test_the_page_says_when_the_years_rules_are_frozen(client, reviewer, finance, profile_2026):
    from projects.choices import ReviewAction
    from projects.models import Project
    from projects.services.review_states import lock_state, record_transition

    submitted = Project.objects.create(department=finance.memberships.get().department, year=2026, seq=1,
                                       name="项目", budget=D(1), own_level=D(1), transfer=D(0))
    locked, review = lock_state(submitted)
    record_transition(project=locked, review=review, action=ReviewAction.SUBMIT, user=finance)
    client.force_login(reviewer)
    page = text(client.get("/rules/2026/").content.decode())
    assert "2026 年已有 1 个项目的自评已送审或已审核，该年度的评分规则已冻结，不能修改或删除" in page
    assert "已冻结" not in text(client.get("/rules/2027/").content.decode())
