"""`make bench` cases of the finance bureau (issue #21): the city page, fresh, and the city's workbook as its job
writes it. A module of its own, registered by one line in benchmarks/measure.py.

- `bureau`: `/bureau/` for a 财政人员, every department of the year evaluated afresh (the page is never cached);
  its floor is the bare SQL of the same rows (session, user, groups, every project of the year and its ledger rows,
  the submission states). Goals: ≤ 300 ms and ≤ 3× the floor at 100/1,500; ≤ 1.5 s at 1,000/15,000.
- `bureau_city_export`: `write_city_workbook` (the background job's work) of every project of the year; the
  throughput is projects per second (the data table's project count over the median).
"""
import io

from django.contrib.auth.models import Group, User
from django.test import Client

from benchmarks import floors
from benchmarks.cases import AS_OF, YEAR, Case, Context, _fixed, _get
from core.roles import BUREAU

STATES_SQL = ("SELECT p.department_id, r.state, COUNT(*) FROM projects_projectreview r JOIN projects_project p"
              " ON p.id = r.project_id WHERE p.year = %s GROUP BY p.department_id, r.state")


def bureau_cases(ctx: Context) -> list[Case]:
    clerk = User.objects.create_user(username="bench-czj", first_name="bench-czj")
    clerk.groups.add(Group.objects.get(name=BUREAU))
    client = Client()
    client.force_login(clerk)
    session = client.session.session_key
    page = _get(client, f"/bureau/?year={YEAR}&as_of={AS_OF.isoformat()}")
    floor = _fixed(floors.rows_floor(where="p.year = %s", params=[YEAR], as_of=AS_OF, user_id=clerk.pk,
                                     session_key=session, extra=[(STATES_SQL, [YEAR])]))

    def city_export():
        from indicators.exports.city import write_city_workbook

        write_city_workbook(form="evaluation", year=YEAR, as_of=AS_OF, output=io.BytesIO())

    return [
        Case("bureau", "财政局 `/bureau/` (every department, fresh: never cached)", page, floor, "SQL"),
        Case("bureau_city_export", "city workbook job `write_city_workbook` (every project, in memory)",
             _fixed(city_export), note="throughput: projects ÷ median seconds"),
    ]
