from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from indicators.services.results import check_results


class Command(BaseCommand):
    help = ("按台账重算每个项目的存储评价结果（财政局总览所读），与已存储的逐项比较并列出差异；"
            "有差异时退出码为 1（--fix 修复后也是，再运行一次应为 0）。--fix 用重算结果替换有差异的行。")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="只检查这一预算年度（默认：所有年度）")
        parser.add_argument("--fix", action="store_true", help="用重算结果替换有差异或缺少的存储行")

    def handle(self, *args, year, fix, **options):
        with transaction.atomic():  # the rebuild reads one consistent ledger; --fix writes in the same transaction
            differences = check_results(year=year, fix=fix)
        for difference in differences:
            self.stdout.write(str(difference))
        projects = len({d.project_id for d in differences})
        scope = f"{year} 年" if year else "所有年度"
        if not differences:
            self.stdout.write(f"{scope}：存储结果与台账重算一致（0 处差异）。")
            return
        done = "，已按重算结果修复" if fix else "；运行 --fix 修复"
        raise CommandError(f"{scope}：{projects} 个项目共 {len(differences)} 处差异{done}。")  # exit status 1
