"""Writes the report's blocks (indicators.reports.self_evaluation) as a Word document with python-docx."""
from collections.abc import Iterable
from typing import BinaryIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from indicators.reports.self_evaluation import Block, Heading, PageBreak, Paragraph, Table

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "宋体"
HEADING_FONT = "黑体"
HEADING_SIZES = {0: 18, 1: 14, 2: 12}
MUTED = RGBColor(0x61, 0x6E, 0x7C)


def _chinese_font(style_or_run, name: str) -> None:
    # Word picks the East Asian font from its own attribute; `font.name` alone leaves Chinese text in the default.
    style_or_run.font.name = name
    fonts = style_or_run.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _heading(document, block: Heading) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(block.text)
    run.bold = True
    run.font.size = Pt(HEADING_SIZES.get(block.level, 12))
    _chinese_font(run, HEADING_FONT)
    if block.level == 0:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _paragraph(document, block: Paragraph) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(block.text)
    if block.note:
        run.font.size = Pt(9)
        run.font.color.rgb = MUTED
    else:
        paragraph.paragraph_format.first_line_indent = Pt(24)  # two characters, as official documents indent


def _table(document, block: Table) -> None:
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row_index, values in enumerate([block.header, *block.rows]):
        bold = row_index == 0 or (block.total and row_index == len(block.rows))
        for column, value in enumerate(values):
            cell = table.cell(row_index, column)
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(value)
            run.font.size = Pt(9)
            run.bold = bold
            if row_index and column in block.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif row_index == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def write_docx(blocks: Iterable[Block], output: BinaryIO | str) -> None:
    document = Document()
    _chinese_font(document.styles["Normal"], FONT)
    document.styles["Normal"].font.size = Pt(11)
    writers = {Heading: _heading, Paragraph: _paragraph, Table: _table}
    for block in blocks:
        if isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            writers[type(block)](document, block)
    document.save(output)
