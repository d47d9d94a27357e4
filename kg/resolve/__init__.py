"""Resolution: mentions of all documents in, entities and facts out."""

from kg.resolve.entities import resolve, to_entities, to_facts

__all__ = ["resolve", "to_entities", "to_facts"]
