"""Which files are evidence (DOMAIN §9): judged by content, and the extension must agree. No database."""
import io

import pytest

from indicators.evidence_types import RefusedFile, check_file
from tests.evidence import files


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("问卷统计.pdf", files.PDF, "application/pdf"),
    ("验收单.OFD", files.ofd(), "application/ofd"),
    ("现场照片.jpg", files.JPEG, "image/jpeg"),
    ("现场照片.jpeg", files.JPEG, "image/jpeg"),
    ("截图.png", files.PNG, "image/png"),
    ("旧版通知.doc", files.OLE2, "application/msword"),
    ("旧版台账.xls", files.OLE2, "application/vnd.ms-excel"),
    ("总结.docx", files.docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("签到表.xlsx", files.xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("照片打包.zip", files.zipped({"a.jpg": files.JPEG}), "application/zip"),
])
def test_each_accepted_kind_is_recognised_by_its_content(name, data, content_type):
    handle = io.BytesIO(data)
    assert check_file(name, handle).content_type == content_type
    assert handle.tell() == 0  # left at the start, ready to be hashed and stored


def test_a_renamed_program_is_refused_as_a_program():
    with pytest.raises(RefusedFile, match="「报告.pdf」的内容是可执行程序或脚本，不是PDF 文件：不能上传。"):
        check_file("报告.pdf", io.BytesIO(files.PROGRAM))


@pytest.mark.parametrize(("name", "data", "says"), [
    ("照片.jpg", files.PNG, "「照片.jpg」的内容不是JPEG 图片（文件内容与扩展名不符）"),
    ("总结.docx", files.zipped({"notes.txt": b"x"}), "「总结.docx」的内容不是Word 文档"),
    ("总结.docx", files.xlsx(), "「总结.docx」的内容不是Word 文档"),
    ("签到表.xlsx", files.docx(), "「签到表.xlsx」的内容不是Excel 工作簿"),
    ("验收单.ofd", files.docx(), "「验收单.ofd」的内容不是OFD 版式文件"),
    ("通知.doc", files.PDF, "「通知.doc」的内容不是Word 97–2003 文档"),
    ("扫描件.pdf", b"just some text that says %PDF later", "「扫描件.pdf」的内容不是PDF 文件"),
])
def test_content_that_does_not_match_the_extension_is_refused(name, data, says):
    with pytest.raises(RefusedFile, match=says):
        check_file(name, io.BytesIO(data))


@pytest.mark.parametrize(("name", "says"), [
    ("setup.exe", "不接受“.exe”：佐证材料只能是 pdf、ofd、jpg、png、doc、docx、xls、xlsx、zip 文件。"),
    ("说明.txt", "不接受“.txt”"),
    ("没有扩展名", "不接受没有扩展名的文件"),
])
def test_other_kinds_are_refused_by_name(name, says):
    with pytest.raises(RefusedFile, match=says):
        check_file(name, io.BytesIO(files.PDF))


def test_a_broken_zip_is_refused_as_damaged():
    with pytest.raises(RefusedFile, match="压缩文件已损坏"):
        check_file("打包.zip", io.BytesIO(b"PK\x03\x04" + bytes(40)))
