"""Report openings in the shapes real sites deliver them, rewritten with other agencies and years
(own wording): pages whose title lost a word to the report words, pages with no title line at
all, years in Chinese numerals. Each asserts agency, year and region as the report means them."""
from __future__ import annotations

import pytest

from pipeline.model import Document, Line
from pipeline.parse.report_meta import read_report_meta

BODY = "\n一、总体情况\n本年度，我单位认真做好政府信息公开工作。\n二、主动公开政府信息情况\n主动公开信息87条。"


def meta_of(text: str):
    lines = [Line(i, t) for i, t in enumerate((text + BODY).split("\n"), 1)]
    return read_report_meta(Document("t.txt", "text", lines))[0]


def fields(text: str):
    m = meta_of(text)
    return m.agency_name, m.report_year, m.region_code


def test_people_s_government_keeps_its_government_before_the_report_words():
    # '…人民政府信息公开年度报告': 政府 belongs to both the name and the report words
    head = ("您现在所在的位置: 网站首页 > 政府信息公开 > 宁国市人民政府(办公室) > 政府信息公开年报\n"
            "2014年宁国市人民政府信息公开年度报告\n"
            "发布时间:2015-01-30 00:00 来源:宁国市人民政府(办公室) 字体:[ ]")
    assert fields(head) == ("宁国市人民政府", 2014, "341881")


@pytest.mark.parametrize("numerals", ["二〇一六", "二零一六", "二○一六"])
def test_year_in_chinese_numerals_is_the_report_year(numerals):
    assert fields(f"莱芜市钢城区人民政府{numerals}年政府信息公开工作年度报告") == (
        "莱芜市钢城区人民政府", 2016, "371203")


def test_report_voice_is_never_the_agency_and_the_signature_names_it():
    # no title line; the preamble says 我街道; the signature above the date is the agency
    text = ("根据条例的要求，2013年我街道政府信息公开工作稳步推进。现向社会公布2013年度我街道信息公开工作年度报告。"
            "本报告中所列数据的统计期限自2013年1月1日起至2013年12月31日止。\n"
            "一、主动公开\n我街道全年主动公开信息40条。\n"
            "蛟河市人民政府民主街道办事处\n2014年2月20日")
    m = meta_of(text)
    assert (m.agency_name, m.report_year, m.region_code) == ("蛟河市人民政府民主街道办事处", 2013, "220281")


def test_report_voice_alone_leaves_the_agency_null():
    text = "现向社会公布2015年度本局信息公开工作年度报告。统计期限自2015年1月1日起至2015年12月31日止。"
    assert meta_of(text).agency_name is None


def test_author_named_before_according_to_in_a_traditional_copy():
    text = ("本年度報告由國家林業和草原局根據《中華人民共和國政府信息公開條例》要求編制而成。"
            "本年度報告中所列數據統計期限從2020年1月1日起至2020年12月31日止。")
    m = meta_of(text)
    assert (m.agency_name, m.report_year) == ("国家林业和草原局", 2020)


def test_sub_district_takes_the_county_printed_before_it():
    head = ("南关街道2019年政府信息公开工作年度报告\n| 索引号 | 622901002/2020-00011 | 发文字号 | |\n"
            "| 关键词 | 发布机构 | 南关办事处 | |\n| 生成日期 | 2020-01-21 09:30:12 | 是否有效 |\n"
            "2019年，临夏市南关街道认真贯彻落实条例要求。")
    assert fields(head) == ("南关街道", 2019, "622901")


def test_township_takes_the_county_of_its_year_from_a_traditional_page():
    # 上虞市 became 上虞区 (330604) in 2013: a 2011 report of one of its towns is 330682
    head = ("當前位置 : 首頁 |\n索引號: | 1133068200259085XF/2015-31002 | 公開方式: | 主動公開 |\n"
            "文號: | 公開日期: | 2015-07-27 16:32 | |\n發布單位: | 崧廈鎮 |\n"
            "2011年度崧廈鎮政府信息公開年度報告 | ||\n"
            "根據條例有關規定，上虞市崧廈鎮進一步規範政府信息公開內容。")
    assert fields(head) == ("崧厦镇", 2011, "330682")


def test_township_signed_by_its_county_government():
    text = ("2016年洋青镇政府信息公开工作年度报告\n作者:本站原创 | 来源:本站原创 | 时间:2017-01-10 点击数:- 分享到:\n"
            "洋青镇根据条例规定，特向社会公开2016年度洋青镇政府信息公开年度报告。\n一、主动公开\n我镇公开信息18条。\n"
            "遂溪县洋青镇人民政府\n2016年12月30日")
    assert fields(text) == ("洋青镇", 2016, "440823")


