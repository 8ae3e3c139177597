"""The dashboard shows what `manage.py evaluate --format json` says, to the cent, for the same date."""
import json
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

from django.core.management import call_command

from indicators.selectors.dashboard import dashboard_summary
from indicators.selectors.evaluation import evaluate
from tests.dashboard.conftest import AS_OF
from tests.dashboard.helpers import table

CENT = Decimal("0.01")


def evaluate_json(as_of: str) -> dict:
    out = StringIO()
    call_command("evaluate", department="宁波市妇女联合会", year=2026, as_of=as_of, format="json", stdout=out)
    return json.loads(out.getvalue())


def cents(value: str | None) -> str:
    return "—" if value is None else f"{Decimal(value).quantize(CENT, ROUND_HALF_UP):,}"


def percent(value: str | None) -> str:
    return "—" if value is None else f"{(Decimal(value) * 100).quantize(CENT, ROUND_HALF_UP)}%"


def test_the_summary_equals_the_sums_of_the_command_output(scenario):
    data = evaluate_json("2026-11-25")
    projects = data["projects"]
    summary = dashboard_summary(evaluate(year=2026, as_of=AS_OF, departments=[scenario]))
    assert summary.time_progress == Decimal(data["time_progress"])
    assert summary.budget == sum(Decimal(p["budget"]) for p in projects)
    assert summary.spent == sum(Decimal(p["spent"] or 0) for p in projects)
    assert summary.met == sum(p["met"] for p in projects)
    assert summary.not_met == sum(p["not_met"] for p in projects)
    assert summary.no_data == sum(p["no_data"] for p in projects)
    assert summary.needs_explanation == sum(p["needs_explanation"] for p in projects)
    totals = [Decimal(p["total_score"]) for p in projects]
    assert summary.average_score.quantize(CENT) == (sum(totals) / len(totals)).quantize(CENT)
    weighted = sum(Decimal(p["total_score"]) * Decimal(p["budget"]) for p in projects) / summary.budget
    assert summary.weighted_average_score.quantize(CENT) == weighted.quantize(CENT)
    assert summary.grades == {g: sum(p["grade"] == g for p in projects) for g in "优良中差"}


def test_every_row_of_the_page_equals_the_command_to_the_cent(client, manager, scenario):
    data = evaluate_json("2026-11-25")
    client.force_login(manager)
    rows = table(client.get("/?as_of=2026-11-25").content.decode(), "dashboard-table")["tbody"]
    assert len(rows) == len(data["projects"]) == 15
    for row, p in zip(rows, data["projects"], strict=True):
        assert int(row[0]) == p["seq"]
        assert row[2] == cents(p["budget"])
        assert row[3] == cents(p["spent"])
        assert row[4].split(" ")[0] == percent(p["execution_rate"])
        assert row[5:8] == [str(p["met"]), str(p["not_met"]), str(p["no_data"])]
        if p["spent"] is None and p["no_data"] == p["met"] + p["not_met"] + p["no_data"]:
            assert row[8:10] == ["未填报", "未填报"]  # nothing reported: no score shown, not 0.00 差
        else:
            assert row[8].split(" ")[0] == cents(p["total_score"])
            assert row[9] == p["grade"]
        needs = f"待说明 {p['needs_explanation']}" if p["needs_explanation"] else ""
        assert row[10].endswith(needs)


def test_an_earlier_date_shows_the_ledger_as_it_stood_then(client, manager, scenario):
    # On 2026-10-31 only project 1 (reported that day) and none of the November reports count.
    data = evaluate_json("2026-10-31")
    client.force_login(manager)
    page = client.get("/?as_of=2026-10-31").content.decode()
    total = table(page, "dashboard-table")["tfoot"][0]
    spent = sum(Decimal(p["spent"] or 0) for p in data["projects"])
    assert spent == Decimal("34.60")  # 4.60 (1) + 30.00 (7, reported as of 30 September)
    assert total[3] == "34.60"
    assert 'id="fig-met">5<' in page
