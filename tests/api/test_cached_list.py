"""GET /api/projects/ is answered from the cache until a write commits (perf_targets.response_cache)."""
import pytest

from tests.api.conftest import indicator_of

pytestmark = pytest.mark.django_db(transaction=True)

# A list from the cache: the token (with its user) and the data version; no evaluation.
CACHED_QUERIES = 2


def first_project(response) -> dict:
    assert response.status_code == 200
    return response.json()["results"][0]["evaluation"]


def test_the_list_is_answered_from_the_cache_until_a_report_is_posted(api, seeded, finance,
                                                                      django_assert_num_queries):
    client = api(finance)
    first = client.get("/api/projects/?year=2026")
    with django_assert_num_queries(CACHED_QUERIES):
        second = client.get("/api/projects/?year=2026")
    assert second.content == first.content
    assert (first_project(second)["met"], first_project(second)["no_data"]) == (0, 5)

    # 设备购置数 ≥ 8: 8 is met.
    posted = client.post(f"/api/indicators/{indicator_of(1, 1).pk}/reports/",
                         {"as_of": "2026-11-20", "value": "8"}, format="json")
    assert posted.status_code == 201
    assert (first_project(client.get("/api/projects/?year=2026"))["met"],
            first_project(client.get("/api/projects/?year=2026"))["no_data"]) == (1, 4)


def test_another_user_never_gets_the_first_users_list(api, seeded, finance, outsider):
    assert api(finance).get("/api/projects/?year=2026").json()["count"] == 15
    assert api(outsider).get("/api/projects/?year=2026").json()["count"] == 0  # another department's clerk


def test_the_browsable_page_and_the_json_are_kept_apart(api, seeded, finance, django_assert_num_queries):
    client = api(finance)
    client.get("/api/projects/?year=2026")
    with django_assert_num_queries(CACHED_QUERIES):
        assert client.get("/api/projects/?year=2026")["Content-Type"] == "application/json"
    html = client.get("/api/projects/?year=2026", HTTP_ACCEPT="text/html")
    assert html["Content-Type"].startswith("text/html") and "&quot;count&quot;: 15" in html.content.decode()
