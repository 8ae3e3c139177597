"""Floors: the least any implementation must spend to do the same job, measured in the same run.

- Pages and API: the bare SQL that fetches the rows the page needs (its session or token and user, the user's
  departments, then projects, indicators, indicator reports, expenditures, monitoring notes and adjustments of its
  scope), through the raw cursor, every row fetched into Python tuples. No ORM, no rules, no template.
- Entry save and import: the bare INSERTs of the same rows in one transaction.
- Excel export: XlsxWriter (constant_memory) writing the same cells, formats and merges (benchmarks.xlsx_floor).
"""
import datetime
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

SESSION_SQL = "SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > %s"
TOKEN_SQL = "SELECT user_id FROM authtoken_token WHERE key = %s"
USER_SQL = "SELECT * FROM auth_user WHERE id = %s"
GROUPS_SQL = (
    "SELECT g.name FROM auth_group g JOIN auth_user_groups ug ON ug.group_id = g.id WHERE ug.user_id = %s"
)
DEPARTMENTS_SQL = (
    "SELECT d.* FROM projects_department d JOIN projects_membership m ON m.department_id = d.id WHERE m.user_id = %s"
)


def _scope_sql(where: str) -> list[tuple[str, bool]]:
    """The rows an evaluation of the projects matching `where` (alias p) reads; True: ends with an as-of date."""
    ids = f"SELECT p.id FROM projects_project p WHERE {where}"
    return [
        (f"SELECT p.* FROM projects_project p WHERE {where}", False),
        (f"SELECT i.* FROM projects_indicator i WHERE i.project_id IN ({ids})", False),
        ("SELECT r.* FROM indicators_indicatorreport r JOIN projects_indicator i ON i.id = r.indicator_id"
         f" WHERE i.project_id IN ({ids}) AND r.as_of <= %s", True),
        (f"SELECT e.* FROM indicators_expenditurereport e WHERE e.project_id IN ({ids}) AND e.as_of <= %s", True),
        (f"SELECT n.* FROM indicators_monitoringnote n WHERE n.project_id IN ({ids}) AND n.as_of <= %s", True),
        ("SELECT a.* FROM projects_indicatoradjustment a JOIN projects_indicator i ON i.id = a.indicator_id"
         f" WHERE i.project_id IN ({ids}) AND a.effective_date <= %s", True),
        (f"SELECT b.* FROM projects_budgetadjustment b WHERE b.project_id IN ({ids}) AND b.effective_date <= %s", True),
    ]


def rows_floor(*, where: str, params: list, as_of: datetime.date, user_id: int, session_key: str = "",
               token: str = "", extra: list[tuple[str, list]] = ()) -> Callable[[], int]:
    """The bare-SQL floor of a page or API call; returns how many rows it fetched."""
    statements: list[tuple[str, list]] = []
    if session_key:
        statements.append((SESSION_SQL, [session_key, timezone.now()]))
    if token:
        statements.append((TOKEN_SQL, [token]))
    statements += [(USER_SQL, [user_id]), (GROUPS_SQL, [user_id]), (DEPARTMENTS_SQL, [user_id]), *extra]
    for sql, dated in _scope_sql(where):
        statements.append((sql, [*params, as_of] if dated else list(params)))

    def run() -> int:
        fetched = 0
        with connection.cursor() as cursor:
            for sql, args in statements:
                cursor.execute(sql, args)
                fetched += len(cursor.fetchall())
        return fetched

    return run


REPORT_INSERT = (
    "INSERT INTO indicators_indicatorreport (as_of, note, reason, entered_by_id, entered_at, indicator_id, value, tier,"
    " tier_percent) VALUES (%s, '', '', %s, %s, %s, %s, %s, %s)"
)
EXPENDITURE_INSERT = (
    "INSERT INTO indicators_expenditurereport (as_of, note, reason, over_budget_reason, entered_by_id, entered_at,"
    " project_id, amount) VALUES (%s, '', '', '', %s, %s, %s, %s)"
)


def ledger_insert_floor(*, rows: list[tuple], expenditure: tuple, as_of: datetime.date,
                        user_id: int) -> Callable[[], None]:
    """rows: (indicator_id, value, tier, tier_percent); expenditure: (project_id, amount)."""
    now = timezone.now()
    reports = [(as_of, user_id, now, ind, value, tier, percent) for ind, value, tier, percent in rows]

    def run() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(REPORT_INSERT, reports)
            cursor.execute(EXPENDITURE_INSERT, [as_of, user_id, now, *expenditure])

    return run


def table_insert_floor(*, projects, department_name: str, year: int) -> Callable[[], None]:
    """The department, projects and indicators of a parsed table (projects.importing.ParsedProject)."""

    def run() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO projects_department (name, code) VALUES (%s, %s) RETURNING id",
                [department_name, department_name],
            )
            department_id = cursor.fetchone()[0]
            indicators = []
            for project in projects:
                cursor.execute(
                    "INSERT INTO projects_project (department_id, year, seq, name, overview, budget, own_level,"
                    " transfer, annual_goal, livelihood_standard, code, implementing_unit)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '', '')"
                    " RETURNING id",
                    [department_id, year, project.seq, project.name, project.overview or "", project.budget,
                     project.own_level, project.transfer, project.annual_goal or "", project.livelihood_standard or ""],
                )
                project_id = cursor.fetchone()[0]
                indicators += [
                    (project_id, ind.order, ind.name, ind.operator, ind.target_text, ind.target_value, ind.unit,
                     ind.level1, ind.level2, ind.basis, ind.classes_inferred, ind.points)
                    for ind in project.indicators
                ]
            cursor.executemany(  # every column the import writes (DOMAIN §2's 推断 mark, §4's 分值)
                'INSERT INTO projects_indicator (project_id, "order", name, operator, target_text, target_value,'
                " unit, level1, level2, basis, classes_inferred, points, key)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '')",
                indicators,
            )

    return run
