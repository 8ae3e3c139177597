import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from core.parsing import parse_date
from indicators.presenters.contract import evaluation_json
from indicators.presenters.text_table import evaluation_table
from indicators.selectors.dates import default_as_of
from indicators.selectors.evaluation import evaluate
from projects.models import Department


def find_department(name_or_code: str) -> Department:
    """The department of that name, else of that code (one query)."""
    found = list(Department.objects.filter(Q(name=name_or_code) | Q(code=name_or_code)).order_by("pk"))
    department = next((d for d in found if d.name == name_or_code), None) or next(
        (d for d in found if d.code == name_or_code), None
    )
    if department is None:
        raise CommandError(f"没有找到部门：{name_or_code}")
    return department


class Command(BaseCommand):
    help = "按截至日期评价一个部门一个年度的全部项目与指标（DOMAIN §3–5）。"

    def add_arguments(self, parser):
        parser.add_argument("--department", required=True, help="部门名称或代码")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--as-of", dest="as_of", help="截至日期 YYYY-MM-DD，默认今天（限于该年度内）")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, department, year, as_of, format, **options):
        dept = find_department(department)
        date = parse_date(as_of) if as_of else default_as_of(year)
        if date is None:
            raise CommandError(f"截至日期格式应为 YYYY-MM-DD：{as_of}")
        evaluation = evaluate(year=year, as_of=date, departments=[dept])
        if not evaluation.projects:
            raise CommandError(f"{dept.name} {year} 年没有项目：请先导入绩效目标表。")
        if format == "json":
            self.stdout.write(json.dumps(evaluation_json(evaluation, department=dept.name), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(evaluation_table(evaluation, department=dept.name))
