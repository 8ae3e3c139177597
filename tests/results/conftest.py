"""Stored results tests: the seeded 2026 table with the scenario's reports in, at year end (the year-end fixtures)."""
from tests.year_end.conftest import scenario, year_end  # noqa: F401  (fixtures used here as they are there)
