from django.core.management.base import BaseCommand, CommandError

from core.progress import TerminalProgress
from indicators.management.clerk_file import add_clerk_file_arguments, clerk_file
from indicators.management.commands.evaluate import find_department
from indicators.monitoring_import.service import import_monitoring
from indicators.monitoring_import.sheets import Refusals


class Command(BaseCommand):
    help = "导入填好的监控表（导出的 .xlsx 格式，工作表可调换顺序，行不可调换）；有一处出错则全部不导入。"

    def add_arguments(self, parser):
        add_clerk_file_arguments(parser)

    def handle(self, *args, path, department, year, user, **options):
        file, writer = clerk_file(path, user)
        progress = TerminalProgress(self.stderr, "读取监控表项目", every=100)
        try:
            summary = import_monitoring(
                source=file, department=find_department(department), year=year, user=writer, file_name=file.name,
                progress=progress,
            )
        except Refusals as exc:
            raise CommandError("导入失败，未写入任何记录：\n" + "\n".join(exc.messages)) from None
        finally:
            progress.finish()  # so that a refusal starts on a line of its own
        self.stdout.write(
            f"截至 {summary.as_of:%Y-%m-%d}：{summary.projects} 个项目，写入监控说明 {summary.notes} 条，"
            f"未改动 {summary.unchanged} 行。"
        )
