"""The pages of an upload that is previewed before it is written (the file waits between the steps in core.uploads).

Every such page has one shape: the form; its POST shows what the file would write and what is refused, under the
same form again, nothing written; 确认导入 writes it, or, when the data moved on since the preview (a line saved, a
project submitted), shows the new preview with 409 and writes nothing. A page subclasses `StagedUploadPage` and
says only what differs: who may upload, its form, its two services, its template and where a confirmation leads.
"""
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from core.uploads import StagedUploadMissing


class StagedUploadPage:
    """One request to an upload page; its views call `form_page` (GET and POST) and `confirm_page` (POST)."""

    template: str
    form_class: type[forms.Form]
    forbidden: str  # the 403's words for whoever `may_upload` refuses

    def __init__(self, request):
        self.request = request
        self.user = request.user

    # What each page says.

    def may_upload(self) -> bool:
        raise NotImplementedError

    def form_kwargs(self) -> dict:
        return {}

    def initial(self) -> dict:
        """The empty form's values."""
        raise NotImplementedError

    def initial_again(self, upload) -> dict:
        """The form shown under a preview, filled with what that upload was asked with."""
        raise NotImplementedError

    def preview(self, cleaned: dict, *, filename: str, data: bytes):
        """The preview service's upload (it has `confirmable` and `token`)."""
        raise NotImplementedError

    def confirm(self, token: str):
        """The confirmation service's upload (raises StagedUploadMissing)."""
        raise NotImplementedError

    def written(self, upload) -> bool:
        raise NotImplementedError

    def confirmed(self, upload) -> tuple[str, str]:
        """The message of a written upload and the address it leads to."""
        raise NotImplementedError

    def start_url(self) -> str:
        """Where a token that finds no file leads, with its message."""
        raise NotImplementedError

    def refused(self, upload) -> bool:
        """A preview shown with 400."""
        return not upload.confirmable

    def context(self, upload=None) -> dict:
        """What the template needs besides `form` and `upload`."""
        return {}

    # The flow.

    def form_page(self) -> HttpResponse:
        """GET: the empty form; POST: the preview of the chosen file (nothing written)."""
        self.check_access()
        if self.request.method == "GET":
            return self.show(self.form_class(initial=self.initial(), **self.form_kwargs()))
        form = self.form_class(self.request.POST, self.request.FILES, **self.form_kwargs())
        if not form.is_valid():
            return self.show(form, status=400)
        filename, data = form.cleaned_data["file"]
        return self.show_preview(self.preview(form.cleaned_data, filename=filename, data=data))

    def confirm_page(self) -> HttpResponse:
        """确认导入: writes the previewed file and leads on, or shows why it now writes nothing (409)."""
        self.check_access()
        try:
            upload = self.confirm(self.request.POST.get("token", ""))
        except StagedUploadMissing as missing:
            return self.start_again(missing)
        if not self.written(upload):
            return self.show_preview(upload, status=409)
        message, url = self.confirmed(upload)
        messages.success(self.request, message)
        return redirect(url)

    def check_access(self) -> None:
        if not self.may_upload():
            raise PermissionDenied(self.forbidden)

    def start_again(self, missing: StagedUploadMissing) -> HttpResponse:
        messages.error(self.request, str(missing))
        return redirect(self.start_url())

    def show_preview(self, upload, *, status: int | None = None) -> HttpResponse:
        form = self.form_class(initial=self.initial_again(upload), **self.form_kwargs())
        return self.show(form, upload, status=status or (400 if self.refused(upload) else 200))

    def show(self, form, upload=None, *, status: int = 200) -> HttpResponse:
        context = {"form": form} | ({"upload": upload} if upload is not None else {}) | self.context(upload)
        return render(self.request, self.template, context, status=status)
