"""Test helpers shared by tests/store, tests/query and tests/server: the sample graph and a server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from rdflib import Dataset

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample.trig"


def sample_quads() -> list:
    """The quads of tests/data/sample.trig as rdflib terms."""
    ds = Dataset()
    ds.parse(SAMPLE, format="trig")
    return [(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``python -m kg.server`` (uvicorn) in a subprocess on a free port; ``stop()`` kills it."""

    def __init__(self, store: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "kg.server", "--store", str(store), "--port", str(self.port), *args]
        self.process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                out = self.process.stdout.read().decode() if self.process.stdout else ""
                raise RuntimeError(f"server exited: {out}")
            try:
                if httpx.get(self.url + "/", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if self.process.stdout:
            self.process.stdout.close()
