"""Who, where and when: every corpus report's metadata against its gold file, and name variants."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.model import Document, Line
from pipeline.parse.report_meta import read_metadata, read_report_meta

FIXTURES = Path(__file__).parent / "fixtures"


def doc(text: str, fmt: str = "text", pages: list[int] | None = None) -> Document:
    lines = text.split("\n")
    return Document("t", fmt, [Line(i, t, pages[i - 1] if pages else None) for i, t in enumerate(lines, 1)])


def corpus_doc(name: str) -> Document:
    path = FIXTURES / "corpus" / name
    if name.endswith(".pdf"):
        pdfplumber = pytest.importorskip("pdfplumber")
        lines, n = [], 0
        with pdfplumber.open(path) as pdf:
            for p, page in enumerate(pdf.pages, 1):
                for t in (page.extract_text() or "").split("\n"):
                    n += 1
                    lines.append(Line(n, t, p))
        return Document(name, "pdf", lines)
    return doc(path.read_text("utf-8"))


def gold(name: str) -> dict:
    return json.loads((FIXTURES / "gold" / f"{name}.gold.json").read_text("utf-8"))


@pytest.mark.parametrize(
    "name",
    [
        "shandong-jiguanshiwu_2017.txt",
        "mudanjiang-jinghe_2018.txt",
        "taian-jiguanshiwu_2010.txt",
        "mudanjiang-jiguanshiwu_2018.txt",
        "haidong-jiguanshiwu_2019.txt",
        "hongze-qu_2023.pdf",
        "hongze-qu_2024.pdf",
        "huaian-shi_2024.pdf",
    ],
)
def test_corpus_metadata_matches_gold(name):
    meta = read_metadata(corpus_doc(name))
    g = gold(name)
    assert (meta.agency_name, meta.region_code, meta.report_year) == (g["agency_name"], g["region_code"], g["report_year"])


@pytest.mark.parametrize(
    "name,published",
    [
        ("shandong-jiguanshiwu_2017.txt", date(2018, 1, 26)),  # signature beats 发布时间:2020-07-21
        ("taian-jiguanshiwu_2010.txt", date(2011, 2, 12)),  # 二零一一年二月十二日
        ("haidong-jiguanshiwu_2019.txt", date(2020, 2, 19)),
        ("mudanjiang-jinghe_2018.txt", date(2019, 3, 1)),  # '2019 年 3 月': month precision
        ("mudanjiang-jiguanshiwu_2018.txt", None),
    ],
)
def test_publication_date(name, published):
    assert read_metadata(corpus_doc(name)).publication_date == published


def test_levels_sectors_and_keys_of_corpus():
    sd = read_metadata(corpus_doc("shandong-jiguanshiwu_2017.txt"))
    assert (sd.agency_level, sd.agency_sector) == ("province_department", "机关事务")
    hd = read_metadata(corpus_doc("haidong-jiguanshiwu_2019.txt"))
    assert (hd.agency_level, hd.agency_sector, hd.agency_key) == ("prefecture_department", "机关事务", "630200:机关事务管理局")
    mj = read_metadata(corpus_doc("mudanjiang-jinghe_2018.txt"))
    assert mj.agency_name == "牡丹江市经济合作促进局"  # not the body's 市经合局


def test_hongze_pair_is_one_agency():
    a = read_metadata(corpus_doc("hongze-qu_2023.pdf"))
    b = read_metadata(corpus_doc("hongze-qu_2024.pdf"))
    assert a.agency_name != b.agency_name
    assert a.agency_key == b.agency_key == "320813:人民政府"
    assert a.agency_level == b.agency_level == "county"
    assert a.agency_sector == "人民政府"
    c = read_metadata(corpus_doc("huaian-shi_2024.pdf"))
    assert (c.agency_level, c.agency_key) == ("prefecture", "320800:人民政府")


def test_title_split_over_lines_and_padded():
    d = doc("\n\n  牡丹江市经济合作促进局  \n\n2018 年政府信息公开工作年度报告\n\n按照《条例》要求，现将市经合局 2018 年度政府信息公开工作情况报告如下：")
    meta = read_metadata(d)
    assert meta.agency_name == "牡丹江市经济合作促进局"
    assert meta.report_year == 2018
    assert meta.title == "牡丹江市经济合作促进局2018年政府信息公开工作年度报告"


def test_title_wrapped_inside_the_report_words():
    d = doc("**洪泽区人民政府 2023 年政府信息公开**\n**工作年度报告**\n本报告由淮安市洪泽区人民政府办公室编制。")
    meta = read_metadata(d)
    assert (meta.agency_name, meta.report_year, meta.region_code) == ("洪泽区人民政府", 2023, "320813")


def test_year_first_title_full_width_digits_and_stamp():
    d = doc("２０１９年度淮安市人民政府政府信息公开工作年度报告\n发布日期：2020-03-30 10:52\n一、总体情况")
    meta = read_metadata(d)
    assert (meta.agency_name, meta.report_year, meta.publication_date) == ("淮安市人民政府", 2019, date(2020, 3, 30))


def test_report_year_is_the_statistics_year_not_publication_year():
    d = doc("某某市统计局政府信息公开工作年度报告\n本报告所列数据的统计期限自2016年1月1日起至2016年12月31日止。\n\n2020年1月5日")
    meta = read_metadata(d)
    assert meta.report_year == 2016
    assert meta.publication_date == date(2020, 1, 5)


def test_short_name_takes_region_from_text():
    d = doc("省机关事务管理局2015年政府信息公开工作年度报告\n根据《山东省政府信息公开办法》，地址：济南市历下区，山东省机关事务管理局。")
    assert read_metadata(d).region_code == "370000"


def test_unresolved_region_is_an_issue():
    d = doc("国家统计局2015年政府信息公开工作年度报告\n一、概述")
    meta, issues = read_report_meta(d)
    assert meta.agency_name == "国家统计局" and meta.region_code is None
    assert [i.kind for i in issues] == ["region_unresolved"]


def test_blank_template_has_no_metadata():
    d = doc("政府信息公开工作年度报告格式模板\n一、总体情况\n（文字描述）")
    meta = read_metadata(d)
    assert (meta.agency_name, meta.report_year, meta.region_code) == (None, None, None)


def test_historical_name_in_title():
    d = doc("襄樊市人民政府2009年政府信息公开工作年度报告\n一、概述")
    meta = read_metadata(d)
    assert (meta.region_code, meta.agency_level) == ("420600", "prefecture")
