"""kg's command line: ``kg build``, ``kg query``, ``kg serve``, ``kg export ...``, ``kg timex`` ...

Each command is a thin call into the Python API; the modules below register their commands on
:data:`kg.cli.app.app` when imported.
"""

from __future__ import annotations

from kg.cli import build_cmd, export_cmd, query_cmd, rdf_cmd, timex_cmd, viz_cmd  # noqa: F401
from kg.cli.app import app

__all__ = ["app"]
