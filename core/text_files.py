"""Bytes of an imported text file → text, refusing what cannot be read faithfully (nothing stored as U+FFFD).

Offices save tables as UTF-8 or as GB18030/GBK. A UTF-8 file with a broken byte must not be read as GB18030 (the
whole file would turn into other characters without complaint), nor may a character be replaced: the place of the
first bad byte is named instead, so the file can be fixed and imported again.
"""
ENCODINGS = "UTF-8 或 GB18030（GBK）"


class UndecodableText(ValueError):
    """The Chinese message names the line and column of the first byte or character that cannot be read."""


def _place(text_before: str) -> str:
    line = text_before.count("\n") + 1
    column = len(text_before) - (text_before.rfind("\n") + 1) + 1
    return f"第 {line} 行第 {column} 个字符处"


def decode_text_file(data: bytes) -> str:
    """The file's text (a UTF-8 byte-order mark dropped); UndecodableText for bad bytes, a NUL or U+FFFD."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        before = data[:utf8_error.start].decode("utf-8-sig", errors="ignore")
        if not before.isascii():
            # Already read as UTF-8 up to there (Chinese included): the file is UTF-8 and this byte is broken.
            raise UndecodableText(
                f"文件{_place(before)}有无效的 UTF-8 字节（0x{data[utf8_error.start]:02X}）：文件可能已损坏，"
                f"请用原程序重新另存为 {ENCODINGS} 后再导入。"
            ) from None
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as gb_error:
            place = _place(data[:gb_error.start].decode("gb18030", errors="ignore"))
            raise UndecodableText(
                f"文件{place}的字节（0x{data[gb_error.start]:02X}）既不是 UTF-8 也不是 GB18030：请另存为 {ENCODINGS} 后再导入。"
            ) from None
    for char, what in (("\x00", "空字符（NUL）"), ("\ufffd", "乱码替换符「\ufffd」")):
        index = text.find(char)
        if index >= 0:
            raise UndecodableText(f"文件{_place(text[:index])}含有{what}：文件可能已损坏，请检查后重新导入。")
    return text
