import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from core.progress import TerminalProgress
from projects.importing import import_published_table, summary
from projects.importing.layouts import parse_mapping_option


class Command(BaseCommand):
    help = (
        "导入部门的项目绩效目标表（汇总表，或其他单位的目标表、申报表、自评表：.txt/.tsv 制表符分隔、.csv、.xlsx、.xls，"
        "UTF-8 或 GB18030）。列按表头识别，可用 --column 指定。全部校验通过才写入；"
        "再次导入同一张表不作改动；本年度已有填报时，目标和预算的变更作为已批准的调整记录（须 --reason）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="表格文件：.txt / .tsv / .csv（UTF-8 或 GB18030）、.xlsx 或 .xls")
        parser.add_argument("--department", required=True, help="部门名称或代码；不存在时按名称新建")
        parser.add_argument("--year", type=int, required=True, help="预算年度，如 2026")
        parser.add_argument("--dry-run", action="store_true", help="只校验并列出变更，不写入数据库")
        parser.add_argument("--reason", help="调整原因（本年度已有填报时必填）")
        parser.add_argument("--effective", help="调整生效日期 YYYY-MM-DD（默认今天）")
        parser.add_argument("--user", help="操作人用户名（本年度已有填报时必填）")
        parser.add_argument("--column", action="append", default=[], metavar="字段=列",
                            help="指定某字段所在的列，如 --column 指标值=F --column 单位=G（可重复；未指定的按表头识别）")

    def handle(self, *args, path, department, year, dry_run, reason=None, effective=None, user=None, column=(),
               **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"年度不合理：{year}")
        try:
            mapping = dict(parse_mapping_option(text) for text in column) or None
        except ValueError as error:
            raise CommandError(str(error)) from None
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror or error}") from None
        progress = TerminalProgress(self.stderr, "写入项目", every=500)
        try:
            plan = import_published_table(
                data, filename=path, department=department, year=year, dry_run=dry_run,
                user=self._user(user), reason=reason, effective=self._date(effective, year), mapping=mapping,
                progress=progress if options["verbosity"] >= 1 else None,
            )
        except DomainError as error:
            messages = error.flat_messages()
            raise CommandError("导入失败，未写入任何数据：\n" + "\n".join(f"  {m}" for m in messages)) from None
        finally:
            progress.finish()  # so that a refusal starts on a line of its own
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
