"""The upload form of /entry/: a reports file (as `manage.py import_reports` reads) for one of the clerk's departments."""
from django import forms

from core.uploads import UploadFileForm
from indicators.reports_import.reader import SUFFIXES


class ReportsUploadForm(UploadFileForm):
    suffixes = SUFFIXES
    kind = "填好的填报表（.csv 或 .xlsx）"

    department = forms.ChoiceField(label="部门", error_messages={
        "required": "请选择部门。", "invalid_choice": "只能导入您所在部门的填报：请选择您所在的部门。"})
    year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput,
                              error_messages={"invalid": "年度不正确。", "required": "年度不正确。"})
    field_order = ["department", "file", "year"]

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = {d.code: d for d in departments}
        self.fields["department"].choices = [(d.code, d.name) for d in departments]

    def clean_department(self):
        return self.departments[self.cleaned_data["department"]]
