"""Read-only pages answer a POST with 405 (Method Not Allowed): nothing is written, nothing pretends to be."""
import pytest

from tests.conftest import project


def read_only_addresses() -> list[str]:
    training = project(2)
    indicator = training.indicators.get(order=1)
    return [
        "/", "/dashboard/", "/projects/", f"/projects/{training.pk}/", "/entry/", "/history/",
        f"/history/indicator/{indicator.pk}/", f"/history/project/{training.pk}/", "/monitoring/",
        "/self-evaluation/", f"/self-evaluation/{training.pk}/report.docx", "/adjustments/", "/adjustments/audit/",
        "/exports/", "/exports/2026.xlsx", "/exports/2026/monitoring.xlsx", "/exports/2026/self-evaluation-report.docx",
        "/help/",
    ]


@pytest.mark.parametrize("who", ["finance", "admin_user"])
def test_a_post_to_a_read_only_page_is_refused_with_405(request, client, seeded, who):
    client.force_login(request.getfixturevalue(who))
    answers = {address: client.post(address, {"x": "1"}).status_code for address in read_only_addresses()}
    assert answers == dict.fromkeys(answers, 405)


def test_the_same_pages_still_answer_get_and_head(client, seeded, admin_user):
    client.force_login(admin_user)
    for address in ["/", "/projects/", "/monitoring/", "/adjustments/", "/help/"]:
        assert client.get(address).status_code == 200, address
        assert client.head(address).status_code == 200, address
