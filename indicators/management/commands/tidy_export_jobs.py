from django.conf import settings
from django.core.management.base import BaseCommand

from indicators.jobs.service import tidy_jobs


class Command(BaseCommand):
    # Starting an export or opening a job tidies too; this is for a scheduler (cron, a systemd timer), so that files
    # past their keeping time leave the disk even when nobody exports for days.
    help = (f"整理后台导出任务：删除超过保留期限（JOB_FILE_HOURS，当前 {settings.JOB_FILE_HOURS} 小时）的导出文件，"
            f"并把超过 JOB_STALE_MINUTES（当前 {settings.JOB_STALE_MINUTES} 分钟）没有进展的任务标为中断。"
            "可由 cron 每小时运行一次。")

    def handle(self, *args, **options):
        removed, settled = tidy_jobs()
        self.stdout.write(f"已删除过期导出文件 {removed} 个；标为中断的任务 {settled} 个。")
