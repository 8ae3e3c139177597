"""The template of a reports upload: one row per line the clerk may fill in, with what helps find it.

The 项目序号/指标序号/实际值/档次/得分率/截至日期/说明/更正原因 columns are those `import_reports` reads; the others
(项目名称, 指标名称, 运算符, 年度目标值, 单位, 当前值) are there to be read and are not imported.
"""
from collections.abc import Iterator
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from core.formatting import money
from indicators.reports_import.preview import SPENDING, shown
from indicators.selectors.evaluation import Evaluation

HEADER = ["项目序号", "指标序号", "项目名称", "指标名称", "运算符", "年度目标值", "单位", "当前值",
          "实际值", "档次", "得分率", "截至日期", "说明", "更正原因"]
WIDTHS = [9, 9, 24, 30, 7, 14, 10, 22, 12, 16, 8, 12, 30, 20]
INPUT_COLUMNS = {"实际值", "档次", "得分率", "截至日期", "说明", "更正原因"}
GUIDE = [
    "填写说明",
    "1. 只填「实际值」「档次」「得分率」「截至日期」「说明」「更正原因」各列；其余各列供查找，不导入。",
    "2. 定量指标填「实际值」（按指标自己的单位，如 万人 仍填万人）；定性指标（运算符为空）填「档次」：达成、部分达成 或 未达成，"
    "「得分率」可不填（取该档默认值）。",
    f"3. 「指标序号」为空的行是项目的{SPENDING}（万元，2 位小数）。",
    "4. 「截至日期」格式 YYYY-MM-DD，须在预算年度内、不晚于今天。与已填报记录同一日期即为更正，须填「更正原因」。",
    "5. 没有填写数值的行不导入。上传后先预览，确认后才写入；有一行出错则全部不写入。",
]


def template_rows(evaluation: Evaluation) -> Iterator[list]:
    """The header, then per project its spending line and its indicators, in published order."""
    yield HEADER
    as_of = f"{evaluation.as_of:%Y-%m-%d}"
    for line in evaluation.projects:
        project = line.project
        yield [project.seq, None, project.name, SPENDING, "", f"预算 {money(line.budget.budget)}", "万元",
               shown(line.expenditure), "", "", "", as_of, "", ""]
        for item in line.indicators:
            indicator, target = item.indicator, item.target
            yield [project.seq, indicator.order, project.name, indicator.name, target.operator, target.target_text,
                   target.unit, shown(item.report, target.unit), "", "", "", as_of, "", ""]


def write_template(evaluation: Evaluation, output: BinaryIO) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "填报"
    for row in template_rows(evaluation):
        sheet.append(row)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    fill = PatternFill("solid", fgColor="FFF2CC")  # the columns to fill in
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
        if cell.value in INPUT_COLUMNS:
            cell.fill = fill
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = "@"  # text: dates and numbers stay as typed
    sheet.freeze_panes = "C2"
    guide = workbook.create_sheet("说明")
    for text in GUIDE:
        guide.append([text])
    guide.column_dimensions["A"].width = 120
    workbook.save(output)
