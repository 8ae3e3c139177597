from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from core.progress import TerminalProgress
from indicators.demo_data import analyze, load_demo


class Command(BaseCommand):
    help = (
        "生成演示数据：N 个部门共 M 个项目，形如 2026 年汇总表（运算符、单位、指标分类同表），"
        "约 70% 的指标有填报、多数项目有支出。同样的参数生成同样的数据（用于 make bench）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--departments", type=int, default=1, help="部门数（默认 1）")
        parser.add_argument("--projects", type=int, default=15, help="项目总数，平均分到各部门（默认 15）")
        parser.add_argument("--seed", type=int, default=2026, help="随机数种子（默认 2026）")
        parser.add_argument("--year", type=int, default=2026, help="预算年度（默认 2026）")

    def handle(self, *args, departments, projects, seed, year, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"年度不合理：{year}")
        progress = TerminalProgress(self.stderr, "生成项目", every=1000)
        try:
            counts = load_demo(departments=departments, projects=projects, seed=seed, year=year, progress=progress)
        except DomainError as error:
            raise CommandError(str(error)) from None
        finally:
            progress.finish()
        analyze()
        self.stdout.write(
            f"已生成 {year} 年演示数据：部门 {counts.departments} 个、项目 {counts.projects} 个、"
            f"指标 {counts.indicators} 个、指标填报 {counts.reports} 条、支出填报 {counts.expenditures} 条、"
            f"监控说明 {counts.notes} 条（种子 {seed}）。"
        )
