"""The bureau's charts: how the city's projects spread over scores and over execution rates (counts only).

Plain JSON for json_script; the bands are computed here from the evaluation, so the browser only draws.
"""
from decimal import Decimal

from core.formatting import cents
from indicators.selectors.bureau import BureauView
from indicators.selectors.rule_settings import rule_settings

SCORE_BANDS = [(Decimal(low), Decimal(low + 10)) for low in range(0, 100, 10)]  # the last band takes 100
RATE_BANDS = [(Decimal(low) / 100, Decimal(low + 10) / 100) for low in range(0, 100, 10)]


def _band_counts(values: list[Decimal], bands: list[tuple[Decimal, Decimal]], *, open_top: bool) -> list[int]:
    counts = [0] * (len(bands) + (1 if open_top else 0))
    for value in values:
        for index, (low, high) in enumerate(bands):
            last = index == len(bands) - 1
            if low <= value < high or (last and not open_top and value == high):
                counts[index] += 1
                break
        else:
            if open_top and value >= bands[-1][1]:
                counts[-1] += 1
            elif value < bands[0][0]:
                counts[0] += 1
    return counts


def bureau_charts(view: BureauView) -> dict:
    scores = [p.total for p in view.every_project]
    rates = [p.execution_rate for p in view.every_project if p.execution_rate is not None]
    return {
        "score": {
            "labels": [f"{low}–{high}" for low, high in SCORE_BANDS],
            "counts": _band_counts(scores, SCORE_BANDS, open_top=False),
            # Bands wholly below the lowest grade line (DOMAIN §4: 差 below 60) are drawn red.
            "low": sum(1 for _, high in SCORE_BANDS if high <= rule_settings(view.year).grade_bands[-1][0]),
        },
        "execution": {
            "labels": [f"{int(low * 100)}%–{int(high * 100)}%" for low, high in RATE_BANDS] + ["≥100%"],
            "counts": _band_counts(rates, RATE_BANDS, open_top=True),
            "no_budget": len(scores) - len(rates),
            "time_progress": cents(view.time_progress * 100),
            "low": 0,
        },
    }
