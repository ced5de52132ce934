"""Fixtures of the export tests (a demo database, its exports in every format)."""
from tests.export_fixtures import demo_db, demo_exports  # noqa: F401 (pytest finds fixtures by name)
