"""Evidence tests: the seeded 2026 table at year end, files stored under a temporary MEDIA_ROOT."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from core.roles import MANAGER, REVIEWER
from tests.conftest import make_user

NOW = datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def year_end():
    with time_machine.travel(NOW, tick=False):
        yield NOW.date()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Every test stores its files in its own directory (the `evidence` storage is local, under MEDIA_ROOT)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def reviewer(department):
    return make_user("reviewer", group=REVIEWER, department=department, first_name="审核丙")


@pytest.fixture
def other_manager(other_department):
    """A manager of another department: sees nothing of this one."""
    return make_user("other_manager", group=MANAGER, department=other_department)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture(scope="module")
def seed_moment():
    """The clock of this folder's tests: a seeded table imported once for a module is dated as theirs are."""
    return NOW
