"""The two roles of the year end (DOMAIN §7): the reviewer sees their department, the finance bureau every one."""
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from core.roles import BUREAU, REVIEWER, role_label
from projects.models import Project
from tests.conftest import make_user


@pytest.fixture
def two_departments(seeded, other_department):
    Project.objects.create(department=other_department, year=2026, seq=1, name="其他局项目", budget="10.00",
                           own_level="10.00", transfer="0.00")
    return seeded, other_department


def test_migrate_creates_both_groups(db):
    assert set(Group.objects.filter(name__in=[REVIEWER, BUREAU]).values_list("name", flat=True)) == {REVIEWER, BUREAU}


def test_the_reviewer_sees_their_department_only_and_enters_nothing(client, reviewer, two_departments):
    mine, other = two_departments
    client.force_login(reviewer)
    assert client.get(f"/?department={mine.code}").status_code == 200
    assert client.get(f"/projects/{Project.objects.get(department=other).pk}/").status_code == 404
    assert client.get(f"/entry/{Project.objects.filter(department=mine).first().pk}/").status_code == 403
    assert role_label(reviewer) == "审核人员"


def test_the_bureau_sees_every_department_and_writes_nothing(client, czj, two_departments):
    mine, other = two_departments
    client.force_login(czj)
    assert client.get(f"/projects/{Project.objects.get(department=other).pk}/").status_code == 200
    assert client.get(f"/?department={other.code}").status_code == 200
    assert client.get(f"/?department={mine.code}").status_code == 200
    project = Project.objects.filter(department=mine).first()
    assert client.get(f"/entry/{project.pk}/").status_code == 403
    response = client.post(f"/api/projects/{project.pk}/expenditures/", {"amount": "1", "as_of": "2026-07-31"},
                           content_type="application/json")
    assert response.status_code == 403


@pytest.mark.parametrize("username,group", [("reviewer", REVIEWER), ("czj", BUREAU)])
def test_api_tokens_are_issued_to_the_new_roles(db, capsys, username, group):
    make_user(username, group=group)
    call_command("api_token", username)
    token = capsys.readouterr().out.strip()
    assert len(token) == 40
