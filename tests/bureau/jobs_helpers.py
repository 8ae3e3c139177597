"""Reading workbooks cell by cell, for comparing a job's file with the in-process export."""
import io

import openpyxl


def cells(data: bytes) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


def in_process_export(form: str, *, year: int, as_of) -> bytes:
    from indicators.exports.city import write_city_workbook

    buffer = io.BytesIO()
    write_city_workbook(form=form, year=year, as_of=as_of, output=buffer)
    return buffer.getvalue()
