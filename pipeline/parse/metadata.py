"""Who, where and when a report is. Placeholder."""
from __future__ import annotations

from pipeline.model import Document, ReportMeta


def read_metadata(doc: Document) -> ReportMeta:
    return ReportMeta()
