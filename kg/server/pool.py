"""A small pool of killable query workers for the endpoint.

Each worker is a process holding the Oxigraph store (read-only; read-write for the single worker
of an ``--allow-update`` server). A request borrows an idle worker; when a query runs past the
time limit its worker is killed and replaced, so a runaway query never blocks the server.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.store.worker import QueryWorker


class WorkerPool:
    """``size`` QueryWorkers over one store folder."""

    def __init__(self, path: str | Path, size: int = 2, *, writable: bool = False) -> None:
        self.path = Path(path)
        self.writable = writable
        self.size = 1 if writable else max(1, size)
        self._idle: asyncio.Queue[QueryWorker] = asyncio.Queue()
        self._all: list[QueryWorker] = []

    def _spawn(self) -> QueryWorker:
        worker = QueryWorker(self.path, writable=self.writable)
        self._all.append(worker)
        return worker

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(*(loop.run_in_executor(None, self._spawn) for _ in range(self.size)))
        for worker in workers:
            self._idle.put_nowait(worker)

    async def run(self, request: dict[str, Any], timeout: float | None) -> Any:
        """Run one request on an idle worker; a worker that timed out or died is replaced."""
        loop = asyncio.get_running_loop()
        worker = await self._idle.get()
        try:
            return await loop.run_in_executor(None, worker.run, request, timeout)
        except KGError:
            if not worker.alive:
                self._all.remove(worker)
                worker = await loop.run_in_executor(None, self._spawn)
            raise
        finally:
            self._idle.put_nowait(worker)

    async def stop(self) -> None:
        for worker in self._all:
            worker.kill()
        self._all.clear()
