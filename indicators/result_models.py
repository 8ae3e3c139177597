"""Stored per-project results (issue #21 item 4): what the bureau page needs of each project, kept in step with the
ledger inside every writing transaction (indicators/services/results.py) and checked by `manage.py check_results`.

A row is the project's evaluation as of the latest date of any of its dated rows (`valid_from`): it holds only what
does not depend on the day it is read. Time progress does: a 累计 line's level and the budget line's are worked out
by the page from the stored progress (or budget and spent) and the request's time progress, by the same rules;
every other line is stored counted by its level.
"""
from django.db import models

from projects.models import AMOUNT, Project


class ProjectResult(models.Model):
    """One project's figures as the evaluation gives them once every dated row of it is in force."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="result", verbose_name="项目"
    )
    # The latest as-of or effective date among the project's ledger rows, adjustments and deductions (None: none):
    # the row is what the evaluation gives as of any date on or after it.
    valid_from = models.DateField("适用起始日期", null=True, blank=True)
    rules_key = models.CharField("评分规则摘要", max_length=16)  # the rule settings the row was computed with
    budget = models.DecimalField("预算(万元)", **AMOUNT)  # in force
    spent = models.DecimalField("累计支出(万元)", null=True, blank=True, **AMOUNT)  # None: no expenditure reported
    over_budget = models.BooleanField("超支", default=False)
    total = models.DecimalField("总分", max_digits=6, decimal_places=2)
    grade = models.CharField("等级", max_length=4)
    met = models.PositiveIntegerField("达成")
    not_met = models.PositiveIntegerField("未达成")
    no_data = models.PositiveIntegerField("未填报")
    budget_reason = models.BooleanField("预算监控说明有偏差原因", default=False)
    # The indicator lines whose level does not depend on the date (时点, 定性), counted by level, and how many of
    # them are 待说明 (yellow or red without a 偏差原因): the page adds them up without reading each line.
    fixed_green = models.PositiveIntegerField("定级行：绿灯", default=0)
    fixed_yellow = models.PositiveIntegerField("定级行：黄灯", default=0)
    fixed_red = models.PositiveIntegerField("定级行：红灯", default=0)
    fixed_none = models.PositiveIntegerField("定级行：无", default=0)
    fixed_needs = models.PositiveIntegerField("定级行：待说明", default=0)
    # Each 累计 line in published order: [progress (text), has a 偏差原因]; its level depends on the date.
    cumulative = models.JSONField("累计行", default=list)
    computed_at = models.DateTimeField("计算时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "项目评价结果（存储）"
        ordering = ["project"]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.total} {self.grade}"
