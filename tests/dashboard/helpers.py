"""Reading a rendered page the way a person reads it: a table's cells as text."""
from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self, table_id: str):
        super().__init__()
        self.table_id = table_id
        self.depth = 0  # >0 while inside the wanted table
        self.section = ""
        self.rows: dict[str, list[list[str]]] = {"thead": [], "tbody": [], "tfoot": []}
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and (self.depth or dict(attrs).get("id") == self.table_id):
            self.depth += 1
        if not self.depth:
            return
        if tag in self.rows:
            self.section = tag
        elif tag == "tr":
            self.rows[self.section or "tbody"].append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag in ("td", "th") and self.cell is not None:
            self.rows[self.section or "tbody"][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.cell is not None:
            self.cell.append(data)


def table(page: str, table_id: str) -> dict[str, list[list[str]]]:
    """{'thead': [...], 'tbody': [...], 'tfoot': [...]}: each row a list of its cells' visible text."""
    parser = _Tables(table_id)
    parser.feed(page)
    assert any(parser.rows.values()), f"no table #{table_id}"
    return parser.rows


def body_rows(page: str, table_id: str) -> list[list[str]]:
    return table(page, table_id)["tbody"]
