"""The stable JSON contract of `evaluate --format json` (numbers as strings, full precision)."""
from core.formatting import decimal_string as dec
from indicators.selectors.evaluation import Evaluation, IndicatorEvaluation, ProjectEvaluation


def note_json(note) -> dict | None:
    if note is None:
        return None
    return {
        "id": note.id,
        "as_of": note.as_of.isoformat(),
        "forecast": dec(note.forecast),
        "reasons": note.reasons,
        "reason_other": note.reason_other_text,
        "likelihood": note.likelihood or None,
        "measures": note.measures,
    }


def indicator_json(line: IndicatorEvaluation) -> dict:
    score = line.score
    return {
        "order": line.indicator.order,
        "name": line.indicator.name,
        "operator": line.target.operator,
        "target_text": line.target.target_text,
        "target_value": dec(line.target.target_value),
        "unit": line.target.unit,
        "level1": line.indicator.level1,
        "level2": line.indicator.level2,
        "actual": dec(line.actual),
        "tier": line.tier or None,
        "status": score.status.value,
        "ratio": dec(score.ratio),
        "points_possible": dec(score.points_possible),
        "points": dec(score.points),
        "flags": [flag.value for flag in score.flags],
        "explanation": score.explanation,
        "monitoring_level": line.level.value,
        "progress": dec(line.progress),
        "monitoring": note_json(line.note),
        "needs_explanation": line.needs_explanation,
    }


def project_json(project: ProjectEvaluation) -> dict:
    score = project.score
    return {
        "seq": project.project.seq,
        "name": project.project.name,
        "budget": dec(project.budget.budget),
        "initial_budget": dec(project.project.budget),
        "spent": dec(project.spent),
        "execution_rate": dec(project.execution_rate),
        "over_budget": project.over_budget,
        "budget_points": dec(score.budget.points),
        "indicator_points": {level.value: dec(points) for level, points in score.class_scores.items()},
        "total_score": dec(score.total),
        "grade": score.grade,
        "met": score.met,
        "not_met": score.not_met,
        "no_data": score.no_data,
        "budget_level": project.budget_level.value,
        "monitoring_level": project.monitoring_level.value,
        "needs_explanation": project.needs_explanation,
        "forecast_score": dec(project.forecast_score),
        "budget_monitoring": note_json(project.budget_note),
        "indicators": [indicator_json(line) for line in project.indicators],
    }


def evaluation_json(evaluation: Evaluation, *, department: str) -> dict:
    return {
        "department": department,
        "year": evaluation.year,
        "as_of": evaluation.as_of.isoformat(),
        "time_progress": dec(evaluation.time_progress),
        "projects": [project_json(p) for p in evaluation.projects],
    }
