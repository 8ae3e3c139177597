"""Submission states of the year-end self-evaluation (DOMAIN §9): a ledger of changes and the state it leads to.

`ReviewEvent` rows are appended, never changed; `ProjectReview` is the current state, written in the same
transaction as the event that leads to it (projects/services/review_states.py). The events of a project are
numbered 1, 2, 3… and the state row carries the number of the last one, so two changes made at once cannot both
be stored (the second breaks the unique number), and the state can always be checked against its ledger.
"""
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Q

from projects.choices import REASON_REQUIRED, REVIEW_TRANSITIONS, ReviewAction, ReviewState
from projects.models import Project


class ReviewLedgerError(Exception):
    """Raised when code tries to change or delete a recorded state change."""


class ReviewEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ReviewLedgerError("送审记录只能追加，不能修改。")

    def delete(self):
        raise ReviewLedgerError("送审记录只能追加，不能删除。")


def _transition_constraint():
    allowed = [
        Q(action=action, from_state__in=list(froms), to_state=to)
        for action, (froms, to) in REVIEW_TRANSITIONS.items()
    ]
    return models.CheckConstraint(condition=reduce(or_, allowed), name="review_event_allowed_transition")


class ReviewEvent(models.Model):
    """One change of a project's submission state: who, when, from, to, and the reason when one is required."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="review_events", verbose_name="项目"
    )
    number = models.PositiveIntegerField("序号")
    action = models.CharField("操作", max_length=10, choices=ReviewAction.choices)
    from_state = models.CharField("原状态", max_length=10, choices=ReviewState.choices)
    to_state = models.CharField("新状态", max_length=10, choices=ReviewState.choices)
    reason = models.TextField("原因", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name="操作人")
    at = models.DateTimeField("时间")

    objects = ReviewEventQuerySet.as_manager()

    class Meta:
        verbose_name = "送审记录"
        verbose_name_plural = "送审记录"
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="review_event_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="review_event_number_positive"),
            _transition_constraint(),
            models.CheckConstraint(
                condition=~Q(action__in=list(REASON_REQUIRED)) | ~Q(reason=""), name="review_event_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.project} {self.get_action_display()}（{self.by}）"

    # Append-only is an integrity guard: the admin, the shell and any view hit it.
    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ReviewLedgerError("送审记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ReviewLedgerError("送审记录只能追加，不能删除。")


class ProjectReview(models.Model):
    """A project's current submission state; no row means 填报中 (nothing has happened yet)."""

    project = models.OneToOneField(
        Project, on_delete=models.PROTECT, primary_key=True, related_name="review", verbose_name="项目"
    )
    state = models.CharField("状态", max_length=10, choices=ReviewState.choices, default=ReviewState.DRAFT)
    last_number = models.PositiveIntegerField("最后一条送审记录的序号")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="操作人")
    changed_at = models.DateTimeField("时间")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name="送审人",
    )
    submitted_at = models.DateTimeField("送审时间", null=True, blank=True)

    class Meta:
        verbose_name = "自评状态"
        verbose_name_plural = "自评状态"
        ordering = ["project"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=ReviewState.values), name="project_review_known_state"),
            models.CheckConstraint(condition=Q(last_number__gte=1), name="project_review_has_event"),
            # Whoever 已送审 or 已审核 names its submitter: the reviewer may not be that person (DOMAIN §7).
            models.CheckConstraint(
                condition=~Q(state__in=[ReviewState.SUBMITTED, ReviewState.APPROVED])
                | Q(submitted_by__isnull=False, submitted_at__isnull=False),
                name="project_review_submitted_names_submitter",
            ),
        ]

    def __str__(self):
        return f"{self.project}：{self.get_state_display()}"
