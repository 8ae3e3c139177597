"""Which evidence files are accepted (DOMAIN §9), judged by their content, not only by their name. Plain Python.

A file is accepted when its extension is one of ACCEPTED and its first bytes (and, for the zip family, its table of
contents) are what that kind of file starts with. A renamed program (`setup.exe` called `报告.pdf`) is refused.
"""
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

PDF = b"%PDF-"
JPEG = b"\xff\xd8\xff"
PNG = b"\x89PNG\r\n\x1a\n"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Word 97–2003 and Excel 97–2003
ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with entries, an empty zip
PROGRAMS = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf")


@dataclass(frozen=True)
class Kind:
    label: str  # what a person calls it, in messages
    content_type: str


ACCEPTED = {
    "pdf": Kind("PDF 文件", "application/pdf"),
    "ofd": Kind("OFD 版式文件", "application/ofd"),
    "jpg": Kind("JPEG 图片", "image/jpeg"),
    "jpeg": Kind("JPEG 图片", "image/jpeg"),
    "png": Kind("PNG 图片", "image/png"),
    "doc": Kind("Word 97–2003 文档", "application/msword"),
    "docx": Kind("Word 文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xls": Kind("Excel 97–2003 工作簿", "application/vnd.ms-excel"),
    "xlsx": Kind("Excel 工作簿", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "zip": Kind("ZIP 压缩包", "application/zip"),
}
ACCEPTED_TEXT = "pdf、ofd、jpg、png、doc、docx、xls、xlsx、zip"


class RefusedFile(ValueError):
    """The file is not one of the accepted kinds, or its content does not match its name; the message is Chinese."""


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _zip_names(handle: BinaryIO) -> set[str]:
    try:
        with zipfile.ZipFile(handle) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise RefusedFile("压缩文件已损坏，无法打开：请检查后重新上传。") from exc


def _matches(ext: str, head: bytes, handle: BinaryIO) -> bool:
    if ext == "pdf":
        return head.startswith(PDF)
    if ext in ("jpg", "jpeg"):
        return head.startswith(JPEG)
    if ext == "png":
        return head.startswith(PNG)
    if ext in ("doc", "xls"):
        return head.startswith(OLE2)
    if not head.startswith(ZIP):
        return False
    names = _zip_names(handle)
    if ext == "ofd":
        return "OFD.xml" in names
    if ext == "docx":
        return "[Content_Types].xml" in names and "word/document.xml" in names
    if ext == "xlsx":
        return "[Content_Types].xml" in names and "xl/workbook.xml" in names
    return True  # zip: any archive


def check_file(name: str, handle: BinaryIO) -> Kind:
    """The kind of an uploaded file whose content agrees with its extension; RefusedFile otherwise.

    `handle` is a seekable binary file; it is left at its start.
    """
    ext = extension(name)
    kind = ACCEPTED.get(ext)
    if kind is None:
        shown = f"“.{ext}”" if ext else "没有扩展名的文件"
        raise RefusedFile(f"不接受{shown}：佐证材料只能是 {ACCEPTED_TEXT} 文件。")
    handle.seek(0)
    head = handle.read(16)
    try:
        if head.startswith(PROGRAMS):
            raise RefusedFile(f"「{name}」的内容是可执行程序或脚本，不是{kind.label}：不能上传。")
        if not _matches(ext, head, handle):
            raise RefusedFile(f"「{name}」的内容不是{kind.label}（文件内容与扩展名不符）：请上传原始文件。")
    finally:
        handle.seek(0)
    return kind
