"""A long export run in the background (issue #21): who asked, what, how far it is, and the file it made."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q


class JobKind(models.TextChoices):
    CITY_WORKBOOK = "city_workbook", "全市评价工作簿"
    CITY_MONITORING = "city_monitoring", "全市监控工作簿"
    DEPARTMENT_REPORT = "department_report", "部门绩效自评报告"


class JobState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class ExportJob(models.Model):
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="申请人")
    kind = models.CharField("类型", max_length=24, choices=JobKind.choices)
    params = models.JSONField("参数", default=dict)  # year, as_of (ISO), department_id for a department's report
    state = models.CharField("状态", max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField("已完成", default=0)  # projects written
    total = models.PositiveIntegerField("总数", default=0)
    file = models.CharField("文件", max_length=255, blank=True)  # a name under settings.JOB_FILES_DIR, never public
    filename = models.CharField("下载文件名", max_length=255, blank=True)
    error = models.TextField("错误", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    # Set when a worker claims the job and at each progress write: a running job is alive while this is recent.
    heartbeat_at = models.DateTimeField("最近进展", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    expires_at = models.DateTimeField("文件保留至", null=True, blank=True)

    class Meta:
        verbose_name = "导出任务"
        verbose_name_plural = "导出任务"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="job_done_within_total"),
            models.CheckConstraint(condition=~Q(state="done") | ~Q(file=""), name="job_done_has_file"),
        ]
        indexes = [models.Index(fields=["requester", "created_at"], name="job_requester_created")]

    def __str__(self):
        return f"{self.get_kind_display()}（{self.get_state_display()}）"
