"""Small real files of each accepted kind, built in memory, and a renamed program."""
import io
import zipfile

from openpyxl import Workbook

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(13) + b"\x00\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32) + b"\xff\xd9"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"This program cannot be run in DOS mode." * 4


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx() -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def xlsx() -> bytes:
    buffer = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "问卷 50 份"
    book.save(buffer)
    return buffer.getvalue()


def ofd() -> bytes:
    return zipped({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"})
