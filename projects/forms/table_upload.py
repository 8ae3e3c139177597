"""The upload form of /projects/: a published table (as `manage.py import_targets` reads) for a department-year."""
from django import forms

from core.uploads import UploadFileForm
from projects.forms.adjustments import DATE_FORMATS
from projects.importing.reader import CSV_SUFFIXES, TEXT_SUFFIXES, XLS_SUFFIXES, XLSX_SUFFIXES


class TableUploadForm(UploadFileForm):
    suffixes = tuple(sorted(TEXT_SUFFIXES | CSV_SUFFIXES)) + tuple(sorted(XLSX_SUFFIXES | XLS_SUFFIXES))
    kind = "项目绩效目标表（.xlsx、.xls、.csv，或制表符分隔的 .txt/.tsv）"

    department = forms.CharField(
        label="部门", max_length=200, help_text="部门名称或代码；填写新名称则新建部门。",
        error_messages={"required": "请填写部门名称或代码。", "max_length": "部门名称过长：最多 200 个字符。"},
    )
    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100, error_messages={
        "required": "请填写预算年度。", "invalid": "请填写年份，如 2026。",
        "min_value": "年度应在 2000–2100 之间。", "max_value": "年度应在 2000–2100 之间。"})
    reason = forms.CharField(
        label="调整原因", required=False, max_length=2000, widget=forms.TextInput(attrs={"size": 40}),
        help_text="本年度已有填报时必填：目标和预算的变更将作为已批准的调整记录。",
        error_messages={"max_length": "调整原因过长：最多 2000 个字符。"},
    )
    effective = forms.DateField(
        label="调整生效日期", required=False, input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), help_text="默认今天。",
        error_messages={"invalid": "请输入有效的日期，如 2026-09-01。"},
    )
    field_order = ["department", "year", "file", "reason", "effective"]

    def clean(self):
        cleaned = super().clean()
        effective, year = cleaned.get("effective"), cleaned.get("year")
        if effective and year and effective.year != year:
            self.add_error("effective", f"生效日期应在预算年度 {year} 年内。")
        return cleaned
