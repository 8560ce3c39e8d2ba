"""``kg serve``: a SPARQL 1.1 Protocol endpoint over an Oxigraph store, with a query page at ``/``.

Start it with ``kg serve --store .kg-store`` (or ``python -m kg.server --store .kg-store``), then::

    curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
        http://127.0.0.1:7878/query

See :mod:`kg.server.app` for the design (worker processes, limits).
"""

from __future__ import annotations

from kg.server.app import Settings, create_app, serve

__all__ = ["Settings", "create_app", "serve"]
