"""Fixtures of the import tests: the seed as an editable table and a file writer."""
from pathlib import Path

import pytest

from tests.importing.helpers import Table


@pytest.fixture
def table() -> Table:
    return Table()


@pytest.fixture
def write(tmp_path):
    def write(content: str | bytes, name: str = "table.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write
