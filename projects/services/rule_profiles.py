"""The one write path of a year's rule profile (DOMAIN §10): validated, and frozen once the year is submitted.

A profile's points must sum to 100 (RuleProfile.clean). Once any project of its year is 已送审 or 已审核, the
year's scores are being signed: its profile no longer changes, nor is it removed (which would bring the built-in
profile back). The check runs under the locks of the year's projects, the ones the review service takes before
changing a state, so a submission and a change of the profile run one after the other. The year's scores depend on
its profile: a save or a removal marks every project of the year as written, so their stored results are refreshed
in the same transaction (projects/written.py).
"""
from django.core.exceptions import ValidationError
from core.errors import DomainError
from projects.choices import LOCKED_STATES
from projects.models import Project, ProjectReview, RuleProfile
from projects.vocabulary import Framework
from projects.written import mark_written, writes_projects


def year_framework(year: int) -> Framework:
    """The indicator framework of the year's profile; 10号 for a year without one (one query)."""
    found = RuleProfile.objects.filter(year=year).values_list("framework", flat=True).first()
    return Framework(found) if found else Framework.FIN_10


def frozen_message(year: int, count: int) -> str:
    return (f"{year} 年已有 {count} 个项目的自评已送审或已审核，该年度的评分规则已冻结，不能修改或删除；"
            f"如确需修改，请先将这些项目退回。")


def freeze_refusal(year: int | None) -> str:
    """Why the year's profile may not change ('' when it may); one query, no lock (for pages and forms)."""
    if year is None:
        return ""
    count = ProjectReview.objects.filter(project__year=year, state__in=LOCKED_STATES).count()
    return frozen_message(year, count) if count else ""


def _ensure_not_frozen(years: set[int]) -> None:
    """Refuses a frozen year; else the year's projects are locked and marked as written (their scores change)."""
    for year in sorted(years):
        projects = list(Project.objects.select_for_update().filter(year=year).values_list("pk", flat=True))
        refusal = freeze_refusal(year)
        if refusal:
            raise DomainError(refusal)
        mark_written(projects)


def _stored_year(profile: RuleProfile) -> int | None:
    if profile.pk is None:
        return None
    return RuleProfile.objects.filter(pk=profile.pk).values_list("year", flat=True).first()


@writes_projects
def save_rule_profile(*, profile: RuleProfile) -> RuleProfile:
    """Validates and stores a profile; DomainError (with each field's message) when refused."""
    try:
        profile.full_clean()
    except ValidationError as invalid:
        errors = {("" if field == "__all__" else field): list(messages)
                  for field, messages in invalid.message_dict.items()}
        raise DomainError(errors) from None
    _ensure_not_frozen({profile.year, _stored_year(profile)} - {None})
    profile.save()
    return profile


@writes_projects
def delete_rule_profile(*, profile: RuleProfile) -> None:
    """Removes a profile (its year goes back to the built-in one), unless the year is frozen."""
    _ensure_not_frozen({_stored_year(profile) or profile.year})
    profile.delete()
