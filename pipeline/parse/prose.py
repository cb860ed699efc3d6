"""Figures given in sentences (legacy reports, 总体情况) → facts. Placeholder."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model import Document, Fact, Issue


@dataclass
class ProseResult:
    facts: list[Fact] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def read_prose(doc: Document) -> ProseResult:
    return ProseResult()
