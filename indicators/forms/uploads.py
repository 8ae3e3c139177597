"""The upload form of /entry/: a reports file (as `manage.py import_reports` reads) for one of the clerk's departments."""
from django import forms

from core.uploads import UploadFileForm
from indicators.reports_import.reader import SUFFIXES


class DepartmentUploadForm(UploadFileForm):
    """A file for one of the clerk's departments (chosen by code; `clean_department` gives the Department)."""
    what = "填报"  # 只能导入您所在部门的…

    department = forms.ChoiceField(label="部门")

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = {d.code: d for d in departments}
        field = self.fields["department"]
        field.choices = [(d.code, d.name) for d in departments]
        field.error_messages = {"required": "请选择部门。",
                                "invalid_choice": f"只能导入您所在部门的{self.what}：请选择您所在的部门。"}

    def clean_department(self):
        return self.departments[self.cleaned_data["department"]]


class ReportsUploadForm(DepartmentUploadForm):
    suffixes = SUFFIXES
    kind = "填好的填报表（.csv 或 .xlsx）"

    year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput,
                              error_messages={"invalid": "年度不正确。", "required": "年度不正确。"})
    field_order = ["department", "file", "year"]
