"""`make bench` cases of the finance bureau (issue #21): the city page, fresh, and the city's workbook as its job
writes it. A module of its own, registered by one line in benchmarks/measure.py.

- `bureau`: `/bureau/` for a 财政人员 (the page is never cached), read from the projects' stored results (issue #21
  item 4, kept in step by every write); its floor is the bare SQL of the same rows (session, user, groups, every
  project of the year with its department and stored result, the submission states). Goals: ≤ 300 ms and ≤ 3× the
  floor at 100/1,500; ≤ 1.5 s at 1,000/15,000.
- `bureau_evaluated`: the same page as of a day before the generated rows' latest date, which the stored results
  do not stand for: every project evaluated afresh from the ledger; its floor is the bare SQL of every project of
  the year and its ledger rows (no goal: the figure says what a past as-of costs).
- `bureau_city_export`: `write_city_workbook` (the background job's work) of every project of the year; the
  throughput is projects per second (the data table's project count over the median).
"""
import datetime
import io

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.utils import timezone

from benchmarks import floors
from benchmarks.cases import AS_OF, YEAR, Case, Context, _fixed, _get
from core.roles import BUREAU

STATES_SQL = ("SELECT p.department_id, r.state, COUNT(*) FROM projects_projectreview r JOIN projects_project p"
              " ON p.id = r.project_id WHERE p.year = %s GROUP BY p.department_id, r.state")


STORED_SQL = (
    "SELECT p.id, p.seq, p.name, p.year, p.department_id, d.code, d.name, r.* FROM projects_project p"
    " JOIN projects_department d ON d.id = p.department_id LEFT JOIN indicators_projectresult r"
    " ON r.project_id = p.id WHERE p.year = %s ORDER BY d.code, p.seq"
)


def _stored_floor(*, user_id: int, session_key: str):
    statements = [(floors.SESSION_SQL, [session_key, timezone.now()]), (floors.USER_SQL, [user_id]),
                  (floors.GROUPS_SQL, [user_id]), (STORED_SQL, [YEAR]), (STATES_SQL, [YEAR])]

    def run() -> int:
        fetched = 0
        with connection.cursor() as cursor:
            for sql, args in statements:
                cursor.execute(sql, args)
                fetched += len(cursor.fetchall())
        return fetched

    return run


def bureau_cases(ctx: Context) -> list[Case]:
    clerk = User.objects.create_user(username="bench-czj", first_name="bench-czj")
    clerk.groups.add(Group.objects.get(name=BUREAU))
    client = Client()
    client.force_login(clerk)
    session = client.session.session_key
    page = _get(client, f"/bureau/?year={YEAR}&as_of={AS_OF.isoformat()}")
    floor = _fixed(_stored_floor(user_id=clerk.pk, session_key=session))
    before = AS_OF - datetime.timedelta(days=1)
    evaluated = _get(client, f"/bureau/?year={YEAR}&as_of={before.isoformat()}")
    ledger_floor = _fixed(floors.rows_floor(where="p.year = %s", params=[YEAR], as_of=before, user_id=clerk.pk,
                                            session_key=session, extra=[(STATES_SQL, [YEAR])]))

    def city_export():
        from indicators.exports.city import write_city_workbook

        write_city_workbook(form="evaluation", year=YEAR, as_of=AS_OF, output=io.BytesIO())

    return [
        Case("bureau", "财政局 `/bureau/` (every department, fresh: never cached; stored results)", page, floor,
             "SQL"),
        Case("bureau_evaluated", "财政局 `/bureau/` as of a day before the latest rows (evaluated from the ledger)",
             evaluated, ledger_floor, "SQL"),
        Case("bureau_city_export", "city workbook job `write_city_workbook` (every project, in memory)",
             _fixed(city_export), note="throughput: projects ÷ median seconds"),
    ]