def test_township_without_its_county_in_the_text_stays_unplaced():
    assert fields("城关镇人民政府2018年政府信息公开工作年度报告\n2018年，城关镇认真落实条例。") == (
        "城关镇人民政府", 2018, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "除特别说明外，所列数据统计时段为2018年1月1日至2018年12月31日。",
        "本报告统计数据的时间范围为2018年1月1日至12月31日。",
        "本报告使用数据统计期为2018年1月1日到2018年12月31日。",
        "所列数据截止日期为2018年12月31日，电子版可在区政府网站下载。",
    ],
)
def test_year_of_an_untitled_year_from_the_span_the_figures_cover(sentence):
    # the title has no year and the page was posted the next year: the span decides
    head = f"镇江市润州区水利局政府信息公开工作年度报告\n发布日期：2019-01-16\n{sentence}"
    assert fields(head) == ("镇江市润州区水利局", 2018, "321111")


@pytest.mark.parametrize(
    "head",
    [
        # a tag in brackets before the title is unwrapped, not taken for furniture
        "【2019年度】蚌埠市龙子湖区财政局政府信息公开工作年度报告",
        "【政府信息公开年报】蚌埠市龙子湖区财政局2019年政府信息公开工作年度报告",
        # a page title: the section and the site after the report's title
        "蚌埠市龙子湖区财政局2019年政府信息公开工作年度报告_政府信息公开年报_蚌埠市龙子湖区人民政府",
        "蚌埠市龙子湖区财政局2019年政府信息公开工作年度报告 - 蚌埠市龙子湖区人民政府网",
    ],
)
def test_tags_and_page_title_suffixes_are_not_the_agency(head):
    assert fields(f"【字体：大 中 小】【打印】【关闭】\n{head}") == ("蚌埠市龙子湖区财政局", 2019, "340302")


def test_notice_wording_around_the_title_is_not_the_agency():
    assert fields("蚌埠市蚌山区人民政府关于印发2019年政府信息公开工作年度报告的通知") == (
        "蚌埠市蚌山区人民政府", 2019, "340303")


def test_an_alias_in_brackets_keeps_both_brackets():
    m = meta_of("蚌埠市人民政府办公室（蚌埠市人民政府研究室）2019年政府信息公开工作年度报告")
    assert (m.agency_name, m.region_code) == ("蚌埠市人民政府办公室（蚌埠市人民政府研究室）", "340300")


def test_site_date_line_above_a_nameless_heading_is_not_the_year():
    # the page's heading names no agency; the site's clock line above it carries another year;
    # the report's own two-line title comes after the CMS fields
    head = ("2019年05月14日 星期二 繁体 网站支持IPV6\n"
            "当前位置: 首页 » 信息公开 » 2017年政府信息公开工作年度报告 » 详情\n"
            "2017年政府信息公开工作年度报告\n"
            "索 引 号 : 008463561/2018-00004 发布机构: 曾家镇 成文日期: 2018-01-12\n"
            "有 效 性 : 有效 字体: [ ]\n"
            "广元市朝天区曾家镇人民政府\n2017年政府信息公开工作年度报告\n"
            "现将2017年曾家镇政府信息公开年度报告向社会公布。")
    assert fields(head) == ("广元市朝天区曾家镇人民政府", 2017, "510812")


def test_doubled_year_word_is_not_part_of_the_name():
    assert fields("宁国市霞西镇人民政府2017年年度政府信息公开工作年度报告") == (
        "宁国市霞西镇人民政府", 2017, "341881")


@pytest.mark.parametrize(
    "name,code",
    [
        ("国家税务总局宿迁市宿豫区税务局", "321311"),  # a vertical system's local office
        ("中共宿迁市委宣传部", "321300"),  # a party organ that also reports as an agency
    ],
)
def test_system_prefix_before_the_division_still_places_the_agency(name, code):
    assert fields(f"{name}2021年政府信息公开工作年度报告") == (name, 2021, code)


def test_national_system_alone_stays_unplaced():
    assert fields("国家税务总局2021年政府信息公开工作年度报告")[2] is None


def test_office_whose_name_holds_report_words_keeps_its_whole_name():
    # 政务公开 inside the issuer's name is not where the report words start
    m = meta_of("省政府办公厅政府信息与政务公开办公室\n关于政府信息公开工作年度报告\n有关事项的通知")
    assert m.agency_name == "省政府办公厅政府信息与政务公开办公室"


