"""The bureau's charts: how the city's projects spread over scores and over execution rates (counts only).

Plain JSON for json_script; the bands are computed here from the evaluation, so the browser only draws.
"""
from bisect import bisect_right
from decimal import Decimal

from core.formatting import cents
from indicators.selectors.bureau import BureauView
from indicators.selectors.rule_settings import rule_settings

SCORE_BANDS = [(Decimal(low), Decimal(low + 10)) for low in range(0, 100, 10)]  # the last band takes 100
RATE_BANDS = [(Decimal(low) / 100, Decimal(low + 10) / 100) for low in range(0, 100, 10)]


def _band_counts(values: list[Decimal], bands: list[tuple[Decimal, Decimal]], *, open_top: bool) -> list[int]:
    """How many values fall in each band [low, high) (the last band takes its top unless `open_top`: then one more
    band counts every value from the top up); values below the first band count in it. Bands are contiguous, so
    each value's band is found by bisection: a city is 15,000 projects."""
    counts = [0] * (len(bands) + (1 if open_top else 0))
    lows, top = [low for low, _ in bands], bands[-1][1]
    for value in values:
        if value >= top:
            if open_top:
                counts[-1] += 1
            elif value == top:
                counts[len(bands) - 1] += 1
            continue
        counts[max(0, bisect_right(lows, value) - 1)] += 1
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
