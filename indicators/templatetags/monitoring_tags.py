"""Monitoring levels on pages: always colour plus text (绿灯/黄灯/红灯), never colour alone."""
from django import template
from django.utils.html import format_html

from indicators import rules
from indicators.services.monitoring import LIKELIHOOD_LABELS, reasons_text

register = template.Library()


@register.filter
def level_badge(level) -> str:
    level = rules.Level(level)
    return format_html('<span class="badge {} level">{}</span>', level.value, rules.LEVEL_LABELS[level])


@register.filter
def likelihood_label(code: str) -> str:
    return LIKELIHOOD_LABELS.get(code, "")


@register.filter
def note_reasons(note) -> str:
    return reasons_text(note) if note is not None else ""