def test_issuer_of_a_notice_is_the_name_before_about():
    assert meta_of("成都市人民政府办公厅关于做好政府信息公开工作年度报告编制工作的通知").agency_name == "成都市人民政府办公厅"


def test_joint_report_words_do_not_end_the_name_on_a_conjunction():
    assert fields("旌德县2021年政务公开暨政府信息公开工作年度报告") == ("旌德县", 2021, "341825")


def test_title_dated_by_publication_gives_way_to_the_statistics_period():
    text = ("2021年铜陵市义安区审计局政府信息公开工作年度报告\n发布时间：2021-01-26\n"
            "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。")
    lines = [Line(i, t) for i, t in enumerate((text + BODY).split("\n"), 1)]
    meta, issues = read_report_meta(Document("t.txt", "text", lines))
    assert (meta.agency_name, meta.report_year, meta.region_code) == ("铜陵市义安区审计局", 2020, "340706")
    assert [i.kind for i in issues] == ["report_year_conflict"]


def test_title_and_period_that_agree_raise_nothing():
    text = ("铜陵市义安区审计局2020年政府信息公开工作年度报告\n"
            "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。")
    lines = [Line(i, t) for i, t in enumerate((text + BODY).split("\n"), 1)]
    meta, issues = read_report_meta(Document("t.txt", "text", lines))
    assert meta.report_year == 2020 and issues == []


@pytest.mark.parametrize(
    "head,name",
    [
        ("马鞍山市雨山区\n卫生健康委员会2020年政府信息公开工作年度报告", "马鞍山市雨山区卫生健康委员会"),
        ("马鞍山市雨山区人民政府\n办公室2020年政府信息公开工作年度报告", "马鞍山市雨山区人民政府办公室"),
        ("马鞍山市雨山区卫生健\n康委员会2020年政府信息公开工作年度报告", "马鞍山市雨山区卫生健康委员会"),
    ],
)
def test_title_wrapped_inside_the_agency_name_is_joined(head, name):
    assert fields(head) == (name, 2020, "340504")


def test_logo_line_above_a_complete_title_is_not_joined():
    head = "马鞍山市雨山区人民政府\n马鞍山市雨山区卫生健康委员会2020年政府信息公开工作年度报告"
    assert fields(head) == ("马鞍山市雨山区卫生健康委员会", 2020, "340504")


@pytest.mark.parametrize(
    "overview,expected",
    [
        ("2022年，重庆市江北区人民政府办公室坚持依法公开。", ("重庆市江北区人民政府办公室", 2022, "500105")),
        ("2022年度，观音桥街道全面贯彻落实条例。", ("观音桥街道", 2022, None)),
        # the body's own voice, a level abbreviation, or a leading circumstance names nobody
        ("2022年，我局严格按照条例要求。", (None, None, None)),
        ("2022年，区商务委高度重视政务公开。", (None, None, None)),
        ("2022年，在区委区政府的正确领导下，本局认真贯彻条例。", (None, None, None)),
        ("2022年，五里店街道党委政府高度重视政务公开。", (None, None, None)),
    ],
)
def test_page_without_title_names_the_subject_of_its_overview(overview, expected):
    # the site kept the title apart and the preamble names nobody
    assert fields(f"根据条例和格式规定，编制本报告。\n一、总体情况\n{overview}") == expected


@pytest.mark.parametrize(
    "title,code",
    [
        # renamed after 2019 and recoded by the ministry; the vendored gazetteer kept the old code
        ("烟台市蓬莱区人民政府2021年政府信息公开工作年度报告", "370614"),
        ("蓬莱市人民政府2019年政府信息公开工作年度报告", "370684"),
        ("南通市海门区财政局2022年政府信息公开工作年度报告", "320614"),
        ("海门市财政局2018年政府信息公开工作年度报告", "320684"),
        ("公主岭市人民政府2021年政府信息公开工作年度报告", "220184"),
        ("公主岭市人民政府2016年政府信息公开工作年度报告", "220381"),
    ],
)
def test_divisions_recoded_after_2019_get_the_code_of_the_report_year(title, code):
    assert fields(title)[2] == code


def test_recoded_division_rolls_up_to_one_current_code():
    from pipeline.parse import region as R
    assert R.current_code("370684") == R.current_code("370634") == "370614"


