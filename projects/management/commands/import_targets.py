import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from projects.importing import import_published_table, summary


class Command(BaseCommand):
    help = (
        "导入部门的项目绩效目标汇总表（.txt/.tsv 制表符分隔，或 .xlsx）。全部校验通过才写入；"
        "再次导入同一张表不作改动；本年度已有填报时，目标和预算的变更作为已批准的调整记录（须 --reason）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="汇总表文件：.txt / .tsv（UTF-8 或 GB18030）或 .xlsx")
        parser.add_argument("--department", required=True, help="部门名称或代码；不存在时按名称新建")
        parser.add_argument("--year", type=int, required=True, help="预算年度，如 2026")
        parser.add_argument("--dry-run", action="store_true", help="只校验并列出变更，不写入数据库")
        parser.add_argument("--reason", help="调整原因（本年度已有填报时必填）")
        parser.add_argument("--effective", help="调整生效日期 YYYY-MM-DD（默认今天）")
        parser.add_argument("--user", help="操作人用户名（本年度已有填报时必填）")

    def handle(self, *args, path, department, year, dry_run, reason=None, effective=None, user=None, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"年度不合理：{year}")
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror or error}") from None
        try:
            plan = import_published_table(
                data, filename=path, department=department, year=year, dry_run=dry_run,
                user=self._user(user), reason=reason, effective=self._date(effective, year),
            )
        except DomainError as error:
            messages = [m for ms in error.errors.values() for m in ms]
            raise CommandError("导入失败，未写入任何数据：\n" + "\n".join(f"  {m}" for m in messages)) from None
        if options["verbosity"] >= 2:
            for line in plan.change_list():
                self.stdout.write(f"  {line}")
        if options["verbosity"] >= 1:
            self.stdout.write(summary(plan, dry_run=dry_run))

    def _user(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"没有用户「{username}」") from None

    def _date(self, text, year):
        if not text:
            return None
        try:
            date = datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"生效日期格式应为 YYYY-MM-DD：'{text}'") from None
        if date.year != year:
            raise CommandError(f"生效日期应在预算年度 {year} 年内：{text}")
        return date
