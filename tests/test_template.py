"""Template by the labels a report prints, never by the notice its preamble cites."""
from __future__ import annotations

from pathlib import Path

from pipeline.model import Line
from pipeline.parse.template import detect_template

TABLES = Path(__file__).parent / "fixtures" / "tables"


def lines(text: str) -> list[Line]:
    return [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]


def test_2021_by_its_labels_even_when_citing_the_2019_notice():
    text = "根据国办公开办函〔2019〕60号要求编制。\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
    assert detect_template(lines(text)) == "2021"


def test_2019_by_its_labels_even_when_citing_the_2021_notice():
    text = "按照国办公开办函〔2021〕30号。\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"
    assert detect_template(lines(text)) == "2019"


def test_a_2018_report_printing_the_2019_table_is_2019():
    assert detect_template(lines((TABLES / "mudanjiang_2018_tab.txt").read_text(encoding="utf-8"))) == "2019"


def test_2021_fixture_and_blank_2019_fixture():
    assert detect_template(lines((TABLES / "huaian_2024_tab.txt").read_text(encoding="utf-8"))) == "2021"
    assert detect_template(lines((TABLES / "haidong_2019_blank.txt").read_text(encoding="utf-8"))) == "2019"


def test_labels_split_one_character_per_line_still_count():
    assert detect_template(lines("逾\n期\n不\n补\n正")) == "2021"
    assert detect_template(lines("第二十条 第（九）项\n政府集中采购")) == "2019"


def test_traditional_script_labels():
    assert detect_template(lines("資訊內容\t本年製發件數\t本年廢止件數")) == "2021"


def test_table_lost_but_table_three_labels_survive():
    assert detect_template(lines("一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3")) == "2019"


def test_legacy_prose_even_mentioning_procurement():
    text = "全年共收到政府信息公开申请3件，其中有效申请2件。公开政府集中采购信息12条。"
    assert detect_template(lines(text)) == "legacy"


def test_no_text():
    assert detect_template([]) is None
    assert detect_template(lines("  \n ")) is None
