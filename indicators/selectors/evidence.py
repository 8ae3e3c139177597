"""Reads of evidence files (佐证材料): a project's files grouped by the line they belong to, in one query."""
from dataclasses import dataclass, field

from indicators.evidence_models import EvidenceFile
from projects.models import Project

PROJECT = "project"
BUDGET = "budget"


@dataclass
class EvidenceGroup:
    """The files of one line: the project as a whole, the budget line, or an indicator (`key` is its id)."""

    key: str | int
    label: str
    files: list[EvidenceFile] = field(default_factory=list)

    @property
    def form_prefix(self) -> str:
        return f"evidence-{self.key}"

    @property
    def shown(self) -> int:
        return sum(1 for file in self.files if not is_removed(file))


def is_removed(file: EvidenceFile) -> bool:
    return getattr(file, "removal", None) is not None


def project_files(project: Project):
    """Every file of the project, removed ones too, oldest first, with who and the removal (one query)."""
    return (EvidenceFile.objects.filter(project=project)
            .select_related("entered_by", "indicator", "removal__removed_by").order_by("entered_at", "id"))


def evidence_groups(*, project: Project, indicators) -> list[EvidenceGroup]:
    """The project's files by line, in the page's order: the project, the budget line, each indicator.

    `indicators` are the project's indicators as the page already holds them, so this costs one query.
    """
    groups = {PROJECT: EvidenceGroup(PROJECT, "项目整体"), BUDGET: EvidenceGroup(BUDGET, "预算执行")}
    for indicator in indicators:
        groups[indicator.pk] = EvidenceGroup(indicator.pk, f"{indicator.order}. {indicator.name}")
    for file in project_files(project):
        key = file.indicator_id or (BUDGET if file.budget_line else PROJECT)
        groups[key].files.append(file)
    return list(groups.values())
