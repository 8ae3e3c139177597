"""One clerk saving every second through the services while `make load` drives the dashboard (the mixed run).

    python -m benchmarks.clerk --seconds 10

Each second it records the cumulative expenditure of demo-0001's first project, dated a day later each time, as the
entry page's save would; prints how many saves it made. Started by benchmarks.load with the server's environment.
"""
import argparse
import datetime
import time
from decimal import Decimal


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, required=True)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.contrib.auth.models import Group, User

    from core.roles import FINANCE
    from indicators.services.reports import record_expenditure
    from projects.models import Department, Membership, Project

    department = Department.objects.get(code="demo-0001")
    clerk, made = User.objects.get_or_create(username="load-finance")
    if made:
        clerk.groups.add(Group.objects.get(name=FINANCE))
        Membership.objects.create(user=clerk, department=department)
    project = Project.objects.filter(department=department, year=2026).order_by("seq").first()
    first = datetime.date(2026, 9, 1)
    saves = 0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        record_expenditure(project=project, user=clerk, as_of=first + datetime.timedelta(days=saves),
                           amount=(project.budget / 2 + Decimal(saves) / 100).quantize(Decimal("0.01")))
        saves += 1
        time.sleep(max(0.0, 1 - (time.monotonic() - started)))
    print(saves)


if __name__ == "__main__":
    main()
