"""The 绩效自评报告 as a Word document (DOMAIN §9, 10号's outline): per project, per department, by command; its
figures are `evaluate`'s, its texts the year-end explanations."""
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from docx import Document

from indicators.reports.docx import DOCX
from indicators.services.year_end import record_deduction, record_line_explanation, record_project_texts
from tests.conftest import project
from tests.year_end.conftest import line

SECTIONS = ["一、基本情况", "二、绩效目标实现情况", "三、偏差原因分析", "四、存在问题及改进措施", "五、自评结论"]


def cents(value: str) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01'), ROUND_HALF_UP)}"


def evaluate_json() -> dict[int, dict]:
    out = StringIO()
    call_command("evaluate", department="宁波市妇女联合会", year=2026, as_of="2026-12-20", format="json", stdout=out)
    return {p["seq"]: p for p in json.loads(out.getvalue())["projects"]}


def opened(response) -> Document:
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    return Document(io.BytesIO(response.content))


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture
def written(scenario, finance, admin_user):
    """Project 1 with its texts written and a deduction on its over-achieved line."""
    p1 = project(1)
    record_line_explanation(indicator=line(1, 4), user=finance, text="新设备上半年调试，利用率偏低。")
    record_project_texts(project=p1, user=finance, achievement="完成设备购置 10 台。", problems="验收偏晚。",
                         measures="提前安排验收。")
    record_deduction(indicator=line(1, 1), user=admin_user, points=Decimal(5), reason="年初目标按 8 台测算偏低。")
    return p1


def test_the_project_report_follows_the_outline_with_evaluates_figures_and_the_texts(client, written, finance):
    client.force_login(finance)
    document = opened(client.get(f"/self-evaluation/{written.pk}/report.docx"))
    text = paragraphs(document)
    assert text[0] == "2026年度设备购置经费绩效自评报告"
    assert [t for t in text if t in SECTIONS] == SECTIONS
    figures = evaluate_json()[1]
    rows = table_rows(document.tables[0])
    assert rows[0] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "完成情况"]
    assert rows[1][:7] == ["预算执行率", "", "", "100%", "90.00%", "10.00", cents(figures["budget_points"])]
    assert [(r[5], r[6]) for r in rows[2:-1]] == [
        (cents(i["points_possible"]), cents(i["points"])) for i in figures["indicators"]
    ]
    assert rows[-1][5:7] == ["100.00", cents(figures["total_score"])]
    assert rows[-1][6] == "93.12"  # 98.12 less the deduction of 5
    assert rows[2][7] == "达成，超额较多，偏离度扣分 5.00"
    assert "实际完成情况：完成设备购置 10 台。" in text
    assert "第 4 项「设备利用率」（未达成）：新设备上半年调试，利用率偏低。" in text
    assert "第 1 项「设备购置数」偏离度扣分 5.00 分：年初目标按 8 台测算偏低。" in text
    assert "第 1 项「设备购置数」（超额较多）：（未填写）" in text
    assert "存在问题：验收偏晚。" in text and "改进措施：提前安排验收。" in text
    assert "本项目自评总分 93.12 分，等级为“优”。核心绩效指标 5 项：达成 4 项，未达成 1 项，未填报 0 项。" in text
    assert any(t.startswith("尚有 2 项说明未填写：预算执行（预算执行率 90%，未达 100%）") for t in text)


def test_the_department_report_puts_every_score_on_one_table_then_each_project(client, written, manager):
    client.force_login(manager)
    document = opened(client.get("/exports/2026/self-evaluation-report.docx?department=nbfl"))
    text = paragraphs(document)
    assert text[0] == "宁波市妇女联合会2026年度项目支出绩效自评报告"
    summary = table_rows(document.tables[0])
    figures = evaluate_json()
    assert [(int(r[0]), r[5], r[6]) for r in summary[1:]] == [
        (seq, cents(p["total_score"]), p["grade"]) for seq, p in sorted(figures.items())
    ]
    assert len(document.tables) == 1 + 15
    assert "（一）设备购置经费" in text and "（十五）" in " ".join(text)


def test_readers_of_another_department_get_no_report(client, written, outsider):
    client.force_login(outsider)
    assert client.get(f"/self-evaluation/{written.pk}/report.docx").status_code == 404
    assert client.get("/exports/2026/self-evaluation-report.docx?department=nbfl").status_code == 404


def test_a_bad_as_of_is_a_400(client, written, manager):
    client.force_login(manager)
    assert client.get("/exports/2026/self-evaluation-report.docx?as_of=2025-12-31").status_code == 400


def test_the_command_writes_the_department_or_one_project(written, tmp_path):
    out = StringIO()
    call_command("export_report", str(tmp_path / "dept.docx"), department="nbfl", year=2026, stdout=out)
    assert out.getvalue().startswith("已导出 宁波市妇女联合会 2026 年绩效自评报告（截至 2026-12-20）：项目 15 个")
    assert len(Document(str(tmp_path / "dept.docx")).tables) == 16
    call_command("export_report", str(tmp_path / "p1.docx"), department="nbfl", year=2026, project=1, stdout=out)
    assert table_rows(Document(str(tmp_path / "p1.docx")).tables[0])[-1][6] == "93.12"
