"""The admin's doors onto a reported year's published values (DOMAIN §8): each goes through projects.services.published.

Once a department-year has reports, its 年初 targets and budgets are read-only here, its projects cannot move to
another year or department, and its projects and indicators are neither added nor deleted. The forms ask the
service's check so that a refusal is shown on the page (the history "revert" view posts the same form), and every
save and delete is written by the service, which asks again under lock. While a project is 已送审 or 已审核, all
of it is read-only (DOMAIN §9: ReviewLock).
"""
from django import forms
from django.contrib import messages
from django.shortcuts import redirect

from projects.importing.profile import import_profile
from projects.models import Project
from projects.points import points_problem
from projects.services.published import (
    delete_indicator,
    delete_project,
    published_change_refusal,
    save_indicator,
    save_project,
    year_has_reports,
)

from core.errors import ConflictError
from projects.choices import LOCKED_STATES
from projects.review_lock import ensure_all_unlocked, ensure_unlocked, locked_message
from projects.written import project_writes

PROJECT_LOCKED = ("department", "year", "budget", "own_level", "transfer")
INDICATOR_LOCKED = ("operator", "target_text", "target_value", "unit", "weight", "points")
LOCKED_MESSAGE = ("本年度已有填报记录：年初目标、预算与分值不能在此直接修改，请由财务人员在「目标调整」中提出、"
                  "分值在项目页面的「调整分值」中提出，由管理员审批。")


def _project_reported(project: Project) -> bool:
    return year_has_reports(department_id=project.department_id, year=project.year)


class PublishedValuesForm(forms.ModelForm):
    """Refuses, next to the form, a change the service would refuse (the form's instance against the stored row)."""

    def _post_clean(self):
        super()._post_clean()
        model = type(self.instance)
        stored = None
        if self.instance.pk is not None:
            rows = model.objects.select_related("project") if hasattr(model, "project") else model.objects
            stored = rows.filter(pk=self.instance.pk).first()
        refusal = published_change_refusal(before=stored, after=self.instance)
        if refusal:
            self.add_error(None, forms.ValidationError(refusal, code="reported_year"))


class IndicatorFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            refusal = published_change_refusal(before=form.instance, after=None)
            if refusal:
                raise forms.ValidationError(refusal, code="reported_year")
        # The form foots (DOMAIN §4): explicit 分值, when given, complete the budget line's points to 100.00.
        kept = [form for form in self.forms
                if form not in self.deleted_forms and (form.instance.pk is not None or form.has_changed())]
        if any(form.errors for form in kept):
            return  # each bad row has its own error first
        points = [form.cleaned_data.get("points") if "points" in form.fields else form.instance.points
                  for form in kept]
        problem = points_problem(points, budget_points=import_profile(self.instance.year).budget_points)
        if problem:
            raise forms.ValidationError(f"分值：{problem}", code="points_do_not_foot")


class _LockedOnceReported:
    locked_fields: tuple[str, ...] = ()

    def project_of(self, obj):
        return obj

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and _project_reported(self.project_of(obj)):
            readonly += [name for name in self.locked_fields if name not in readonly]
        return readonly

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "GET" and obj is not None and _project_reported(self.project_of(obj)):
            messages.warning(request, LOCKED_MESSAGE)
        return super().change_view(request, object_id, form_url, extra_context)


class _WrittenByTheService:
    """Saves and deletes of projects and indicators in the admin: through the service, one row at a time."""

    save_row = delete_row = None

    def get_actions(self, request):
        # The bulk delete cannot refuse row by row: deletes go through each row's own page.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and published_change_refusal(before=obj, after=None):
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        refusal = obj is not None and published_change_refusal(before=obj, after=None)
        if refusal:
            messages.error(request, refusal)
            return redirect(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", obj.pk)
        return super().delete_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        type(self).save_row(obj)

    def delete_model(self, request, obj):
        type(self).delete_row(obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            type(self).delete_row(obj)


class ProjectBudgetLock(_WrittenByTheService, _LockedOnceReported):
    locked_fields = PROJECT_LOCKED

    @staticmethod
    def save_row(project):
        save_project(project=project)

    @staticmethod
    def delete_row(project):
        delete_project(project=project)

    def save_formset(self, request, form, formset, change):
        if formset.model is not form.instance.indicators.model:
            return super().save_formset(request, form, formset, change)
        saved = formset.save(commit=False)
        for indicator in formset.deleted_objects:
            delete_indicator(indicator=indicator)
        for indicator in saved:
            save_indicator(indicator=indicator)
        formset.save_m2m()


class IndicatorTargetLock(_LockedOnceReported):
    """For the inline under a project (obj is the project) and, with IndicatorWrites, for IndicatorAdmin."""

    locked_fields = INDICATOR_LOCKED

    def project_of(self, obj):
        return obj.project if hasattr(obj, "project_id") else obj


class IndicatorInlineLock(IndicatorTargetLock):
    formset = IndicatorFormSet

    def has_add_permission(self, request, obj=None):
        return (obj is None or not _project_reported(obj)) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not _project_reported(obj)) and super().has_delete_permission(request, obj)


class IndicatorWrites(_WrittenByTheService, IndicatorTargetLock):
    locked_fields = INDICATOR_LOCKED + ("project",)

    @staticmethod
    def save_row(indicator):
        save_indicator(indicator=indicator)

    @staticmethod
    def delete_row(indicator):
        delete_indicator(indicator=indicator)
# --- The review lock (DOMAIN §9): a project 已送审 or 已审核 is shown, never changed, in the admin ----------------

def review_lock_message(project_id) -> str:
    """DOMAIN §9's refusal when the project is locked, else ''; reads without locking (for pages and forms)."""
    found = Project.objects.filter(pk=project_id).values_list("year", "review__state").first()
    if found is None or found[1] not in LOCKED_STATES:
        return ""
    return locked_message(year=found[0], state=found[1])


class ReviewLock:
    """For ProjectAdmin and IndicatorAdmin: a locked project's rows are read-only and cannot be deleted.

    The page refuses first (no change permission: a POST is 403, the form shows read-only); `save_model` and the
    deletions check again under the project's lock inside the admin's transaction, so nothing is ever stored.
    """

    def project_id_of(self, obj):
        return obj.project_id if hasattr(obj, "project_id") else obj.pk

    def _locked(self, obj) -> str:
        return review_lock_message(self.project_id_of(obj)) if obj is not None and obj.pk else ""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        message = self._locked(obj)
        if request.method == "GET" and message:
            messages.warning(request, message)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        project_id = self.project_id_of(obj)
        with project_writes():  # the project's stored result refreshed inside the admin's transaction
            if project_id is not None:
                ensure_unlocked(project_id)
            super().save_model(request, obj, form, change)

    def delete_queryset(self, request, queryset):
        ids = {self.project_id_of(obj) for obj in queryset}
        try:
            with project_writes():
                ensure_all_unlocked(ids)
                super().delete_queryset(request, queryset)
        except ConflictError as refused:
            messages.error(request, f"未删除任何记录：{refused}")
