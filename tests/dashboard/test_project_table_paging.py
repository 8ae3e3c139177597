"""The dashboard's table of 250 projects: paged by 100, its total row still over every project.

A module of its own: it builds its own department of generated projects, while every test of
test_project_table.py reads the seeded table, which is then imported once for the whole module."""
import re

from tests.dashboard.helpers import add_projects, seqs, table


def test_a_long_table_is_paged_by_100_and_the_total_still_covers_every_row(as_manager, department, finance, today):
    add_projects(department, finance, 250)
    page = as_manager.get("/?sort=seq&dir=asc&page=3").content.decode()
    rows = table(page, "dashboard-table")
    assert seqs(rows["tbody"]) == list(range(201, 251))
    assert rows["tfoot"][0][1:3] == ["合计（250 个项目）", "25,000.00"]
    assert "第 3 / 3 页（第 201–250 个，共 250 个项目）" in page
    prev = re.search(r'<a href="([^"]+)" rel="prev">', page).group(1).replace("&amp;", "&")
    assert "page=2" in prev and "sort=seq" in prev
    assert 'rel="next"' not in page
    # A page past the end shows the last one.
    assert seqs(table(as_manager.get("/?page=9").content.decode(), "dashboard-table")["tbody"])[0] == 201
