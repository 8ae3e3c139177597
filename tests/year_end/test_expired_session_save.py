"""The 自评表 saved after the session ended elsewhere (issue #17): the texts come back after the login, unsaved."""
from indicators.models import LineExplanation, ProjectSelfEvaluation
from tests.entry.test_expired_session_save import EXPIRED, log_in_from
from tests.year_end.conftest import line
from tests.year_end.test_self_evaluation_page import page_text, saved_page_data, textarea, url


def test_year_end_texts_typed_before_the_login_are_shown_and_not_saved(client, scenario, finance):
    data = saved_page_data(1)
    utilisation = line(1, 4).pk
    data.update({f"line-{utilisation}-text": "新设备上半年调试，利用率偏低。", "project-problems": "利用率不足。"})
    response = client.post(url(1), data)
    assert response.status_code == 302

    page = log_in_from(client, response["Location"])
    assert page.status_code == 200 and EXPIRED in page_text(page)
    assert textarea(page, f"line-{utilisation}-text") == "新设备上半年调试，利用率偏低。"
    assert textarea(page, "project-problems") == "利用率不足。"
    assert LineExplanation.objects.count() == 0 and ProjectSelfEvaluation.objects.count() == 0

    assert client.post(url(1), data).status_code == 302
    assert LineExplanation.objects.get().text == "新设备上半年调试，利用率偏低。"
