"""The Excel export's floor: XlsxWriter writing the same workbook as the export (the same options, cells, formats,
merges, row heights, column widths, page set-up, filters and validations), and nothing else: no evaluation, no
layout logic.

The export is run once more outside the clock with XlsxWriter's calls recorded to a file: the workbook's options and
properties, every format it adds (by its properties), every sheet, every call on a sheet (cells, rows, columns, page
set-up, freeze panes, autofilter, validations, the early close of a constant_memory sheet's temporary file) and the
merges. The floor replays those calls into a fresh workbook, streaming them from the file, so the floor of a
15,000-project workbook needs no more memory than the export itself. The replay's own work per call is a tuple
unpacked and the sheet's method called; each format's position in the call is recorded, not searched for.
"""
import contextlib
import copy
import pickle
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

CELL_METHODS = ("write_string", "write_number", "write_blank", "write_formula", "write_datetime",
                "write_rich_string", "set_row", "set_column")
SHEET_METHODS = (*CELL_METHODS, "_opt_close", "set_landscape", "set_portrait", "set_paper", "fit_to_pages",
                 "set_margins", "center_horizontally", "set_footer", "repeat_rows", "freeze_panes", "autofilter",
                 "data_validation", "ignore_errors")
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

    def sheet_call(self, name: str, sheet: Worksheet, args: tuple, kwargs: dict) -> None:
        """(sheet, method, arguments, keyword arguments, (position, format number) of each format argument)."""
        places = tuple((position, self.formats[id(arg)]) for position, arg in enumerate(args)
                       if id(arg) in self.formats)
        if places:
            args = tuple(None if id(arg) in self.formats else arg for arg in args)
        if name not in CELL_METHODS:  # options XlsxWriter may change in place before the batch is written
            args, kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
        self.add((self.sheets[id(sheet)], name, args, kwargs or None, places))

    def close(self) -> None:
        self.flush()
        self.file.close()


@contextlib.contextmanager
def recording(path: Path) -> Iterator[_Recorder]:
    """XlsxWriter's calls made inside the block, recorded to `path` (patched on the classes, undone afterwards)."""
    recorder = _Recorder(path)
    originals = {name: getattr(Worksheet, name) for name in SHEET_METHODS}
    init, add_format, add_worksheet = Workbook.__init__, Workbook.add_format, Workbook.add_worksheet
    set_properties, close = Workbook.set_properties, Workbook.close

    def recorded_init(workbook, filename=None, options=None):
        recorder.add(("workbook", dict(options or {})))
        init(workbook, filename, options)

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

    def recorded_set_properties(workbook, properties):
        recorder.add(("set_properties", dict(properties)))
        return set_properties(workbook, properties)

    def recorded_close(workbook):
        for sheet in workbook.worksheets():
            if sheet.merge:
                recorder.add(("merge", recorder.sheets[id(sheet)], [list(m) for m in sheet.merge]))
        return close(workbook)

    def wrap(name):
        original = originals[name]

        def call(sheet, *args, **kwargs):
            if name.startswith("write"):
                recorder.cells += 1
            recorder.sheet_call(name, sheet, args, kwargs)
            return original(sheet, *args, **kwargs)

        return call

    patches = {name: wrap(name) for name in originals}
    try:
        for name, patched in patches.items():
            setattr(Worksheet, name, patched)
        (Workbook.__init__, Workbook.add_format, Workbook.add_worksheet, Workbook.set_properties,
         Workbook.close) = (recorded_init, recorded_add_format, recorded_add_worksheet, recorded_set_properties,
                            recorded_close)
        yield recorder
    finally:
        for name, original in originals.items():
            setattr(Worksheet, name, original)
        Workbook.__init__, Workbook.add_format, Workbook.add_worksheet, Workbook.set_properties, Workbook.close = (
            init, add_format, add_worksheet, set_properties, close)
        recorder.close()


def _batches(path: Path) -> Iterator[list[tuple]]:
    with path.open("rb") as file:
        while True:
            try:
                yield pickle.load(file)
            except EOFError:
                return


def replay(path: Path, output: BinaryIO | str) -> None:
    """The recorded calls into a new workbook with the export's own options, written to `output`."""
    workbook = None
    formats: list = []
    sheets: list = []
    merges: list[tuple[int, list]] = []
    for batch in _batches(path):
        for call in batch:
            first = call[0]
            if first.__class__ is int:  # a sheet's call: the hot path, one per cell
                _, name, args, kwargs, places = call
                if places:
                    args = list(args)
                    for position, number in places:
                        args[position] = formats[number]
                if kwargs:
                    getattr(sheets[first], name)(*args, **kwargs)
                else:
                    getattr(sheets[first], name)(*args)
            elif first == "workbook":
                workbook = xlsxwriter.Workbook(output, call[1])
            elif first == "add_format":
                # The workbook's own defaults (made by its constructor, in the same order) are not made twice.
                made = len(formats) < len(workbook.formats) and workbook.formats[len(formats)]
                formats.append(made or workbook.add_format(call[1]))
            elif first == "add_worksheet":
                sheets.append(workbook.add_worksheet(call[1]))
            elif first == "set_properties":
                workbook.set_properties(call[1])
            elif first == "merge":
                merges.append((call[1], call[2]))
    for number, ranges in merges:
        sheets[number].merge.extend(ranges)
    workbook.close()


def replay_floor(path: Path) -> Callable[[], None]:
    """The floor: the recorded calls replayed into a temporary file."""

    def run() -> None:
        with tempfile.TemporaryFile(suffix=".xlsx") as output:
            replay(path, output)

    return run
