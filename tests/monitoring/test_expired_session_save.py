"""The 监控表 saved after the session ended elsewhere (issue #17): after the login the sheet shows what was typed,
and nothing is stored until finance saves again."""
from decimal import Decimal

from indicators.models import MonitoringNote
from tests.entry.test_expired_session_save import EXPIRED, log_in_from
from tests.monitoring.test_monitoring_pages import page_data, sheet_url


def test_a_sheet_saved_without_a_session_comes_back_with_the_typed_notes(client, scenario, finance):
    url = sheet_url(1)
    data = page_data(1, **{"budget-reasons": ["funding"], "budget-likelihood": "possible",
                           "budget-measures": "九月前完成采购", "budget-forecast": "4.3"})
    response = client.post(url, data)
    assert response.status_code == 302 and MonitoringNote.objects.count() == 0

    page = log_in_from(client, response["Location"])
    shown = page.content.decode()
    assert page.status_code == 200 and EXPIRED in shown
    assert "九月前完成采购</textarea>" in shown and 'name="budget-forecast" value="4.3"' in shown
    assert MonitoringNote.objects.count() == 0

    assert client.post(url, data).status_code == 302
    assert MonitoringNote.objects.get().forecast == Decimal("4.30")
