"""Killable query workers: a process that opens an Oxigraph folder and answers queries.

pyoxigraph cannot interrupt a running query, so a query with a time limit runs in a worker
process; when the limit passes, the worker is killed (and the server starts a fresh one).

>>> import tempfile
>>> from kg.store.oxigraph import OxigraphStore
>>> path = tempfile.mkdtemp()
>>> OxigraphStore(path).close()
>>> w = QueryWorker(path)
>>> w.run({"sparql": "ASK { ?s ?p ?o }"}, timeout=30).boolean
False
>>> w.close()
"""

from __future__ import annotations

import multiprocessing as mp
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError, StoreError


def _serve(conn: Connection, path: str, writable: bool) -> None:
    import pyoxigraph as ox

    from kg.store.oxigraph import run_ox_query
    from kg.store.results import serialize

    try:
        store = ox.Store(path) if writable else ox.Store.read_only(path)
    except OSError as exc:
        conn.send(("error", "E400", f"{path}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if req.get("update"):
                if not writable:
                    raise StoreError("E406", "updates are disabled")
                try:
                    store.update(req["update"])
                except SyntaxError as exc:
                    raise QueryError("E401", str(exc)) from exc
                store.flush()
                conn.send(("ok", None))
                continue
            result = run_ox_query(store, req["sparql"], req.get("bindings"), req.get("limit"))
            media = req.get("graph_media_type") if result.kind == "graph" else req.get("media_type")
            if media:
                conn.send(("ok", (result.kind, serialize(result, media), result.truncated)))
            else:
                conn.send(("ok", result))
        except KGError as exc:
            conn.send(("error", exc.code, exc.reason))
        except Exception as exc:  # a worker must answer, whatever happened
            conn.send(("error", "E405", f"{type(exc).__name__}: {exc}"))


class QueryWorker:
    """One worker process over an Oxigraph folder (read-only unless ``writable``)."""

    def __init__(self, path: str | Path, *, writable: bool = False, start_timeout: float = 120) -> None:
        self.path = str(path)
        self.writable = writable
        ctx = mp.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, self.path, writable), daemon=True)
        self.process.start()
        child.close()
        if not self._conn.poll(start_timeout):
            self.kill()
            raise StoreError("E400", f"{self.path}: the query worker did not start")
        status, *rest = self._conn.recv()
        if status == "error":
            self.kill()
            raise StoreError(rest[0], rest[1])

    def run(self, request: dict[str, Any], timeout: float | None) -> Any:
        """Send one request and wait for its answer; past ``timeout`` seconds kill the worker (E402)."""
        self._conn.send(request)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            if self._conn.poll(wait):
                break
            if deadline is not None and time.monotonic() >= deadline:
                self.kill()
                raise QueryError("E402", f"{timeout:g} s")
        try:
            status, *rest = self._conn.recv()
        except (EOFError, OSError) as exc:
            self.kill()
            raise StoreError("E405", "the query worker died") from exc
        if status == "error":
            code, reason = rest
            raise (QueryError if code in ("E401", "E402", "E404") else StoreError)(code, reason)
        return rest[0]

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self._conn.close()

    def close(self) -> None:
        try:
            self._conn.close()
        finally:
            self.process.join(2)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(5)
