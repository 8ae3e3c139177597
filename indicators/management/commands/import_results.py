

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from core.progress import TerminalProgress
from indicators.management.clerk_file import clerk_file
from indicators.management.commands.evaluate import find_department
from indicators.services.results_import import import_results
from projects.importing.layouts import parse_mapping_option


class Command(BaseCommand):
    help = (
        "导入自评表的实际完成值（截至该年 12 月 31 日），用于载入上一年度的结果；项目须已按同一张表导入目标"
        "（import_targets）。表中的得分不导入，与本系统计分比较并逐处列出差异。有一处出错则全部不写入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="自评表：.xlsx / .xls / .csv / .txt（UTF-8 或 GB18030）")
        parser.add_argument("--department", required=True, help="部门名称或代码")
        parser.add_argument("--year", type=int, required=True, help="自评的预算年度，如 2025")
        parser.add_argument("--user", required=True, help="填报人用户名（须为该部门财务人员）")
        parser.add_argument("--column", action="append", default=[], metavar="字段=列",
                            help="指定某字段所在的列，如 --column 完成值=H（可重复；未指定的按表头识别）")
        parser.add_argument("--dry-run", action="store_true", help="只校验并列出得分差异，不写入")

    def handle(self, *args, path, department, year, user, column=(), dry_run=False, **options):
        file, writer = clerk_file(path, user)
        progress = TerminalProgress(self.stderr, "导入实际完成值", every=1000)
        try:
            mapping = dict(parse_mapping_option(text) for text in column) or None
            result = import_results(data=file.read_bytes(), filename=file.name, department=find_department(department),
                                    year=year, user=writer, mapping=mapping, dry_run=dry_run, progress=progress)
        except DomainError as error:
            messages = error.flat_messages()
            raise CommandError("导入失败，未写入任何数据：\n" + "\n".join(f"  {m}" for m in messages)) from None
        except ValueError as error:  # a --column that names no field or column
            raise CommandError(str(error)) from None
        finally:
            progress.finish()  # so that a refusal starts on a line of its own
        for difference in result.differences:
            self.stdout.write(f"  {difference}")
        self.stdout.write(result.summary(dry_run=dry_run))
