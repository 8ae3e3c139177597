"""The admin's door onto a year's rule profile (DOMAIN §10): saves and deletes go through the service.

The form shows the service's refusals next to the fields (points not summing to 100, bands out of order); a year
whose projects are submitted shows its profile read-only with the reason, and a POST that slips through is
refused again by the service under lock.
"""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from core.errors import DomainError
from projects.models import RuleProfile
from projects.services.rule_profiles import delete_rule_profile, freeze_refusal, save_rule_profile


class RuleProfileForm(forms.ModelForm):
    class Meta:
        model = RuleProfile
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        years = {cleaned.get("year"), self.initial.get("year")} - {None}
        for year in sorted(years):
            refusal = freeze_refusal(year)
            if refusal:
                raise forms.ValidationError(refusal, code="profile_frozen")
        return cleaned


@admin.register(RuleProfile)
class RuleProfileAdmin(SimpleHistoryAdmin):
    form = RuleProfileForm
    list_display = ["year", "framework", "weighting", "budget_points", "output_points", "cost_points",
                    "benefit_points", "satisfaction_points", "reverse_formula", "excellent_from"]
    fieldsets = [
        (None, {"fields": ["year", "framework", "weighting"]}),
        ("分值（合计 100 分）", {"fields": ["budget_points", "output_points", "cost_points", "benefit_points",
                                         "satisfaction_points"]}),
        ("计分", {"fields": ["reverse_formula", "over_achievement_factor", "bounded_rate_words"]}),
        ("等级", {"fields": ["excellent_from", "good_from", "fair_from"]}),
        ("定性指标的完成档次", {"fields": ["achieved_from", "achieved_default", "partial_from", "partial_default",
                                     "failed_default"]}),
        ("运行监控", {"fields": ["green_ratio", "yellow_ratio"]}),
    ]

    def get_actions(self, request):
        # The bulk delete cannot refuse year by year: deletes go through each profile's own page.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj is not None and freeze_refusal(obj.year))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj is not None and freeze_refusal(obj.year))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        refusal = freeze_refusal(obj.year) if obj is not None else ""
        if request.method == "GET" and refusal:
            messages.warning(request, refusal)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        try:
            save_rule_profile(profile=obj)
        except DomainError as refused:
            # The form asked first; this is a submission made between the form's check and the save.
            raise PermissionDenied(str(refused)) from refused

    def delete_model(self, request, obj):
        delete_rule_profile(profile=obj)
