"""Agency name → region, level, sector, key."""
from __future__ import annotations

import pytest

from pipeline.parse.agency import agency_tokens, analyse_agency


def test_segmentation_uses_gazetteer_and_domain_words():
    assert agency_tokens("淮安市洪泽区人民政府") == ["淮安市", "洪泽区", "人民政府"]
    assert agency_tokens("海东市市直机关事务管理局") == ["海东市", "市直", "机关事务管理局"]


def test_hongze_pair_same_key():
    a, b = analyse_agency("洪泽区人民政府"), analyse_agency("淮安市洪泽区人民政府")
    assert a.key == b.key == "320813:人民政府"
    assert a.level == b.level == "county"
    assert a.sector == "人民政府"


@pytest.mark.parametrize(
    "name,code,level,sector,key",
    [
        ("山东省机关事务管理局", "370000", "province_department", "机关事务", "370000:机关事务管理局"),
        ("海东市市直机关事务管理局", "630200", "prefecture_department", "机关事务", "630200:机关事务管理局"),
        ("泰安市市直机关事务管理局", "370900", "prefecture_department", "机关事务", "370900:机关事务管理局"),
        ("牡丹江市经济合作促进局", "231000", "prefecture_department", "投资促进", "231000:经济合作促进局"),
        ("淮安市人民政府", "320800", "prefecture", "人民政府", "320800:人民政府"),
        ("淮安市洪泽区人民政府办公室", "320813", "county_department", "政府办公室", "320813:人民政府办公室"),
        ("洪泽区高良涧街道办事处", "320813", "township", "人民政府", "320813:高良涧街道办事处"),
        ("内蒙古自治区公安厅", "150000", "province_department", "公安", "150000:公安厅"),
        ("南京市鼓楼区教育局", "320106", "county_department", "教育", "320106:教育局"),
    ],
)
def test_analyse(name, code, level, sector, key):
    a = analyse_agency(name)
    assert (a.region.code, a.level, a.sector, a.key) == (code, level, sector, key)


def test_abbreviation_and_scope_word_do_not_split_an_agency():
    assert analyse_agency("襄阳市发改委").key == analyse_agency("襄阳市发展和改革委员会").key == "420600:发展和改革委员会"
    assert analyse_agency("泰安市机关事务管理局").key == analyse_agency("泰安市市直机关事务管理局").key


def test_renamed_city_same_key_as_successor():
    assert analyse_agency("襄樊市发展和改革委员会", year=2009).key == analyse_agency("襄阳市发展和改革委员会", year=2012).key


def test_padded_name():
    assert analyse_agency(" 洪泽区 人民政府 ").key == "320813:人民政府"


def test_level_only_prefix_uses_context():
    a = analyse_agency("省机关事务管理局", context="山东省济南市历下区省府前街1号，山东省机关事务管理局")
    assert (a.region.code, a.level) == ("370000", "province_department")


def test_unknown_region():
    a = analyse_agency("国家统计局")
    assert a.region is None and a.key == "?:国家统计局" and a.sector == "统计"
