"""/entry/results/: finance uploads last year's 自评表, sees the actuals it records and the 得分 that differ, confirms.

The preview shows the column each field was read from; 按所选列重新预览 reads the kept file with the columns chosen."""
from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from indicators.forms.results_upload import ResultsUploadForm
from indicators.services.results_uploads import confirm_results_upload, preview_results_upload, remap_results_upload
from indicators.views.uploads import DepartmentUploadPage
from projects.selectors import resolve_year
from projects.views.column_choice import ColumnChoicePage


class ResultsUploadPage(ColumnChoicePage, DepartmentUploadPage):
    template = "indicators/upload_results.html"
    form_class = ResultsUploadForm

    def initial(self) -> dict:
        raw = self.request.GET.get("year")
        return {"year": resolve_year(raw) if raw else timezone.localdate().year - 1}

    def preview(self, cleaned: dict, *, filename: str, data: bytes):
        return preview_results_upload(user=self.user, department=cleaned["department"], year=cleaned["year"],
                                      filename=filename, data=data)

    def refused(self, upload) -> bool:
        return bool(upload.refusals)  # a file with nothing new is not refused, though there is nothing to confirm

    def remap(self, token: str, mapping: dict[str, int]):
        return remap_results_upload(user=self.user, token=token, mapping=mapping)

    def confirm(self, token: str):
        return confirm_results_upload(user=self.user, token=token)

    def written(self, upload) -> bool:
        return upload.recorded

    def confirmed(self, upload) -> tuple[str, str]:
        return f"已导入「{upload.filename}」：{upload.result.summary()}", self.confirmed_url(upload)

    def start_url(self) -> str:
        return reverse("entry:results-upload")


@login_required
@require_http_methods(["GET", "POST"])
def upload_results(request):
    """GET: the form (last year by default); POST: the preview of the 自评表 (nothing written), with 确认导入."""
    return ResultsUploadPage(request).form_page()


@login_required
@require_POST
def results_columns(request):
    """按所选列重新预览: the kept 自评表 previewed again with the columns chosen (nothing written)."""
    return ResultsUploadPage(request).columns_page()


@login_required
@require_POST
def confirm_results(request):
    """确认导入: records the previewed 自评表, or shows what the ledger now refuses and records nothing."""
    return ResultsUploadPage(request).confirm_page()
