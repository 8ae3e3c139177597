"""The upload pages read a fixed number of queries, whatever the size of the department."""
import pytest

from tests.conftest import project

pytestmark = pytest.mark.django_db
# Every page: the user (the session comes from the cache: cached_db), the user's groups (role).
UPLOAD_PAGE_QUERIES = 3 + 1  # + the clerk's departments for the form, + the navigation badge
TEMPLATE_QUERIES = 10  # + evaluate's 8 (with the year's rule profile) (departments written to are a subquery)
TABLE_PAGE_QUERIES = 2 + 1  # user, groups (the navigation names the role), the navigation badge
TABLE_TEMPLATE_QUERIES = 4  # user, the department, its projects, their indicators (no page, no role)


def test_the_reports_upload_page_and_template_run_in_a_fixed_number_of_queries(client, seeded, finance,
                                                                               django_assert_num_queries):
    client.force_login(finance)
    with django_assert_num_queries(UPLOAD_PAGE_QUERIES):
        assert client.get("/entry/upload/?year=2026").status_code == 200
    with django_assert_num_queries(TEMPLATE_QUERIES):
        assert client.get("/entry/upload/template.xlsx?year=2026").status_code == 200
    first = project(5).indicators.get(order=1)
    first.pk, first.order, first.name, first.key = None, 11, "新增指标", ""
    first.save()
    with django_assert_num_queries(TEMPLATE_QUERIES):
        assert client.get("/entry/upload/template.xlsx?year=2026").status_code == 200


def test_the_table_upload_page_and_template_run_in_a_fixed_number_of_queries(client, seeded, admin_user,
                                                                             django_assert_num_queries):
    client.force_login(admin_user)
    with django_assert_num_queries(TABLE_PAGE_QUERIES):
        assert client.get("/projects/upload/?year=2026").status_code == 200
    with django_assert_num_queries(TABLE_TEMPLATE_QUERIES):
        assert client.get("/projects/upload/template.xlsx?year=2026&department=nbfl").status_code == 200
    extra = project(5).indicators.get(order=1)
    extra.pk, extra.order, extra.key = None, 11, ""
    extra.save()
    with django_assert_num_queries(TABLE_TEMPLATE_QUERIES):
        assert client.get("/projects/upload/template.xlsx?year=2026&department=nbfl").status_code == 200
