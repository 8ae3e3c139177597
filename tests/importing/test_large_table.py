"""A large table is written a hundred projects at a time, and `import_targets` says how far the write is."""
import io

import pytest
from django.core.management import call_command

from projects.importing.service import WRITE_CHUNK
from projects.models import Indicator, Project
from tests.conftest import DEPARTMENT_NAME
from tests.importing.helpers import snapshot

pytestmark = pytest.mark.django_db


def run(path, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_targets", str(path), department=DEPARTMENT_NAME, year=2026, stdout=out, stderr=err,
                 **options)
    return out.getvalue(), err.getvalue()


def test_a_table_of_more_projects_than_one_step_is_written_whole_and_counted(table, write):
    assert WRITE_CHUNK < 120
    path = write(table.repeated(8).text())
    out, err = run(path)
    assert out.strip() == "宁波市妇女联合会 2026 年：新建项目 120 个、指标 680 个；更新 0；未变 0。"
    assert err.splitlines() == ["写入项目：0 / 120（0%）", "写入项目：120 / 120（100%）"]
    # Every copy of the seed has its own indicators, in their order: the steps did not mix projects up.
    written = snapshot()
    assert [p[0] for p in written] == list(range(1, 121))
    seed = [(p[1], p[8]) for p in written[:15]]
    for copy in range(1, 8):
        assert [(p[1], p[8]) for p in written[15 * copy:15 * (copy + 1)]] == [
            (f"{name}（{copy + 1}）", lines) for name, lines in seed]
    assert Indicator.objects.filter(project__seq=120).count() == Indicator.objects.filter(project__seq=15).count()
    assert len(set(Project.objects.values_list("code", flat=True))) == 120  # the keys given after the write


def test_a_re_import_adding_projects_counts_the_table(table, write):
    run(write(table.repeated(1).text(), "first.txt"))
    out, err = run(write(table.repeated(2).text(), "second.txt"))
    assert "新建项目 15 个、指标 85 个" in out and "未变 100（项目 15 个、指标 85 个）" in out
    assert err.splitlines() == ["写入项目：0 / 30（0%）", "写入项目：30 / 30（100%）"]


def test_a_dry_run_and_a_quiet_run_show_no_progress(table, write):
    path = write(table.repeated(2).text())
    out, err = run(path, dry_run=True)
    assert out.startswith("【试运行，未写入数据库】") and err == ""
    out, err = run(path, verbosity=0)
    assert (out, err) == ("", "") and Project.objects.count() == 30
