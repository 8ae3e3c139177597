"""Whether anything was reported against planned rows, asked by relation name.

The ledgers (reports, expenditures) are the judging side's models; what was planned only needs to know whether they
exist (a reported year changes by adjustment, DOMAIN §8), so it follows the relations they declare instead of
importing them.
"""
from collections.abc import Iterable

from django.db.models import QuerySet

from projects.models import Indicator, Project


def any_reports(project_ids: Iterable[int] | QuerySet) -> bool:
    """Whether any of the projects has an indicator report or an expenditure: two queries, as before."""
    return (
        Indicator.objects.filter(project_id__in=project_ids, reports__isnull=False).exists()
        or Project.objects.filter(pk__in=project_ids, expenditures__isnull=False).exists()
    )