@pytest.mark.parametrize(
    "site",
    ["郎溪县人民政府信息公开网", "郎溪县政务公开平台", "郎溪县政府信息公开专栏", "中国郎溪"],
)
def test_site_name_above_a_nameless_title_is_nobody(site):
    assert fields(f"{site}\n2020年政府信息公开工作年度报告") == (None, 2020, None)


def test_site_name_above_a_named_title_is_left_out():
    assert fields("郎溪县人民政府信息公开网\n郎溪县财政局2020年政府信息公开工作年度报告") == (
        "郎溪县财政局", 2020, "341821")


def test_year_of_a_yearless_title_from_the_overview_when_nothing_else_states_it():
    head = ("滁州市南谯区科技局政府信息公开工作年度报告\n发布时间：2022-01-18\n根据条例要求，编制本报告。\n"
            "一、总体情况\n2021年，我局认真贯彻落实条例。")
    assert fields(head) == ("滁州市南谯区科技局", 2021, "341103")
    # the publication stamp alone is not the report year
    assert fields("滁州市南谯区科技局政府信息公开工作年度报告\n发布时间：2022-01-18\n根据条例要求，编制本报告。")[1] is None


def test_heading_names_the_agency_the_preamble_calls_by_its_level():
    text = ("大连市甘井子区民政局\n根据条例及格式相关要求，现公布区政府民政局2022年政府信息公开工作年度报告。\n一、总体情况")
    assert fields(text) == ("大连市甘井子区民政局", 2022, "210211")


def test_logo_line_of_another_body_does_not_rename_the_preamble_s_agency():
    text = ("大连市甘井子区人民政府\n根据条例及格式相关要求，现公布区政府民政局2022年政府信息公开工作年度报告。\n一、总体情况")
    assert fields(text)[0] == "区政府民政局"


@pytest.mark.parametrize(
    "title,code",
    [
        ("无为市人民政府2021年政府信息公开工作年度报告", "340281"),  # 无为县 became a city in 2019
        ("无为县人民政府2016年政府信息公开工作年度报告", "340225"),
        ("西宁市湟中区人民政府2020年政府信息公开工作年度报告", "630106"),
        ("湟中县人民政府2017年政府信息公开工作年度报告", "630122"),
    ],
)
def test_divisions_renamed_and_recoded_after_the_vendored_list(title, code):
    assert fields(title)[2] == code


def test_date_the_figures_were_drawn_is_not_the_report_year():
    stamp = "本报告数据统计时间截至2021年1月10日。"
    assert fields(f"亳州市谯城区审计局2020年政府信息公开工作年度报告\n{stamp}")[1] == 2020
    assert fields(f"亳州市谯城区审计局政府信息公开工作年度报告\n{stamp}")[1] is None


def test_a_cumulative_cut_off_does_not_overrule_the_title_year():
    text = "亳州市谯城区审计局2020年政府信息公开工作年度报告\n截至2019年12月31日，累计主动公开信息300条。"
    assert fields(text)[1] == 2020


def test_a_preamble_s_history_is_not_the_overview_year():
    text = ("亳州市谯城区审计局政府信息公开工作年度报告\n2019年，新修订的条例施行，我局据此编制本报告。\n"
            "一、总体情况\n本年度，我局认真贯彻条例。")
    assert fields(text)[1] is None


def test_a_preamble_s_history_names_no_agency():
    text = ("根据条例规定，编制本报告。\n2019年，国务院办公厅深入推进政务公开。\n"
            "一、总体情况\n本年度，本局认真贯彻条例。")
    assert fields(text) == (None, None, None)


@pytest.mark.parametrize(
    "head",
    [
        "政府信息公开年报_蚌埠市龙子湖区财政局2019年政府信息公开工作年度报告",
        "信息公开_年度报告_蚌埠市龙子湖区财政局2019年政府信息公开工作年度报告",
    ],
)
def test_page_title_parts_before_the_report_title_are_not_the_agency(head):
    assert fields(head) == ("蚌埠市龙子湖区财政局", 2019, "340302")


def test_spam_keywords_glued_before_a_placed_name_are_dropped():
    head = "精品视频_在线免费观看郎溪县科技局2020年信息公开工作年度报告"
    assert fields(head) == ("郎溪县科技局", 2020, "341821")


def test_an_unknown_place_before_a_known_one_is_left_to_the_lookalike_reader():
    # 毫州市 is no division: the name stays whole (and lookalike.py decides on the report's evidence)
    assert fields("毫州市谯城区人民政府2015年政府信息公开工作年度报告\n根据安徽省要求编制。")[0] == "亳州市谯城区人民政府"
