"""Which national template a report follows, decided from the labels it contains."""
from __future__ import annotations

from pipeline.model import Line


def detect_template(lines: list[Line]) -> str | None:
    """'2019' | '2021' | 'legacy' | None. Placeholder until the table reader lands."""
    text = "\n".join(ln.text for ln in lines)
    if any(k in text for k in ("本年制发件数", "本年收费金额", "逾期不补正")):
        return "2021"
    if any(k in text for k in ("本年新制作数量", "上一年项目数量", "政府集中采购")):
        return "2019"
    return "legacy"
