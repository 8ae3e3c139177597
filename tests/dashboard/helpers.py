"""Reading a rendered page the way a person reads it (a table's cells as text); many projects at once."""
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

from indicators.models import ExpenditureReport, IndicatorReport
from projects.models import Indicator, Project


class _Tables(HTMLParser):
    def __init__(self, table_id: str):
        super().__init__()
        self.table_id = table_id
        self.depth = 0  # >0 while inside the wanted table
        self.section = ""
        self.rows: dict[str, list[list[str]]] = {"thead": [], "tbody": [], "tfoot": []}
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and (self.depth or dict(attrs).get("id") == self.table_id):
            self.depth += 1
        if not self.depth:
            return
        if tag in self.rows:
            self.section = tag
        elif tag == "tr":
            self.rows[self.section or "tbody"].append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag in ("td", "th") and self.cell is not None:
            self.rows[self.section or "tbody"][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.cell is not None:
            self.cell.append(data)


def table(page: str, table_id: str) -> dict[str, list[list[str]]]:
    """{'thead': [...], 'tbody': [...], 'tfoot': [...]}: each row a list of its cells' visible text."""
    parser = _Tables(table_id)
    parser.feed(page)
    assert any(parser.rows.values()), f"no table #{table_id}"
    return parser.rows


def body_rows(page: str, table_id: str) -> list[list[str]]:
    return table(page, table_id)["tbody"]


def seqs(rows) -> list[int]:
    """Each row's 序号 (its first cell) as a number."""
    return [int(row[0]) for row in rows]


def add_projects(department, user, count: int, *, year: int = 2026) -> None:
    """`count` projects of a year (2026 unless told) with three indicators each (产出, 效益, 满意度) and reports on most of them."""
    projects = Project.objects.bulk_create(
        Project(department=department, year=year, seq=seq, name=f"压力测试项目 {seq}", budget=Decimal("100.00"),
                own_level=Decimal("100.00"), transfer=Decimal(0))
        for seq in range(1, count + 1)
    )
    indicators = Indicator.objects.bulk_create(
        indicator
        for p in projects
        for indicator in (
            Indicator(project=p, order=1, name="服务人次", operator="≥", target_text="100", target_value=100,
                      unit="人次", level1="产出指标", level2="数量指标"),
            Indicator(project=p, order=2, name="持续影响", operator="", level1="效益指标", level2="社会效益指标"),
            Indicator(project=p, order=3, name="满意度", operator="≥", target_text="90", target_value=90, unit="%",
                      level1="满意度指标", level2="服务对象满意度指标"),
        )
    )
    as_of = date(year, 11, 20)
    IndicatorReport.objects.bulk_create(
        IndicatorReport(indicator=i, value=Decimal(80 + i.project.seq % 40), as_of=as_of, entered_by=user)
        for i in indicators if i.order != 2 and i.project.seq % 3
    )
    ExpenditureReport.objects.bulk_create(
        ExpenditureReport(project=p, amount=Decimal(p.seq % 100), as_of=as_of, entered_by=user) for p in projects
    )
