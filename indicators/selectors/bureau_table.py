"""The bureau's table of departments: its filters (grade, level, submission state, 待说明 only) and its order;
no query."""
from dataclasses import dataclass

from indicators.selectors.bureau import DepartmentRow
from indicators.selectors.dashboard_table import LEVEL_FILTERS, SEVERITY
from indicators.selectors.rule_settings import grade_labels
from projects.choices import ReviewState


def _grade_rank(grade: str) -> int:
    labels = grade_labels()
    return labels.index(grade) if grade in labels else len(labels)


# Each sortable column: its key in ?sort= and how a row is compared (None sorts last either way).
SORT_COLUMNS = {
    "code": lambda r: r.department.code,
    "name": lambda r: r.department.name,
    "projects": lambda r: r.totals.projects,
    "budget": lambda r: r.totals.budget,
    "spent": lambda r: r.totals.spent,
    "rate": lambda r: r.totals.execution_rate,
    "level": lambda r: SEVERITY[r.level],
    "met": lambda r: r.totals.met,
    "not_met": lambda r: r.totals.not_met,
    "no_data": lambda r: r.totals.no_data,
    "score": lambda r: r.average_score,
    "grade": lambda r: _grade_rank(r.grade),
    "red": lambda r: r.red_projects,
    "yellow": lambda r: r.yellow_projects,
    "needs": lambda r: r.totals.needs_explanation,
    "submitted": lambda r: r.submitted,
}
DEFAULT_SORT = "code"


@dataclass(frozen=True)
class BureauQuery:
    grade: str = ""
    level: str = ""
    state: str = ""  # a submission state: departments with at least one project in it
    needs_explanation: bool = False
    sort: str = DEFAULT_SORT
    descending: bool = False

    @property
    def filtered(self) -> bool:
        return bool(self.grade or self.level or self.state or self.needs_explanation)

    def keeps(self, row: DepartmentRow) -> bool:
        return (
            (not self.grade or row.grade == self.grade)
            and (not self.level or row.level.value == self.level)
            and (not self.state or row.states[self.state] > 0)
            and (not self.needs_explanation or row.totals.needs_explanation > 0)
        )


def read_bureau_query(params) -> BureauQuery:
    """?grade= ?level= ?needs= ?sort= ?dir=, unknown values dropped."""
    grade, level, sort = params.get("grade", ""), params.get("level", ""), params.get("sort", DEFAULT_SORT)
    state = params.get("state", "")
    return BureauQuery(
        grade=grade if grade in grade_labels() else "",
        level=level if level in {lv.value for lv in LEVEL_FILTERS} else "",
        state=state if state in ReviewState.values else "",
        needs_explanation=params.get("needs") == "1",
        sort=sort if sort in SORT_COLUMNS else DEFAULT_SORT,
        descending=params.get("dir") == "desc",
    )


def department_rows(rows: list[DepartmentRow], query: BureauQuery) -> list[DepartmentRow]:
    """The departments the query keeps, in its order; ties keep the order of codes."""
    kept = [row for row in rows if query.keeps(row)]
    key = SORT_COLUMNS[query.sort]
    present = [r for r in kept if key(r) is not None]
    missing = [r for r in kept if key(r) is None]
    present.sort(key=key, reverse=query.descending)
    return present + missing


# The table's columns: (sort key, header, numeric). First click: codes and names ascending, the best grade first,
# every figure largest first.
COLUMNS = [
    ("code", "代码", False),
    ("name", "部门", False),
    ("projects", "项目数", True),
    ("budget", "预算(万元)", True),
    ("spent", "支出(万元)", True),
    ("rate", "执行率", True),
    ("level", "执行状态", False),
    ("met", "达成", True),
    ("not_met", "未达成", True),
    ("no_data", "未填报", True),
    ("score", "平均得分", True),
    ("grade", "等级", False),
    ("red", "红灯项目", True),
    ("yellow", "黄灯项目", True),
    ("needs", "待说明", True),
    ("submitted", "已送审", True),
]
ASCENDING_FIRST = {"code", "name", "grade"}
