"""The styles of both workbooks, by name: a `Cell` names one, the renderer turns each into an XlsxWriter format.

Both are 宋体 with thin borders. The auditors' workbook (汇总表, 自评表, 填报记录, 调整记录) is 11 pt and wraps every
bordered cell; the 监控表 is the denser 财预〔2019〕136号 form at 10 pt, fills each line's 监控等级 with its colour and
tints the cells a project owner fills in.
"""
from indicators import rules

FONT = {"font_name": "宋体", "font_size": 11}
CELL = {**FONT, "border": 1, "valign": "vcenter", "text_wrap": True}
MONEY, PERCENT, SCORE, DATE = "#,##0.00", "0.00%", "0.00", "yyyy-mm-dd"  # number formats of both workbooks
GREY = "#EEF1F4"

EVALUATION: dict[str, dict] = {
    "text": {**CELL, "align": "left"},
    "wrap": {**CELL, "align": "left"},
    "center": {**CELL, "align": "center"},
    "wrap_center": {**CELL, "align": "center"},
    "header": {**CELL, "align": "center", "bold": True, "bg_color": "#D9E1F2"},
    "label": {**CELL, "align": "center", "bold": True, "bg_color": "#F2F2F2"},
    "title": {**FONT, "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"},
    "form_title": {**FONT, "font_size": 18, "bold": True, "align": "center", "valign": "vcenter"},
    "subtitle": {**FONT, "align": "center", "valign": "vcenter"},
    "amount": {**CELL, "align": "right", "num_format": MONEY},
    "number": {**CELL, "align": "right", "num_format": "General"},
    "number_center": {**CELL, "align": "center", "num_format": "General"},
    "score": {**CELL, "align": "right", "num_format": SCORE},
    "percent": {**CELL, "align": "right", "num_format": PERCENT},
    "date": {**CELL, "align": "center", "num_format": DATE},
    "datetime": {**CELL, "align": "center", "num_format": "yyyy-mm-dd hh:mm:ss"},
    "met": {**CELL, "align": "center", "font_color": "#1E7B34", "bg_color": "#E2F0D9"},
    "not_met": {**CELL, "align": "center", "font_color": "#C00000", "bg_color": "#FCE4E4"},
    "no_data": {**CELL, "align": "center", "font_color": "#595959", "bg_color": "#EDEDED"},
    "total_label": {**CELL, "align": "center", "bold": True, "bg_color": "#FFF2CC"},
    "total": {**CELL, "bg_color": "#FFF2CC"},
    "total_amount": {**CELL, "align": "right", "bold": True, "bg_color": "#FFF2CC", "num_format": MONEY},
    "total_score": {**CELL, "align": "right", "bold": True, "num_format": SCORE},
    "grade": {**CELL, "align": "left", "bold": True, "font_size": 12},
    "note": {**FONT, "font_size": 10, "text_wrap": True, "valign": "top", "align": "left"},
}

FORM = {**FONT, "font_size": 10, "border": 1, "valign": "vcenter"}
INPUT_FILL = "#FFFDF0"
LEVEL_FILLS = {rules.Level.GREEN: "#E3F6E8", rules.Level.YELLOW: "#FFF4D1", rules.Level.RED: "#FDE7E6",
               rules.Level.NONE: GREY}

MONITORING: dict[str, dict] = {
    "title": {**FONT, "bold": True, "font_size": 14, "align": "center", "valign": "vcenter"},
    "subtitle": {**FONT, "font_size": 10, "align": "center"},
    "label": {**FORM, "bold": True, "bg_color": GREY, "align": "center", "text_wrap": True},
    "text": {**FORM, "text_wrap": True},
    "status": {**FORM, "align": "center", "font_color": "#8A6100", "bold": True},
    "money": {**FORM, "num_format": MONEY},
    "number": {**FORM, "num_format": "General"},
    "integer": {**FORM, "num_format": "0", "align": "center"},
    "score": {**FORM, "num_format": SCORE},
    "percent": {**FORM, "num_format": PERCENT},
    "date": {**FORM, "num_format": DATE, "align": "left"},
    "input_money": {**FORM, "num_format": MONEY, "bg_color": INPUT_FILL},
    "input_number": {**FORM, "num_format": "General", "bg_color": INPUT_FILL},
    "input_blocked": {**FORM, "bg_color": GREY},
    "input_text": {**FORM, "text_wrap": True, "bg_color": INPUT_FILL},
    "input_center": {**FORM, "align": "center", "bg_color": INPUT_FILL},
    **{f"level_{level.value}": {**FORM, "align": "center", "bg_color": fill} for level, fill in LEVEL_FILLS.items()},
}


def level_style(level: rules.Level) -> str:
    return f"level_{level.value}"
