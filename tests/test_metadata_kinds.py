"""Who, where and when on reports as sites, converters and scanners deliver them: noise before the
title, municipal and county agencies, OCR look-alikes, renamed divisions, traditional mirrors and
the blank form. Fragments are written for these tests (invented agencies' wording, real places)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import opencc
import pytest

from pipeline.cli import main as cli_main
from pipeline.model import Document, Line
from pipeline.parse import parse_document
from pipeline.parse import region as R
from pipeline.parse.agency import analyse_agency as agency
from pipeline.parse.report_meta import read_report_meta
from pipeline.parse.script import is_traditional, simplify_document, strip_glosses, to_simplified

FIXTURES = Path(__file__).parent / "fixtures"


def doc(text: str, fmt: str = "text") -> Document:
    return Document("t.txt", fmt, [Line(i, t) for i, t in enumerate(text.split("\n"), 1)])


def meta_of(text: str):
    return read_report_meta(doc(text))


BODY = "一、概述\n本年度，我单位按照条例要求，认真做好政府信息公开工作。"


# ------------------------------------------------------------------ noise before the name


@pytest.mark.parametrize(
    "head",
    [
        # a CMS field label glued to the title
        "标题：青州市审计局2016年政府信息公开工作年度报告",
        "文章标题青州市审计局2016年政府信息公开工作年度报告",
        # a section word of the site glued to the title
        "政府信息公开年报青州市审计局2016年政府信息公开工作年度报告",
        "年度报告 青州市审计局2016年政府信息公开工作年度报告",
        # the site's name glued to it, or standing on the line above (logo text)
        "青州市人民政府门户网站青州市审计局2016年政府信息公开工作年度报告",
        "青州市人民政府\n青州市审计局2016年政府信息公开工作年度报告",
        # a breadcrumb and the crawler's header lines
        "您当前的位置：首页 > 信息公开 > 年度报告\n青州市审计局2016年政府信息公开工作年度报告\n发布时间：2017-01-20 09:12  来源：市审计局",
        "发布日期：2017-01-20 09:12 信息来源：青州市审计局 青州市审计局2016年政府信息公开工作年度报告",
        "索引号：0045/2017-0012\n发布机构：青州市审计局\n青州市审计局2016年政府信息公开工作年度报告",
    ],
)
def test_noise_before_the_title_is_not_the_agency(head):
    meta, _ = meta_of(f"{head}\n{BODY}")
    assert (meta.agency_name, meta.report_year, meta.region_code) == ("青州市审计局", 2016, "370781")


def test_page_without_a_title_line_names_its_author_in_the_preamble():
    text = ("根据《条例》和上级通知，本报告由平阳县市场监督管理局结合相关统计数据编制。"
            "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n一、总体情况\n本局依法公开。")
    meta, _ = meta_of(text)
    assert (meta.agency_name, meta.report_year, meta.region_code) == ("平阳县市场监督管理局", 2021, "330326")


def test_page_without_a_title_line_cites_the_title():
    text = ("索 引 号 | 1132/2019-00871 | 分 类 | 年度报告 |\n发布机构 | 市政府办 | 发文日期 | 2019-03-15 |\n"
            "依据《条例》，现公布如皋市人民政府2018年政府信息公开工作年度报告。\n一、概述")
    meta, _ = meta_of(text)
    assert (meta.agency_name, meta.report_year, meta.region_code) == ("如皋市人民政府", 2018, "320682")
    # a placeholder author in a form is nobody
    meta, _ = meta_of("本报告由（单位名称）编制。\n一、总体情况\n（文字描述）")
    assert meta.agency_name is None


def test_site_name_above_a_title_without_agency_is_not_the_agency():
    text = f"青州市人民政府门户网站\n2016年政府信息公开工作年度报告\n{BODY}\n青州市审计局\n2017年1月20日"
    meta, _ = meta_of(text)
    assert (meta.agency_name, meta.report_year, meta.region_code) == ("青州市审计局", 2016, "370781")


def test_title_wrapped_over_two_lines_under_a_logo_line():
    meta, _ = meta_of("无障碍\n长辈版\n天津市人民政府\n天津市民政局2020年\n政府信息公开工作年度报告\n" + BODY)
    assert (meta.agency_name, meta.report_year, meta.region_code) == ("天津市民政局", 2020, "120000")


def test_abbreviation_in_the_title_is_the_name():
    text = ("发布时间：2016-03-02 来源：重庆市科学技术委员会\n市科委2015年政府信息公开工作年度报告\n"
            "本报告由重庆市科学技术委员会编制，重庆市人民政府网站可下载。")
    meta, issues = meta_of(text)
    assert meta.agency_name == "市科委"
    assert (meta.region_code, meta.agency_level, meta.agency_sector) == ("500000", "province_department", "科学技术")
    assert meta.agency_key == agency("重庆市科学技术委员会").key  # the abbreviation is the same agency
    assert issues == []


# ------------------------------------------------------------------ municipality and county agencies


@pytest.mark.parametrize(
    "text,name,code,level",
    [
        ("市人力社保局2019年政府信息公开工作年度报告\n上海市人力资源和社会保障局根据上海市要求编制。", "市人力社保局", "310000", "province_department"),
        ("北京市民政局2014年政府信息公开工作年度报告\n" + BODY, "北京市民政局", "110000", "province_department"),
        ("重庆市巫溪县教育委员会2016年政府信息公开工作年度报告\n" + BODY, "重庆市巫溪县教育委员会", "500238", "county_department"),
        ("天津市和平区人民政府2018年政府信息公开工作年度报告\n" + BODY, "天津市和平区人民政府", "120101", "county"),
        # a county bureau that names only its level in the title: the county from the text
        ("县卫生局2012年政府信息公开工作年度报告\n本报告由宁陵县卫生局编制，宁陵县人民政府网站可下载。", "县卫生局", "411423", "county_department"),
        # an autonomous county by its short name
        ("新晃县教育局2013年政府信息公开工作年度报告\n" + BODY, "新晃县教育局", "431227", "county_department"),
    ],
)
def test_municipal_and_county_agencies_get_a_region(text, name, code, level):
    meta, issues = meta_of(text)
    assert (meta.agency_name, meta.region_code, meta.agency_level) == (name, code, level)
    assert issues == []


# ------------------------------------------------------------------ OCR look-alikes


def test_ocr_lookalike_resolved_by_the_province_the_report_names():
    text = ("沪州市人民政府2013年政府信息公开工作年度报告\n"
            "根据四川省人民政府办公厅的通知，沪州市人民政府编制本报告。沪州市各区县……")
    meta, issues = meta_of(text)
    assert (meta.agency_name, meta.region_code, meta.agency_level) == ("泸州市人民政府", "510500", "prefecture")
    assert meta.title.startswith("沪州市")  # the raw stays as printed
    fixed = [i for i in issues if i.kind == "region_ocr_corrected"]
    assert len(fixed) == 1 and fixed[0].raw == "沪州市人民政府" and "泸州市" in fixed[0].message
    assert not [i for i in issues if i.kind == "region_unresolved"]


@pytest.mark.parametrize(
    "name,context,real,code",
    [
        ("毫州市财政局", "安徽省财政厅", "亳州市财政局", "341600"),
        ("荷泽市牡丹区农业局", "山东省", "菏泽市牡丹区农业局", "371702"),
        # a real place name that is a look-alike of the province the report is about (彬州 is in
        # 陕西省, the report only names 湖南省)
        ("彬州市教育局", "湖南省教育厅；彬州市各县市区", "郴州市教育局", "431000"),
    ],
)
def test_ocr_lookalikes_with_context(name, context, real, code):
    meta, issues = meta_of(f"{name}2020年政府信息公开工作年度报告\n根据{context}的要求编制。")
    assert (meta.agency_name, meta.region_code) == (real, code)
    assert [i.kind for i in issues] == ["region_ocr_corrected"]


def test_ocr_lookalike_without_context_stays_unresolved():
    meta, issues = meta_of("沪州市人民政府2013年政府信息公开工作年度报告\n沪州市人民政府办公室编制本报告。")
    assert meta.agency_name == "沪州市人民政府" and meta.region_code is None
    assert [i.kind for i in issues] == ["region_unresolved"]
    assert "泸州市" in issues[0].message and issues[0].raw == "沪州市人民政府"


def test_ocr_lookalike_with_two_candidates_stays_unresolved():
    # 酉湖区 is one look-alike away from 西湖区 of 杭州 (浙江省) and of 南昌 (江西省); both are named
    text = "酉湖区教育局2017年政府信息公开工作年度报告\n本局与浙江省、江西省的同行交流了经验。"
    meta, issues = meta_of(text)
    assert meta.region_code is None and meta.agency_name == "酉湖区教育局"
    assert [i.kind for i in issues] == ["region_unresolved"] and "two or more" in issues[0].message
    # the same misreading with one province named is one place
    meta, _ = meta_of("酉湖区教育局2017年政府信息公开工作年度报告\n按照浙江省要求编制。")
    assert (meta.agency_name, meta.region_code) == ("西湖区教育局", "330106")


def test_a_real_name_is_never_corrected_without_evidence():
    meta, issues = meta_of("宜城市人民政府2015年政府信息公开工作年度报告\n" + BODY)
    assert (meta.agency_name, meta.region_code, issues) == ("宜城市人民政府", "420684", [])


# ------------------------------------------------------------------ names of the report's year


@pytest.mark.parametrize(
    "name,year,code",
    [
        ("富阳市人民政府", 2012, "330183"),
        ("富阳市人民政府", 2014, "330183"),  # the year of the change: the name the report uses
        ("杭州市富阳区人民政府", 2014, "330111"),
        ("杭州市富阳区人民政府", 2018, "330111"),
        ("章丘市人民政府", 2015, "370181"),
        ("济南市章丘区人民政府", 2017, "370114"),
        ("普兰店市人民政府", 2013, "210282"),
        ("大连市普兰店区人民政府", 2016, "210214"),
        ("洪泽县人民政府", 2011, "320829"),
        # a later name on a report of an earlier year: the code valid in that year
        ("杭州市富阳区人民政府", 2012, "330183"),
        # a stale name after the change: its successor
        ("章丘市人民政府", 2019, "370114"),
    ],
)
def test_region_code_is_the_one_valid_in_the_report_year(name, year, code):
    meta, _ = meta_of(f"{name}{year}年政府信息公开工作年度报告\n{BODY}")
    assert (meta.report_year, meta.region_code) == (year, code)


def test_old_and_new_names_are_one_agency():
    old, _ = meta_of(f"富阳市人民政府2012年政府信息公开工作年度报告\n{BODY}")
    new, _ = meta_of(f"杭州市富阳区人民政府2016年政府信息公开工作年度报告\n{BODY}")
    assert old.region_code != new.region_code
    assert old.agency_key == new.agency_key == "330111:人民政府"


def test_region_history_rows():
    t = R.region_table()
    rows = {r["region_code"]: r for r in t.iter_rows(named=True)}
    old, new = rows["330183"], rows["330111"]
    assert (old["name"], old["valid_to"], old["successor_code"], old["current_code"]) == ("富阳市", 2014, "330111", "330111")
    assert (new["valid_from"], new["valid_to"], new["current_code"]) == (2014, None, "330111")
    # the old code rolls up to the same prefecture and province as the new one
    assert (old["prefecture_code"], old["province_code"]) == (new["prefecture_code"], new["province_code"]) == ("330100", "330000")
    assert (rows["370181"]["valid_to"], rows["370181"]["successor_code"]) == (2016, "370114")
    assert (rows["210282"]["valid_to"], rows["210282"]["successor_code"]) == (2015, "210214")
    assert rows["420600"]["former_names"] == ["襄樊市"] and rows["420600"]["valid_to"] is None
    assert t["region_code"].n_unique() == t.height


# ------------------------------------------------------------------ traditional script and pinyin mirrors


def test_to_simplified_and_glosses():
    assert to_simplified("機關(guān)事務管理局") == "机关事务管理局"
    assert to_simplified("政府信息公開（gōng kāi）工作") == "政府信息公開工作"  # one character: left alone
    assert to_simplified("政府信息公開（gōng kāi）工作", force=True) == "政府信息公开工作"
    assert strip_glosses("附件(PDF)和(一)总体情况") == "附件(PDF)和(一)总体情况"  # no tone mark: no gloss
    assert to_simplified("洪泽区人民政府") == "洪泽区人民政府"
    assert not is_traditional("一个繁体字體也不算") and is_traditional("機關報告數據")


def _mirror(text: str) -> str:
    """A traditional mirror copy with pinyin glosses after a few words."""
    trad = opencc.OpenCC("s2t").convert(text)
    for word, gloss in (("機關", "jī guān"), ("報告", "bào gào"), ("申請", "shēn qǐng"), ("公開", "gōng kāi")):
        trad = trad.replace(word, f"{word}({gloss})")
    return trad


@pytest.mark.parametrize("name", ["mudanjiang-jiguanshiwu_2018.txt", "taian-jiguanshiwu_2010.txt"])
def test_traditional_mirror_reads_as_the_original(name):
    text = (FIXTURES / "corpus" / name).read_text("utf-8")
    mirror = _mirror(text)
    assert mirror != text and "(bào gào)" in mirror
    a, b = parse_document(doc(text)), parse_document(doc(mirror))
    assert (b.meta.agency_name, b.meta.region_code, b.meta.report_year, b.template) == \
        (a.meta.agency_name, a.meta.region_code, a.meta.report_year, a.template)
    assert a.meta.agency_name is not None and a.facts
    assert [(f.table, f.row, f.col, f.value, f.line) for f in b.facts] == \
        [(f.table, f.row, f.col, f.value, f.line) for f in a.facts]


def test_traditional_title_fragment():
    meta, _ = meta_of("瀋陽市財政局2014年政府信息公開(kāi)工作年度報告\n一、概述\n本局依照條例要求編製本報告。")
    assert (meta.agency_name, meta.region_code, meta.report_year) == ("沈阳市财政局", "210100", 2014)


def test_mirror_page_with_glosses_and_crawler_lines():
    page = ("首頁(yè) > 政務公開(kāi) > 年度報(bào)告\n"
            "臨朐縣農業局2014年政府信息公開(kāi)工作年度報(bào)告\n"
            "發(fā)布時(shí)間:2015-03-02 來(lái)源:縣農業局\n"
            "一、概述\n我們(men)依照《條例》規定編製本報(bào)告。")
    d = doc(page)
    assert simplify_document(d).lines[-1].text == "我们依照《条例》规定编制本报告。"  # neutral tone gloss too
    meta, issues = read_report_meta(d)
    assert (meta.agency_name, meta.region_code, meta.report_year, issues) == ("临朐县农业局", "370724", 2014, [])


def test_simplified_document_is_left_alone():
    d = doc("洪泽区人民政府2023年政府信息公开工作年度报告\n一、总体情况")
    assert simplify_document(d) is d


# ------------------------------------------------------------------ the blank form

FORM_2021 = """政府信息公开工作年度报告
一、总体情况
（文字描述）
二、主动公开政府信息情况
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t\t\t
三、收到和处理政府信息公开申请情况
本年新收政府信息公开申请数量\t\t\t\t\t\t\t
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
（文字描述）"""


def test_blank_form_is_not_a_report():
    parsed = parse_document(doc(FORM_2021))
    assert (parsed.template, parsed.status) == ("2021", "blank_form")
    assert (parsed.meta.agency_name, parsed.meta.report_year) == (None, None)
    assert all(f.value is None for f in parsed.facts)


def test_filled_form_is_a_report():
    named = parse_document(doc("海阳市统计局2022年" + FORM_2021))
    assert named.status != "blank_form" and named.meta.agency_name == "海阳市统计局"
    one_number = parse_document(doc(FORM_2021.replace("本年新收政府信息公开申请数量\t\t", "本年新收政府信息公开申请数量\t3\t")))
    assert one_number.status != "blank_form"


def test_blank_form_docx_is_counted_apart_in_the_warehouse(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("template-2021-blank.docx", "mudanjiang-jinghe_2018.txt"):
        (raw / name).write_bytes((FIXTURES / "corpus" / name).read_bytes())
    wh = tmp_path / "wh" / "warehouse.duckdb"
    assert cli_main(["build", "--raw-dir", str(raw), "--warehouse", str(wh)]) == 0
    out = capsys.readouterr().out
    assert "loaded 1 " in out and "blank forms (not reports) 1" in out
    con = duckdb.connect(str(wh), read_only=True)
    try:
        status = dict(con.execute("select source_path, parse_status from marts.dim_report").fetchall())
        assert status == {"template-2021-blank.docx": "blank_form", "mudanjiang-jinghe_2018.txt": "loaded"}
        shown = {r[0] for r in con.execute("select source_path from analytics.report_requests r "
                                           "join marts.dim_report d using (report_id)").fetchall()}
        assert shown == {"mudanjiang-jinghe_2018.txt"}
        assert con.execute("select valid_to, successor_code from marts.dim_region where region_code = '330183'").fetchall() == [(2014, "330111")]
    finally:
        con.close()
