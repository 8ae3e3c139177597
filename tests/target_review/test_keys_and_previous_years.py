"""The same project and line from year to year (issue #22): stable keys, carried by name or by the draft, and the
project page showing last year's target and actual beside this year's."""
import datetime
from decimal import Decimal

from django.core.management import call_command

from indicators.services.drafting import draft_next_year
from indicators.services.reports import record_indicator_report
from projects import drafts
from projects.models import DraftIndicator, Indicator, Project
from tests.conftest import DEPARTMENT_NAME, SEED


def import_year(year: int) -> None:
    call_command("import_targets", str(SEED), department=DEPARTMENT_NAME, year=year, verbosity=0)


def test_a_table_gets_codes_and_the_next_year_takes_them_by_name(department):
    import_year(2025)
    import_year(2026)
    first_2025 = Project.objects.get(year=2025, seq=1)
    first_2026 = Project.objects.get(year=2026, seq=1)
    assert first_2025.code == first_2026.code == "nbfl-2025-01"
    assert list(first_2026.indicators.order_by("order").values_list("key", flat=True)) == [
        f"nbfl-2025-01-{order:02d}" for order in range(1, 6)]
    assert Project.objects.filter(year=2026).exclude(code="").count() == 15
    assert Indicator.objects.filter(project__year=2026, key="").count() == 0


def test_a_line_renamed_in_the_draft_keeps_its_key_when_published(seeded, finance):
    draft = draft_next_year(department=seeded, year=2026, user=finance)
    line = DraftIndicator.objects.get(project__table=draft, project__seq=1, name="设备利用率")
    drafts.update_line(line=line, user=finance, name="办公设备利用率", operator="≥", target_text="96", unit="%")
    drafts.publish(draft=draft, user=finance)
    renamed = Indicator.objects.get(project__year=2027, project__seq=1, order=line.order)
    before = Indicator.objects.get(project__year=2026, project__seq=1, order=line.order)
    assert renamed.name == "办公设备利用率" and renamed.key == before.key == "nbfl-2026-01-04"


def test_the_project_page_shows_last_years_target_and_actual(department, finance, manager, client):
    import_year(2025)
    import_year(2026)
    utilisation = Indicator.objects.get(project__year=2025, project__seq=1, name="设备利用率")
    record_indicator_report(indicator=utilisation, user=finance, as_of=datetime.date(2025, 12, 1), value=Decimal(93))
    client.force_login(manager)
    page = client.get(f"/projects/{Project.objects.get(year=2026, seq=1).pk}/").content.decode()
    assert "往年对比" in page and "2025 年实际" in page
    row = page[page.index('data-key="nbfl-2025-01-04"'):]
    row = row[:row.index("</tr>")]
    assert "≥ 95%" in row and "93%" in row
    assert "未填报" in page  # the other 2025 lines had no report


def test_earlier_years_cost_a_fixed_number_of_queries(department, manager, client, django_assert_num_queries):
    import_year(2025)
    import_year(2026)
    client.force_login(manager)
    # The page's 14, and the one evaluation again (7) for the one earlier year, scored by its own year's rule
    # profile (neither re-reads its project, read with its department already). (one query fewer than before
    # issue #18: the session comes from the cache, cached_db)
    with django_assert_num_queries(21):
        assert client.get(f"/projects/{Project.objects.get(year=2026, seq=5).pk}/").status_code == 200
