"""A year's rule profile as pages and scripts show it: monitoring bands, full marks, grade lines.

Templates and JavaScript read these instead of typing 80 %, 60 %, 100 or 90/80/60, so a year whose profile an
admin changed gets screens that agree with its scores. Pages take `rule_profile(year)` into their context; scripts
read `profile.json` through `json_script` (numbers as strings, as every figure handed to a script).
"""
from dataclasses import dataclass

from core import formatting
from indicators.selectors.rule_settings import grade_labels, rule_settings


@dataclass(frozen=True)
class RuleProfile:
    full_marks_text: str  # a project's highest total in a sentence: 满分 100
    full_marks_points: str  # … in a column of points: 100.00
    green: str  # progress ÷ time progress from which a line is green: 80%
    yellow: str  # … and yellow, below the green band: 60%
    grades: list[str]  # best first: 优, 良, 中, 差
    json: dict  # for scripts: full marks, the ratios, the grade lines and the grades


def rule_profile(year: int) -> RuleProfile:
    profile = rule_settings(year)
    full_marks = profile.full_marks  # DOMAIN §4
    grades = grade_labels(profile)
    return RuleProfile(
        full_marks_text=formatting.compact(full_marks),
        full_marks_points=formatting.points(full_marks),
        green=formatting.compact_percent(profile.green_ratio),
        yellow=formatting.compact_percent(profile.yellow_ratio),
        grades=grades,
        json={
            "full_marks": formatting.cents(full_marks),
            "green_ratio": formatting.decimal_string(profile.green_ratio),
            "yellow_ratio": formatting.decimal_string(profile.yellow_ratio),
            "grade_lines": [{"score": formatting.cents(low), "grade": label} for low, label in profile.grade_bands],
            "grades": grades,
        },
    )
