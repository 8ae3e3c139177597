"""Uploads that are previewed before they are written: the file form, and the file kept between the two steps.

The bytes wait under var/uploads/ (UPLOAD_STAGING_DIR) named by a random token; a small JSON beside them says who
uploaded them, what for and their sha256. Only that user may confirm them, only within UPLOAD_STAGING_SECONDS, and
only if the bytes still hash to what was previewed. Nothing is kept in the session: a workbook may be megabytes.
"""
import hashlib
import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path, PurePath

from django import forms
from django.conf import settings

from core.errors import DomainError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # as the 监控表 upload
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
EXPIRED = "上传的文件已过期或不存在（预览后超过 {minutes} 分钟，或已导入）：请重新上传。"


class UploadFileForm(forms.Form):
    """A file of one of `suffixes`, not empty, at most MAX_UPLOAD_BYTES; `clean_file` returns (name, bytes)."""

    suffixes: tuple[str, ...] = ()
    kind = "文件"

    file = forms.FileField(
        label="文件",
        error_messages={"required": "请选择要上传的文件。", "empty": "文件是空的：请选择填好的文件。",
                        "invalid": "没有收到文件：请重新选择。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = self.kind
        self.fields["file"].widget.attrs.update({"accept": ",".join(self.suffixes), "data-picker": ""})

    def clean_file(self) -> tuple[str, bytes]:
        file = self.cleaned_data["file"]
        suffix = PurePath(file.name).suffix.lower()
        if suffix not in self.suffixes:
            raise forms.ValidationError(
                f"不支持的文件类型「{suffix or file.name}」：请上传 {'、'.join(self.suffixes)} 文件。", code="file_type")
        if file.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB：请检查是否选错了文件。",
                                        code="too_large")
        data = file.read()
        if not data.strip():
            raise forms.ValidationError("文件是空的：请选择填好的文件。", code="empty")
        return file.name, data


class StagedUploadMissing(DomainError):
    """The token names no file this user may confirm (expired, confirmed already, someone else's, altered)."""

    status = 410


@dataclass(frozen=True)
class StagedUpload:
    token: str
    kind: str
    filename: str
    data: bytes
    context: dict  # what the preview was asked with, and what it showed (JSON values)


def _folder() -> Path:
    folder = Path(settings.UPLOAD_STAGING_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _lifetime() -> int:
    return int(settings.UPLOAD_STAGING_SECONDS)


def _remove(folder: Path, token: str) -> None:
    for suffix in (".bin", ".json"):
        (folder / f"{token}{suffix}").unlink(missing_ok=True)


def _sweep(folder: Path) -> None:
    """Drops what has expired, so that abandoned previews do not pile up under var/."""
    oldest = time.time() - _lifetime()
    for path in folder.glob("*.json"):
        try:
            if path.stat().st_mtime < oldest:
                _remove(folder, path.stem)
        except FileNotFoundError:
            continue  # another worker swept it first


def _write(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def stage_upload(*, kind: str, user, filename: str, data: bytes, context: dict) -> str:
    """Keeps the bytes for a later confirmation by the same user; returns the token that names them."""
    folder = _folder()
    _sweep(folder)
    token = secrets.token_urlsafe(24)
    meta = {"kind": kind, "user": user.pk, "filename": filename, "sha256": hashlib.sha256(data).hexdigest(),
            "created": time.time(), "context": context}
    _write(folder / f"{token}.bin", data)
    _write(folder / f"{token}.json", json.dumps(meta, ensure_ascii=False).encode())
    return token


def take_upload(*, token: str, kind: str, user) -> StagedUpload:
    """The staged file, if this user staged it for `kind`, it has not expired and its bytes are unchanged; discarded
    as it is taken, so a second click finds nothing to import."""
    missing = StagedUploadMissing(EXPIRED.format(minutes=_lifetime() // 60))
    if not TOKEN.fullmatch(token or ""):
        raise missing
    folder = _folder()
    try:
        meta = json.loads((folder / f"{token}.json").read_text(encoding="utf-8"))
        data = (folder / f"{token}.bin").read_bytes()
    except (OSError, ValueError):
        raise missing from None
    if meta.get("kind") != kind or meta.get("user") != user.pk:
        raise missing
    _remove(folder, token)
    if time.time() - meta.get("created", 0) > _lifetime() or hashlib.sha256(data).hexdigest() != meta.get("sha256"):
        raise missing
    return StagedUpload(token=token, kind=kind, filename=meta["filename"], data=data, context=meta["context"])
