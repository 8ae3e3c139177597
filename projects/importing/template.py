"""The published table as a workbook to fill in: its two header rows, then the department-year's projects as held.

Downloaded, edited and uploaded again unchanged, it changes nothing; for a year without projects it is the bare
layout. Every cell is text, so that 8 stays 8 and 0.80 stays 0.80 (targets are kept as typed, DOMAIN §1).
"""
from collections.abc import Iterator
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from projects.models import Department, Project

HEADER = ["序号", "项目名称", "项目概况", "预算金额(万元)", "本级支出(万元)", "转移支付支出(万元)", "年度绩效目标",
          "核心绩效指标", "", "", "", "重大民生标准"]
SUBHEADER = ["", "", "", "", "", "", "", "指标名称", "运算符", "年度目标值", "单位", ""]
WIDTHS = [6, 24, 40, 12, 12, 12, 40, 30, 7, 12, 10, 14]
TITLE = "项目绩效目标汇总表"


def table_rows(*, department: Department | None, year: int) -> Iterator[list[str]]:
    """The two header rows, then one row per indicator, the project's columns on its first (2 queries)."""
    yield HEADER
    yield SUBHEADER
    if department is None:
        return
    projects = Project.objects.filter(department=department, year=year).prefetch_related("indicators").order_by("seq")
    for project in projects:
        first = [str(project.seq), project.name, project.overview, f"{project.budget:.2f}", f"{project.own_level:.2f}",
                 f"{project.transfer:.2f}", project.annual_goal]
        indicators = sorted(project.indicators.all(), key=lambda i: i.order) or [None]
        for index, indicator in enumerate(indicators):
            left = first if index == 0 else [""] * len(first)
            right = [indicator.name, indicator.operator, indicator.target_text, indicator.unit] if indicator else [""] * 4
            yield [*left, *right, project.livelihood_standard if index == 0 else ""]


def write_table_template(*, department: Department | None, year: int, output: BinaryIO) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "项目绩效目标"
    sheet.append([TITLE])
    sheet.append([f"{department.name if department else '（部门）'} {year} 年"])
    for row in table_rows(department=department, year=year):
        sheet.append(row)
    sheet.merge_cells("H3:K3")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in (*sheet[3], *sheet[4]):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.number_format = "@"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C5"
    workbook.save(output)
