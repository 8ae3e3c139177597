"""The seed as editable rows, a command runner and snapshots of what an import wrote."""
import io
import re
from decimal import Decimal

from django.core.management import call_command

from projects.models import Department, Indicator, Project
from tests.conftest import DEPARTMENT_NAME, SEED

# Columns of the published layout, by position in the seed.
SEQ, NAME, OVERVIEW, BUDGET, OWN, TRANSFER, GOAL, IND_NAME, OPERATOR, TARGET, UNIT, LIVELIHOOD = range(12)


class Table:
    """The seed as a list of lines of cells; `set(12, BUDGET, "4.6万")` edits the cell of line 12."""

    def __init__(self):
        self.lines = [line.split("\t") for line in SEED.read_text(encoding="utf-8").split("\n")]

    def set(self, line: int, column: int, value: str) -> "Table":
        self.lines[line - 1][column] = value
        return self

    def cell(self, line: int, column: int) -> str:
        return self.lines[line - 1][column]

    def delete(self, line: int) -> "Table":
        del self.lines[line - 1]
        return self

    def insert(self, line: int, cells: list[str]) -> "Table":
        """Inserts a row that becomes line `line`."""
        self.lines.insert(line - 1, cells)
        return self

    def set_budget(self, line: int, amount: str) -> "Table":
        """A new 本级 budget for the project of `line`, with the 合计 row and the closing sentence to match."""
        return self.set(line, BUDGET, amount).set(line, OWN, amount).retotal()

    def retotal(self) -> "Table":
        """The 合计 row and the closing sentence recomputed from the project rows."""
        projects = [cells for cells in self.lines if cells[0].isdigit()]
        total = next(cells for cells in self.lines if cells[0] == "合计")
        for column in (BUDGET, OWN, TRANSFER):
            total[column] = f"{sum(Decimal(cells[column]) for cells in projects):,}"
        sentence = next(cells for cells in self.lines if "本级部门预算项目" in cells[0])
        own = sum(Decimal(cells[OWN]) for cells in projects)
        sentence[0] = re.sub(r"本级部门预算项目\d+个,预算金额[\d.]+", f"本级部门预算项目{len(projects)}个,预算金额{own}",
                             sentence[0])
        return self

    def repeated(self, copies: int) -> "Table":
        """The seed's projects `copies` times over, numbered on and named 设备购置经费（2）… from the second copy:
        a large table in the published layout, totals to match."""
        first = next(i for i, cells in enumerate(self.lines) if cells[0] == "1")
        end = next(i for i, cells in enumerate(self.lines) if cells[0] == "合计")
        block, rows, seq = self.lines[first:end], [], 0
        for copy in range(1, copies + 1):
            for cells in block:
                cells = list(cells)
                if cells[0].isdigit():
                    seq += 1
                    cells[0] = str(seq)
                    cells[NAME] = cells[NAME] if copy == 1 else f"{cells[NAME]}（{copy}）"
                rows.append(cells)
        self.lines[first:end] = rows
        return self.retotal()

    def text(self) -> str:
        return "\n".join("\t".join(cells) for cells in self.lines)


def indicator_row(name: str, operator: str, target: str, unit: str) -> list[str]:
    return [""] * 7 + [name, operator, target, unit, ""]


def run_import(path, *, department: str = DEPARTMENT_NAME, year: int = 2026, **options) -> str:
    """Runs the command as `manage.py import_targets` would and returns what it printed."""
    out = io.StringIO()
    call_command("import_targets", str(path), department=department, year=year, stdout=out, **options)
    return out.getvalue()


def counts() -> tuple[int, int, int]:
    return Department.objects.count(), Project.objects.count(), Indicator.objects.count()


def snapshot(year: int = 2026, department: str = DEPARTMENT_NAME) -> list[tuple]:
    """Everything the import writes for a department-year, ids left out."""
    projects = Project.objects.filter(year=year, department__name=department).prefetch_related("indicators")
    return [
        (
            p.seq, p.name, p.overview, p.budget, p.own_level, p.transfer, p.annual_goal, p.livelihood_standard,
            [
                (i.order, i.name, i.operator, i.target_text, i.target_value, i.unit, i.level1, i.level2, i.basis,
                 i.weight)
                for i in p.indicators.all()
            ],
        )
        for p in projects
    ]
