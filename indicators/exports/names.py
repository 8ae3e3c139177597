"""Worksheet names Excel, WPS and LibreOffice all accept: ≤ 31 UTF-16 units, no []:*?/\\, unique ignoring case."""
import re

MAX_LENGTH = 31
ILLEGAL = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
RESERVED = {"history"}  # Excel keeps this name for its change history


def utf16_length(text: str) -> int:
    """Excel counts UTF-16 code units: a character outside the BMP counts twice."""
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def clip(text: str, limit: int) -> str:
    out, used = [], 0
    for ch in text:
        size = 2 if ord(ch) > 0xFFFF else 1
        if used + size > limit:
            break
        out.append(ch)
        used += size
    return "".join(out)


def clean(text: str) -> str:
    """Illegal characters become full-width look-alikes or a space; no leading or trailing apostrophe."""
    text = text.replace("/", "／").replace("\\", "＼").replace(":", "：").replace("?", "？").replace("*", "＊")
    text = text.replace("[", "【").replace("]", "】")
    text = ILLEGAL.sub(" ", text)
    return " ".join(text.split()).strip("'")


class SheetNames:
    """Hands out names that are legal and unique within one workbook."""

    def __init__(self):
        self._taken: set[str] = set()

    def claim(self, wanted: str, *, fallback: str = "工作表") -> str:
        base = clip(clean(wanted), MAX_LENGTH).rstrip("'").strip() or fallback
        name, number = base, 1
        while name.lower() in self._taken or name.lower() in RESERVED:
            number += 1
            suffix = f"~{number}"
            name = clip(base, MAX_LENGTH - len(suffix)).rstrip("'").strip() + suffix
        self._taken.add(name.lower())
        return name

    def project(self, seq: int, name: str) -> str:
        """「3.巾帼建功」: the project's 序号 and as much of its name as fits."""
        return self.claim(f"{seq}.{clean(name)}", fallback=f"项目{seq}")
