from tests.dashboard.conftest import scenario, today  # noqa: F401  (the dashboard's reports, entered as a clerk would)
