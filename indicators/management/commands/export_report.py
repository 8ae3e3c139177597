from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.parsing import parse_date
from indicators.management.commands.evaluate import find_department
from indicators.reports.docx import write_docx
from indicators.reports.self_evaluation import department_report, project_report
from indicators.selectors.review import review_stamps
from indicators.selectors.dates import default_as_of
from indicators.selectors.year_end import self_evaluations
from projects.models import Project


class Command(BaseCommand):
    help = "导出绩效自评报告（Word）：一个部门一个年度的全部项目，或 --project 指定的一个项目（按财预〔2020〕10号提纲）。"

    def add_arguments(self, parser):
        parser.add_argument("output", help="输出文件路径，如 2026-自评报告.docx")
        parser.add_argument("--department", required=True, help="部门名称或代码")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--project", type=int, help="只导出该序号的项目")
        parser.add_argument("--as-of", dest="as_of", help="截至日期 YYYY-MM-DD，默认今天（限于该年度内）")

    def handle(self, *args, output, department, year, project, as_of, **options):
        dept = find_department(department)
        date = parse_date(as_of) if as_of else default_as_of(year)
        if date is None or date.year != year:
            raise CommandError(f"截至日期应为 {year} 年内的日期，格式 YYYY-MM-DD：{as_of}")
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"输出目录不存在：{path.parent}")
        ids = None
        if project is not None:
            found = Project.objects.filter(department=dept, year=year, seq=project).values_list("pk", flat=True)
            if not found:
                raise CommandError(f"{dept.name} {year} 年没有序号为 {project} 的项目")
            ids = list(found)
        states = self_evaluations(year=year, as_of=date, departments=[dept], project_ids=ids)
        if not states:
            raise CommandError(f"{dept.name} {year} 年没有项目")
        stamps = review_stamps([state.project.pk for state in states])
        blocks = (project_report(states[0], stamp=stamps.get(states[0].project.pk)) if ids else
                  department_report(states, department=dept, year=year, as_of=date, stamps=stamps))
        write_docx(blocks, str(path))
        missing = sum(len(state.missing) for state in states)
        self.stdout.write(f"已导出 {dept.name} {year} 年绩效自评报告（截至 {date:%Y-%m-%d}）：项目 {len(states)} 个，"
                          f"尚缺说明 {missing} 项，到 {path}")
