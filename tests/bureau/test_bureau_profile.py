"""/bureau/ after an admin changes the year's rule profile: the stored results are refreshed in the same
transaction, so the page shows the new scores at once, read from the stored rows, and `check_results` agrees."""
import re
from decimal import Decimal

from indicators import rules
from indicators.selectors.stored_results import stored_projects
from indicators.services.results import check_results
from projects.models import RuleProfile
from projects.services.rule_profiles import save_rule_profile
from tests.bureau.conftest import AS_OF, CITY_URL
from tests.bureau.helpers import body_rows, text_of


def _dashboard_scores(client, city) -> list[Decimal]:
    scores = []
    for department in city:
        page = client.get(f"/?year=2026&as_of={AS_OF:%Y-%m-%d}&department={department.code}").content.decode()
        scores += [Decimal(score) for score in re.findall(r'<td class="num" data-score="([^"]+)"', page)]
    return scores


def test_a_new_rule_profile_shows_on_the_bureau_page_at_once_from_refreshed_stored_results(
        client, city, czj, city_auditor):
    client.force_login(czj)
    before = client.get(CITY_URL).content.decode()
    # 预算执行率 20 points instead of 10, 产出 40 instead of 50: every project's 总分 is scored again.
    save_rule_profile(profile=RuleProfile(year=2026, budget_points=Decimal(20), output_points=Decimal(40)))
    # The page reads the stored rows (they were refreshed under the new profile), not a fresh evaluation.
    assert stored_projects(year=2026, as_of=AS_OF, time_progress=rules.time_progress(AS_OF, 2026)) is not None
    after = client.get(CITY_URL).content.decode()
    client.force_login(city_auditor)
    scores = _dashboard_scores(client, city)  # each department's own dashboard, evaluated afresh
    assert len(scores) == 45
    assert text_of(after, "fig-average-score") == f"{(sum(scores) / 45).quantize(Decimal('0.01'))}"
    assert text_of(after, "fig-average-score") != text_of(before, "fig-average-score")
    assert [row[10] for row in body_rows(after, "bureau-table")] != [row[10] for row in body_rows(before, "bureau-table")]
    assert check_results(year=2026) == []
