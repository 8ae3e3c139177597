"""Long commands show their progress: a line rewritten in place on a terminal, a counter line in a log."""
import io

import openpyxl
from django.core.management import call_command

from core.progress import TerminalProgress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_one_line_is_rewritten_and_ended_once():
    out = Terminal()
    progress = TerminalProgress(out, "全市项目", interval=0)
    for done in range(0, 1501, 500):
        progress(done, 1500)
    progress.finish()
    assert out.getvalue() == ("\r全市项目：0 / 1,500（0%）\r全市项目：500 / 1,500（33%）\r全市项目：1,000 / 1,500（66%）"
                              "\r全市项目：1,500 / 1,500（100%）\n")


def test_in_a_log_a_line_every_thousand_and_at_the_end():
    out = io.StringIO()
    progress = TerminalProgress(out, "生成项目", every=1000)
    for done in range(0, 2501, 250):
        progress(done, 2500)
    progress.finish()
    assert out.getvalue().splitlines() == [
        "生成项目：0 / 2,500（0%）", "生成项目：1,000 / 2,500（40%）", "生成项目：2,000 / 2,500（80%）",
        "生成项目：2,500 / 2,500（100%）",
    ]


def test_generate_demo_and_the_city_export_say_how_far_they_are(db, tmp_path):
    err = io.StringIO()
    call_command("generate_demo", departments=3, projects=45, stderr=err, stdout=io.StringIO())
    assert err.getvalue().splitlines()[-1] == "生成项目：45 / 45（100%）"
    err, out, path = io.StringIO(), io.StringIO(), tmp_path / "city.xlsx"
    call_command("export_xlsx", str(path), city=True, year=2026, as_of="2026-07-31", stderr=err, stdout=out)
    assert err.getvalue().splitlines() == ["全市项目：0 / 45（0%）", "全市项目：45 / 45（100%）"]
    assert out.getvalue().strip() == f"已导出 2026 年全市评价汇总（截至 2026-07-31）：项目 45 个，到 {path}"
    assert openpyxl.load_workbook(path).sheetnames == ["各部门汇总", "项目汇总", "抽查复核"]
    err = io.StringIO()
    call_command("export_xlsx", str(tmp_path / "one.xlsx"), department="demo-0002", year=2026, as_of="2026-07-31",
                 stderr=err, stdout=io.StringIO())
    assert err.getvalue().splitlines() == ["江北区妇女联合会 项目：0 / 15（0%）", "江北区妇女联合会 项目：15 / 15（100%）"]


def test_import_reports_counts_its_rows(seeded, finance, tmp_path):
    path = tmp_path / "reports.csv"
    path.write_text("project_seq,indicator_order,value,tier,tier_percent,as_of,note\n"
                    "1,1,8,,,2026-07-31,\n1,2,96,,,2026-07-31,\n1,,4.60,,,2026-07-31,\n", encoding="utf-8")
    err, out = io.StringIO(), io.StringIO()
    call_command("import_reports", str(path), department="nbfl", year=2026, user="finance", stderr=err, stdout=out)
    assert err.getvalue().splitlines() == ["导入行：0 / 3（0%）", "导入行：3 / 3（100%）"]
    assert out.getvalue().startswith("已导入")
