"""Tables in other units' layouts (shared/realdata/README), written by the tests as xlsx, xls, csv or text."""
import csv
import io

from projects.models import Project

D_HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"]


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls_bytes(sheets: dict[str, list[list]]) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for title, rows in sheets.items():
        sheet = book.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value not in (None, ""):
                    sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def tsv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    return "\n".join("\t".join(str(c) for c in row) for row in rows).encode(encoding)


def fused_list() -> list[list]:
    """A list layout (one row per line, the project repeated): targets fused with operator and unit."""
    return [
        ["2026年项目支出绩效目标表"],
        ["项目名称", "年度资金总额(万元)", "指标内容", "年度指标值"],
        ["妇女儿童之家建设", "120.5", "新建儿童之家数量", "≥50个"],
        ["妇女儿童之家建设", "", "建设验收合格率", "≥100百分比"],
        ["妇女儿童之家建设", "", "建设成本", "≤90万元"],
        ["妇女儿童之家建设", "", "配备车辆数", "10辆"],
        ["妇女儿童之家建设", "", "服务采购金额", "250万"],
        ["妇女儿童之家建设", "", "资金拨付率", "100%(历史标准)"],
        ["妇女儿童之家建设", "", "培训场次", ">5场"],
        ["妇女儿童之家建设", "", "服务对象满意度", "≥95%"],
        ["妇女儿童之家建设", "", "社会影响", "持续提升"],
    ]


def sichuan_form(*, points=("60", "30"), code="51000021R000000019951", budget="251.89") -> list[list]:
    """四川 一体化 自评表 layout: label rows, then a header with 指标性质/度量单位/权重, classes printed once."""
    return [
        ["部门预算项目支出绩效自评表(2025年度)"],
        ["项目名称", f"{code}-工资性支出" if code else "工资性支出"],
        ["主管部门", "青神县发展和改革局本级"],
        ["年度资金总额", budget],
        ["绩效指标(90分)", *D_HEADER],
        ["", "产出指标(50分)", "数量指标", "足额保障率", "=", "100", "%", points[0]],
        ["", "", "时效指标", "按时发放率", "≥", "95", "%", points[1]],
        ["合计", "100"],
        ["评价结论", "及时、足额缴纳。"],
    ]


def two_projects_form() -> list[list]:
    """Two projects in one sheet, each its own block; 101号's cost classes printed."""
    return [
        ["项目名称", "婚姻家庭辅导"],
        ["预算金额", "0"],
        ["一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位"],
        ["产出指标", "数量指标", "辅导人次", "≥", "300", "人次"],
        ["成本指标", "经济成本指标", "辅导成本", "≤", "8", "万元"],
        ["", "社会成本指标", "投诉次数", "≤", "2", "次"],
        ["满意度指标", "服务对象满意度指标", "辅导对象满意度", "≥", "90", "%"],
        [],
        ["项目名称", "巾帼创业培训"],
        ["预算金额", "35.6"],
        ["一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位"],
        ["产出指标", "质量指标", "结业率", "≥", "85", "%"],
        ["效益指标", "社会效益指标", "带动就业", "", "明显提升", ""],
    ]


def stored(department: str, year: int = 2026) -> list[tuple]:
    """What the import wrote, project by project, line by line."""
    return [
        (p.seq, p.code, p.name, p.budget, [
            (i.order, i.name, i.operator, i.target_text, i.target_value, i.unit, i.level1, i.level2, i.points)
            for i in p.indicators.all()
        ])
        for p in Project.objects.filter(department__name=department, year=year).prefetch_related("indicators")
    ]
