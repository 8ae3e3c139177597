"""Every figure of the workbook equals `manage.py evaluate --format json` for the same as-of date."""
from decimal import Decimal

import pytest

from indicators import rules
from tests.exports.conftest import JUL_31, NOV_20, close, evaluate_json, export, open_workbook

STATUS = {"met": "达成", "not_met": "未达成", "no_data": "未填报"}


def number(text: str | None):
    return None if text is None else Decimal(text)


def summary_blocks(sheet) -> tuple[dict[str, int], list[list[tuple]]]:
    """Column index by header, and the rows of each project (a block starts where 序号 is filled)."""
    upper, lower = (list(r) for r in sheet.iter_rows(min_row=2, max_row=3, values_only=True))
    columns = {(low or up): index for index, (up, low) in enumerate(zip(upper, lower, strict=True)) if low or up}
    blocks: list[list[tuple]] = []
    for row in sheet.iter_rows(min_row=4, values_only=True):
        if row[0] == "合计":
            break
        if row[0] is not None:
            blocks.append([])
        blocks[-1].append(row)
    return columns, blocks


def check_summary(sheet, data: dict) -> list[str]:
    columns, blocks = summary_blocks(sheet)
    budget_column = columns.get("全年预算数(万元)", columns["预算金额(万元)"])
    problems = []

    def expect(what, actual, expected):
        if not close(actual, expected):
            problems.append(f"{what}: {actual!r} != {expected!r}")

    assert len(blocks) == len(data["projects"])
    for block, p in zip(blocks, data["projects"], strict=True):
        expect(f"{p['seq']} 序号", block[0][columns["序号"]], p["seq"])
        expect(f"{p['seq']} 预算金额", block[0][columns["预算金额(万元)"]], number(p["initial_budget"]))
        expect(f"{p['seq']} 全年预算数", block[0][budget_column], number(p["budget"]))
        for row, i in zip(block, p["indicators"], strict=True):
            where = f"{p['seq']}.{i['order']}"
            expect(f"{where} 指标名称", row[columns["指标名称"]], i["name"])
            adjusted = row[columns["调整后目标值"]] if "调整后目标值" in columns else None
            if adjusted:
                shown = " ".join(x for x in (i["operator"] or "（定性）", i["target_text"], i["unit"]) if x)
                expect(f"{where} 调整后目标值", adjusted, shown)
            else:
                published = row[columns["年度目标值"]]
                expect(f"{where} 运算符", row[columns["运算符"]] or "", i["operator"])
                expect(f"{where} 年度目标值", published if isinstance(published, str) else rules.format_plain(
                    Decimal(repr(published))), i["target_text"])
                expect(f"{where} 单位", row[columns["单位"]] or "", i["unit"])
            expect(f"{where} 一级指标", row[columns["一级指标"]], i["level1"])
            expect(f"{where} 二级指标", row[columns["二级指标"]], i["level2"])
            actual = row[columns["实际完成值"]]
            if i["tier"]:
                expect(f"{where} 档次", actual.split("（")[0], rules.TIER_LABELS[rules.Tier(i["tier"])])
            else:
                expect(f"{where} 实际完成值", actual, number(i["actual"]))
            expect(f"{where} 完成情况", row[columns["完成情况"]], STATUS[i["status"]])
            expect(f"{where} 分值", row[columns["分值"]], number(i["points_possible"]))
            expect(f"{where} 得分", row[columns["得分"]], number(i["points"]))
            expect(f"{where} 说明", row[columns["说明"]], i["explanation"])
    return problems


def check_form(sheet, p: dict) -> list[str]:
    rows = list(sheet.iter_rows(values_only=True))
    funds = rows[5]
    total = next(r for r in rows if r[0] == "总分")
    grade = next(r for r in rows if r[0] == "等级")
    rate = "—" if p["execution_rate"] is None else number(p["execution_rate"])
    expected = [
        ("年初预算数", funds[2], number(p["initial_budget"])), ("全年预算数", funds[3], number(p["budget"])),
        ("全年执行数", funds[4], number(p["spent"])), ("执行率", funds[6], rate),
        ("预算得分", funds[7], number(p["budget_points"])), ("总分", total[7], number(p["total_score"])),
        ("等级", grade[1], p["grade"]),
    ]
    by_name = {r[3]: r for r in rows[9:9 + len(p["indicators"])]}
    for i in p["indicators"]:
        row = by_name[i["name"]]
        if not i["tier"]:
            expected.append((f"{i['name']} 实际完成值", row[5], number(i["actual"])))
        expected += [(f"{i['name']} 分值", row[6], number(i["points_possible"])),
                     (f"{i['name']} 得分", row[7], number(i["points"]))]
    return [f"{p['seq']} {what}: {a!r} != {e!r}" for what, a, e in expected if not close(a, e)]


@pytest.mark.parametrize("as_of", [JUL_31, NOV_20], ids=["before adjustments", "after adjustments"])
def test_every_figure_equals_the_evaluate_json_of_the_same_date(scenario, tmp_path, as_of):
    data = evaluate_json(as_of)
    workbook = open_workbook(export(scenario, tmp_path, as_of), values=True)
    assert check_summary(workbook["汇总表"], data) == []
    for sheet_name, p in zip(workbook.sheetnames[1:16], data["projects"], strict=True):
        assert sheet_name.startswith(f"{p['seq']}.")
        assert check_form(workbook[sheet_name], p) == []
    # The scenario's figures are in it: 98.12 for project 1, and project 2 judged against 150 only after 1 September.
    p1, p2 = data["projects"][0], data["projects"][1]
    assert Decimal(p1["total_score"]).quantize(Decimal("0.01")) == (Decimal("98.12") if as_of == NOV_20 else 0)
    assert p2["indicators"][0]["status"] == ("met" if as_of == NOV_20 else "no_data")
