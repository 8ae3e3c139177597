"""The benchmark's floor of the export (benchmarks.xlsx_floor) writes the export's own workbook: the same cells,
formats, merges, row heights, column widths, page set-up, filters and properties, byte for byte, so the ratio the
benchmark reports is the export's work beyond XlsxWriter's writing of that very file."""
import zipfile

from benchmarks import xlsx_floor
from tests.exports.conftest import NOV_20, export


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_floor_replays_the_export_into_the_same_file(scenario, tmp_path):
    calls = tmp_path / "export.calls"
    with xlsx_floor.recording(calls) as recorder:
        written = export(scenario, tmp_path, NOV_20)
    replayed = tmp_path / "floor.xlsx"
    xlsx_floor.replay(calls, str(replayed))

    assert len(recorder.sheets) == 21  # 汇总表, 15 自评表, 填报记录, 调整记录, 佐证材料, 抽查复核, 上年对比
    exported, floor = parts(written), parts(replayed)
    assert sorted(floor) == sorted(exported)
    assert [name for name in exported if floor[name] != exported[name]] == []
    assert b"<mergeCell " in exported["xl/worksheets/sheet2.xml"]  # the 自评表's merges are in both
    assert b"<autoFilter " in exported["xl/worksheets/sheet1.xml"]

