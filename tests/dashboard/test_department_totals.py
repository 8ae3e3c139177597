"""The department's totals live on the evaluation; the dashboard, the monitoring round and a workbook written in
chunks all read the same ones (the scenario of 2026-11-25, figures as computed by hand in test_headline_figures)."""
import re
from decimal import Decimal, localcontext

from indicators import rules
from indicators.selectors.evaluation import evaluate, evaluate_in_chunks, project_ids
from indicators.selectors.monitoring import monitoring_round
from indicators.selectors.totals import DepartmentTotals
from tests.dashboard.conftest import AS_OF


def test_the_evaluation_adds_up_the_department(scenario):
    totals = evaluate(year=2026, as_of=AS_OF, departments=[scenario]).totals
    assert (totals.projects, totals.indicators) == (15, 85)
    assert (totals.budget, totals.spent) == (Decimal("1386.30"), Decimal("58.70"))
    with localcontext(prec=rules.PRECISION):
        assert totals.execution_rate == Decimal("58.70") / Decimal("1386.30")  # 4.23 %, against 90.14 %: red
    assert totals.budget_level == rules.Level.RED
    # 47 lines to explain, as test_headline_figures counts them by 监控口径 (DOMAIN §5).
    assert (totals.met, totals.not_met, totals.no_data, totals.needs_explanation) == (16, 4, 65, 47)
    # Every project's budget line and its 85 indicators have a level; every project has one.
    assert sum(totals.lines_at.values()) == 15 + 85
    assert sum(totals.projects_at.values()) == 15


def test_a_workbook_adding_chunk_by_chunk_gets_the_same_totals(scenario):
    evaluation = evaluate(year=2026, as_of=AS_OF, departments=[scenario])
    added = DepartmentTotals(time_progress=evaluation.time_progress)
    ids = project_ids(year=2026, departments=[scenario])
    for project in evaluate_in_chunks(year=2026, as_of=AS_OF, ids=ids, chunk=4):
        added = added.add(project)
    assert added == evaluation.totals


def test_the_monitoring_round_counts_what_its_projects_count(scenario):
    the_round = monitoring_round(department=scenario, year=2026, as_of=AS_OF)
    for level in (rules.Level.GREEN, rules.Level.YELLOW, rules.Level.RED):
        assert the_round.totals.lines_at[level] == sum(p.count(level) for p in the_round.projects)
        assert the_round.totals.projects_at[level] == sum(p.level is level for p in the_round.projects)
    assert the_round.needs_explanation == sum(p.needs_explanation for p in the_round.projects) == 47


def test_the_dashboard_and_the_monitoring_round_show_the_same_totals(client, manager, scenario):
    client.force_login(manager)
    dashboard = client.get("/?as_of=2026-11-25").content.decode()
    the_round = client.get("/monitoring/?year=2026&as_of=2026-11-25").content.decode()
    assert re.search(r'id="fig-needs">47<', dashboard)
    assert re.search(r'id="needs-explanation-total">47<', the_round)
    assert "1,386.30 / 58.70" in the_round and 'id="fig-budget">1,386.30<' in dashboard
    assert "4.23%" in the_round
