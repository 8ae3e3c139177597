from django.core.management.base import BaseCommand, CommandError

from core.progress import TerminalProgress
from indicators.management.clerk_file import add_clerk_file_arguments, clerk_file
from indicators.management.commands.evaluate import find_department
from indicators.reports_import.service import ImportRefused, import_reports, preview_reports


class Command(BaseCommand):
    help = "从 CSV（UTF-8 或 GB18030）或 .xlsx 批量导入实际完成值与累计支出；有一行出错则全部不导入。"

    def add_arguments(self, parser):
        add_clerk_file_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="只校验并列出将写入的各行（原值 → 新值），不写入")

    def handle(self, *args, path, department, year, user, dry_run=False, **options):
        file, writer = clerk_file(path, user)
        asked = {"data": file.read_bytes(), "filename": file.name, "department": find_department(department),
                 "year": year, "user": writer}
        if dry_run:
            preview = preview_reports(**asked)
            for row in preview.rows:
                self.stdout.write(f"第 {row.line} 行 项目 {row.project_seq}「{row.project_name}」{row.item}："
                                  f"{row.old} → {row.new}（截至 {row.as_of:%Y-%m-%d}）{row.note}")
            if preview.refusals:
                raise CommandError("试运行：以下各行将被拒绝，不会写入任何记录：\n" + "\n".join(preview.refusals))
            self.stdout.write(f"【试运行，未写入】将导入{preview.summary()}。")
            return
        progress = TerminalProgress(self.stderr, "导入行", every=1000)
        try:
            summary = import_reports(**asked, progress=progress)
        except ImportRefused as exc:
            raise CommandError("导入失败，未写入任何记录：\n" + "\n".join(exc.messages)) from None
        finally:
            progress.finish()
        self.stdout.write(f"已导入{summary.summary()}。")
