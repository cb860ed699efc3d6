"""The report's own arithmetic (DOMAIN.md section 1) as data. Placeholder."""
from __future__ import annotations

from pipeline.model import Check, Fact


def run_checks(facts: list[Fact], template: str | None) -> list[Check]:
    return []
