"""``python -m kg.server --store DIR --port N ...``: the same as ``kg serve``."""

from __future__ import annotations

import argparse

from kg.server.app import serve


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kg.server", description="kg's SPARQL endpoint")
    parser.add_argument("--store", default=None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7878)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--limit", type=int, default=10000)
    parser.add_argument("--max-request", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--allow-update", action="store_true")
    args = parser.parse_args(argv)
    serve(
        args.store,
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        limit=args.limit,
        max_request=args.max_request,
        workers=args.workers,
        allow_update=args.allow_update,
    )


if __name__ == "__main__":
    main()
