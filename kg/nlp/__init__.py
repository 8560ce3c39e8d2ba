"""kg.nlp: the spaCy pipeline (model choice, gazetteer EntityRuler, paragraph boundaries)."""

from kg.nlp.pipeline import load_pipeline

__all__ = ["load_pipeline"]
