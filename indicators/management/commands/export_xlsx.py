from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from core.parsing import parse_date
from core.progress import TerminalProgress
from indicators.exports.city import write_city_workbook
from indicators.exports.workbook import write_evaluation_workbook
from indicators.management.commands.evaluate import find_department
from indicators.selectors.dates import default_as_of, latest_round


class Command(BaseCommand):
    help = (
        "导出一个部门一个年度的 Excel：评价表（汇总表、每个项目的自评表、填报记录、调整记录），"
        "或 --form monitoring 导出绩效运行监控表；--city 导出全市各部门的汇总工作簿（评价或监控）。"
        "在终端上显示进度。"
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="输出文件路径，如 2026.xlsx")
        parser.add_argument("--department", help="部门名称或代码（不用 --city 时必填）")
        parser.add_argument("--city", action="store_true", help="全市：每个部门一行、每个项目一行（财政局的工作簿）")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--as-of", dest="as_of", help="截至日期 YYYY-MM-DD；评价表默认今天（限于该年度内），监控表默认最近一轮监控")
        parser.add_argument("--form", choices=["evaluation", "monitoring"], default="evaluation",
                            help="evaluation：评价表（默认）；monitoring：监控表")

    def handle(self, *args, output, department, year, as_of, form, city=False, **options):
        date = self._as_of(as_of, year, form)
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"输出目录不存在：{path.parent}")
        if city:
            return self._city(path, year=year, as_of=date, form=form)
        if not department:
            raise CommandError("请用 --department 指定部门，或用 --city 导出全市。")
        dept = find_department(department)
        progress = TerminalProgress(self.stderr, f"{dept.name} 项目", every=500)
        try:
            if form == "monitoring":
                from indicators.exports.monitoring import write_monitoring_workbook  # another area's module

                write_monitoring_workbook(department=dept, year=year, as_of=date, output=str(path))
                self.stdout.write(f"已导出 {dept.name} {year} 年监控表（截至 {date:%Y-%m-%d}）到 {path}")
                return
            summary = write_evaluation_workbook(department=dept, year=year, as_of=date, output=str(path),
                                                progress=progress)
        except DomainError as error:
            raise CommandError(str(error)) from None
        finally:
            progress.finish()
        self.stdout.write(
            f"已导出 {summary.department} {year} 年评价表（截至 {date:%Y-%m-%d}）：项目 {summary.projects} 个、"
            f"指标 {summary.indicators} 个、工作表 {summary.sheets} 张，到 {path}"
        )

    def _city(self, path: Path, *, year: int, as_of, form: str) -> None:
        progress = TerminalProgress(self.stderr, "全市项目", every=1000)
        try:
            written = write_city_workbook(form=form, year=year, as_of=as_of, output=str(path), progress=progress)
        finally:
            progress.finish()
        label = "评价" if form == "evaluation" else "监控"
        self.stdout.write(f"已导出 {year} 年全市{label}汇总（截至 {as_of:%Y-%m-%d}）：项目 {written} 个，到 {path}")

    def _as_of(self, raw, year, form):
        if raw:
            date = parse_date(raw)
            if date is None:
                raise CommandError(f"截至日期格式应为 YYYY-MM-DD：{raw}")
            if date.year != year:
                raise CommandError(f"截至日期应在 {year} 年内：{raw}")
            return date
        return latest_round(year) if form == "monitoring" else default_as_of(year)
