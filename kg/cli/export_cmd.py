"""Commands of kg (see kg/cli/__init__.py)."""

from kg.cli.app import app, export_app  # noqa: F401
