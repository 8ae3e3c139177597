"""`manage.py export_xlsx`: the evaluation workbook by default, the monitoring form handed to its own writer."""
import datetime
import sys
import types
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.exports.conftest import open_workbook


def run(*args, **options) -> str:
    out = StringIO()
    call_command("export_xlsx", *args, stdout=out, **options)
    return out.getvalue()


def test_it_writes_the_evaluation_workbook_and_says_what_is_in_it(seeded, tmp_path):
    path = tmp_path / "2026.xlsx"
    out = run(str(path), department="宁波市妇女联合会", year=2026, as_of="2026-07-31")
    assert out.strip() == (f"已导出 宁波市妇女联合会 2026 年评价表（截至 2026-07-31）：项目 15 个、指标 85 个、工作表 21 张，"
                           f"到 {path}")
    assert open_workbook(path)["汇总表"]["A1"].value.endswith("（截至 2026-07-31）")


def test_the_department_may_be_given_by_its_code_and_the_date_defaults_to_today(seeded, tmp_path):
    path = tmp_path / "out.xlsx"
    run(str(path), department="nbfl", year=2026)
    assert open_workbook(path)["汇总表"]["A1"].value.endswith("（截至 2026-11-25）")


@pytest.mark.parametrize(("options", "message"), [
    ({"department": "没有这个部门", "year": 2026}, "没有找到部门：没有这个部门"),
    ({"department": "nbfl", "year": 2026, "as_of": "2026-02-30"}, "截至日期格式应为 YYYY-MM-DD：2026-02-30"),
    ({"department": "nbfl", "year": 2026, "as_of": "2025-12-31"}, "截至日期应在 2026 年内：2025-12-31"),
    ({"department": "nbfl", "year": 2027}, "宁波市妇女联合会 2027 年没有项目：请先导入项目绩效目标汇总表。"),
])
def test_bad_arguments_are_refused_in_chinese_and_nothing_is_written(seeded, tmp_path, options, message):
    path = tmp_path / "out.xlsx"
    with pytest.raises(CommandError) as refused:
        run(str(path), **options)
    assert str(refused.value) == message
    assert not path.exists()


def test_monitoring_form_is_handed_to_the_monitoring_writer(seeded, tmp_path, monkeypatch):
    calls = []
    fake = types.ModuleType("indicators.exports.monitoring")
    fake.write_monitoring_workbook = lambda **kwargs: calls.append(kwargs)
    monkeypatch.setitem(sys.modules, "indicators.exports.monitoring", fake)
    path = tmp_path / "monitoring.xlsx"
    out = run(str(path), department="nbfl", year=2026, form="monitoring")
    # Without --as-of the monitoring form is of the latest round (31 July by default).
    assert calls == [{"department": seeded, "year": 2026, "as_of": datetime.date(2026, 7, 31), "output": str(path)}]
    assert "监控表（截至 2026-07-31）" in out
