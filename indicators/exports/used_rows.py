"""Which ledger rows and adjustments the figures came from, gathered while the projects stream by.

The 「填报记录」 and 「调整记录」 sheets mark those rows; collecting their ids (not the evaluations) lets the workbook
let go of each project once its sheets are written.
"""
from dataclasses import dataclass, field

from indicators.selectors.evaluation import ProjectEvaluation


@dataclass
class UsedRows:
    reports: set[int] = field(default_factory=set)
    expenditures: set[int] = field(default_factory=set)
    notes: set[int] = field(default_factory=set)
    target_adjustments: set[int] = field(default_factory=set)
    budget_adjustments: set[int] = field(default_factory=set)
    points_adjustments: set[int] = field(default_factory=set)

    def add(self, project: ProjectEvaluation) -> None:
        if project.expenditure is not None:
            self.expenditures.add(project.expenditure.id)
        if project.budget_note is not None:
            self.notes.add(project.budget_note.id)
        if project.budget.adjustment is not None:
            self.budget_adjustments.add(project.budget.adjustment.id)
        if project.points_adjustment_id is not None:
            self.points_adjustments.add(project.points_adjustment_id)
        for line in project.indicators:
            if line.report is not None:
                self.reports.add(line.report.id)
            if line.note is not None:
                self.notes.add(line.note.id)
            if line.adjusted:
                self.target_adjustments.add(line.target.adjustment.id)
