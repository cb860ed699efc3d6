"""Tables 二, 三 and 四 → facts. Placeholder until the table reader lands."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model import Document, Fact, Issue


@dataclass
class TableResult:
    facts: list[Fact] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    found: set[str] = field(default_factory=set)  # which tables were found: 'active_disclosure', 'requests', 'review_litigation'


def read_tables(doc: Document, template: str | None) -> TableResult:
    return TableResult()
