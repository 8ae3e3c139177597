"""The upload form of /entry/results/: a 自评表 (as `manage.py import_results` reads) for one of the clerk's departments."""
from django import forms

from indicators.forms.uploads import DepartmentUploadForm
from projects.importing.reader import CSV_SUFFIXES, TEXT_SUFFIXES, XLS_SUFFIXES, XLSX_SUFFIXES


class ResultsUploadForm(DepartmentUploadForm):
    suffixes = tuple(sorted(TEXT_SUFFIXES | CSV_SUFFIXES)) + tuple(sorted(XLSX_SUFFIXES | XLS_SUFFIXES))
    kind = "自评表（.xlsx、.xls、.csv，或制表符分隔的 .txt/.tsv）"
    what = "自评表"

    year = forms.IntegerField(label="自评年度", min_value=2000, max_value=2100, error_messages={
        "required": "请填写自评年度。", "invalid": "请填写年份，如 2025。",
        "min_value": "年度应在 2000–2100 之间。", "max_value": "年度应在 2000–2100 之间。"})
    field_order = ["department", "year", "file"]
