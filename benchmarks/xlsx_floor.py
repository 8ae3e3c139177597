"""The Excel export's floor: XlsxWriter in constant_memory mode writing the same cells with the same formats and
merges as the export, and nothing else (no evaluation, no layout logic).

The export is run once more outside the clock with XlsxWriter's writing calls recorded to a file: every format it
adds (by its properties), every cell written (value and format), every row height, column width and merge, every
sheet it closes early. The floor replays those calls into a fresh workbook, streaming them from the file, so the
floor of a 15,000-project workbook needs no more memory than the export itself.
"""
import contextlib
import pickle
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

CELL_METHODS = ("write_string", "write_number", "write_blank", "write_formula", "write_datetime",
                "write_rich_string", "set_row", "set_column")
BATCH = 10_000


class _Recorder:
    def __init__(self, path: Path):
        self.file = path.open("wb")
        self.batch: list[tuple] = []
        self.formats: dict[int, int] = {}  # id(Format) → its number in the recording
        self.sheets: dict[int, int] = {}  # id(Worksheet) → its number
        self.cells = 0

    def add(self, call: tuple) -> None:
        self.batch.append(call)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            pickle.dump(self.batch, self.file, protocol=pickle.HIGHEST_PROTOCOL)
            self.batch = []

    def arg(self, value):
        number = self.formats.get(id(value))
        return ("format", number) if number is not None else value

    def close(self) -> None:
        self.flush()
        self.file.close()


@contextlib.contextmanager
def recording(path: Path) -> Iterator[_Recorder]:
    """XlsxWriter's calls made inside the block, recorded to `path` (patched on the classes, undone afterwards)."""
    recorder = _Recorder(path)
    originals = {name: getattr(Worksheet, name) for name in (*CELL_METHODS, "_opt_close")}
    add_format, add_worksheet, close = Workbook.add_format, Workbook.add_worksheet, Workbook.close

    def recorded_add_format(workbook, properties=None):
        made = add_format(workbook, properties)
        recorder.formats[id(made)] = len(recorder.formats)
        recorder.add(("add_format", dict(properties or {})))
        return made

    def recorded_add_worksheet(workbook, name=None):
        sheet = add_worksheet(workbook, name)
        recorder.sheets[id(sheet)] = len(recorder.sheets)
        recorder.add(("add_worksheet", name))
        return sheet

    def recorded_close(workbook):
        for sheet in workbook.worksheets():
            if sheet.merge:
                recorder.add(("merge", recorder.sheets[id(sheet)], [list(m) for m in sheet.merge]))
        return close(workbook)

    def wrap(name):
        original = originals[name]

        def call(sheet, *args):
            if name.startswith("write"):
                recorder.cells += 1
            recorder.add((name, recorder.sheets[id(sheet)], tuple(recorder.arg(a) for a in args)))
            return original(sheet, *args)

        return call

    patches = {name: wrap(name) for name in originals}
    try:
        for name, patched in patches.items():
            setattr(Worksheet, name, patched)
        Workbook.add_format, Workbook.add_worksheet, Workbook.close = (
            recorded_add_format, recorded_add_worksheet, recorded_close)
        yield recorder
    finally:
        for name, original in originals.items():
            setattr(Worksheet, name, original)
        Workbook.add_format, Workbook.add_worksheet, Workbook.close = add_format, add_worksheet, close
        recorder.close()


def _calls(path: Path) -> Iterator[tuple]:
    with path.open("rb") as file:
        while True:
            try:
                yield from pickle.load(file)
            except EOFError:
                return


def replay_floor(path: Path) -> Callable[[], None]:
    """The floor: the recorded calls into a new constant_memory workbook, written to a temporary file."""

    def run() -> None:
        with tempfile.TemporaryFile(suffix=".xlsx") as output:
            workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
            formats, sheets = [], []
            for call in _calls(path):
                kind = call[0]
                if kind == "add_format":
                    # The workbook's own defaults (made by its constructor, in the same order) are not made twice.
                    made = len(formats) < len(workbook.formats) and workbook.formats[len(formats)]
                    formats.append(made or workbook.add_format(call[1]))
                elif kind == "add_worksheet":
                    sheets.append(workbook.add_worksheet(call[1]))
                elif kind == "merge":
                    sheets[call[1]].merge.extend(call[2])
                else:
                    args = [formats[a[1]] if isinstance(a, tuple) and a[:1] == ("format",) else a for a in call[2]]
                    getattr(sheets[call[1]], kind)(*args)
            workbook.close()

    return run
