"""抽查复核 (issue #21): the bureau's reproducible sample of a year's projects, and the notes written on them.

The draw is a pure function of the population (ordered by department code, then 序号), the seed and the share:
the same three give the same projects on any database, whatever the rows' ids.
"""
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from indicators.models import SpotCheckNote
from projects.choices import LOCKED_STATES
from projects.models import Project

DEFAULT_SHARE = Decimal("0.10")
MIN_SHARE, MAX_SHARE = Decimal("0.001"), Decimal(1)


def draw_sample(population: list, *, seed: int, share: Decimal) -> list:
    """ceil(share × n) members of `population` (at least one of a non-empty one), in the population's order."""
    if not population:
        return []
    size = min(len(population), max(1, math.ceil(len(population) * share)))
    picked = set(random.Random(seed).sample(range(len(population)), size))
    return [member for index, member in enumerate(population) if index in picked]


def spot_check_population(*, year: int) -> list[int]:
    """Ids of the projects a sample is drawn from: those whose self-evaluation was sent in (已送审 or 已审核,
    DOMAIN §9), in department code and 序号 order (one query)."""
    sent_in = Project.objects.filter(year=year, review__state__in=LOCKED_STATES)
    return list(sent_in.order_by("department__code", "seq").values_list("pk", flat=True))


def sample_project_ids(*, year: int, seed: int, share: Decimal) -> list[int]:
    return draw_sample(spot_check_population(year=year), seed=seed, share=share)


def current_notes(*, project_ids) -> dict[int, SpotCheckNote]:
    """Each project's current note (the latest one no later note corrects), one query."""
    notes = (
        SpotCheckNote.objects.filter(project_id__in=project_ids, corrected_by__isnull=True)
        .select_related("entered_by").order_by("project_id", "-entered_at", "-id")
    )
    current: dict[int, SpotCheckNote] = {}
    for note in notes:
        current.setdefault(note.project_id, note)
    return current


def current_note(*, project: Project) -> SpotCheckNote | None:
    return current_notes(project_ids=[project.pk]).get(project.pk)


@dataclass(frozen=True)
class SampledProject:
    evaluation: object  # ProjectEvaluation
    note: SpotCheckNote | None
