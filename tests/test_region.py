"""Gazetteer lookups and the division table."""
from __future__ import annotations

from pipeline.parse import region as R


def codes(name, year=None):
    return [r.code for r in R.candidates(name, year)]


def test_current_names():
    assert codes("山东省") == ["370000"]
    assert codes("海东市") == ["630200"]
    assert codes("牡丹江市") == ["231000"]
    assert codes("泰安市") == ["370900"]
    assert codes("淮安市") == ["320800"]


def test_renamed_prefecture_keeps_its_code_until_the_rename():
    assert codes("襄樊市", 2009) == ["420600"]
    assert codes("襄樊市", 2015) == ["420600"]  # a stale name: the code in force then (襄阳市, same code)
    assert codes("襄阳市") == ["420600"]


def test_county_suffix_swap_maps_to_successor():
    assert codes("洪泽县") == ["320813"]  # 洪泽县 became 淮安市洪泽区 in 2016


def test_chain_disambiguates_a_shared_county_name():
    assert len(R.candidates("鼓楼区")) > 1
    assert R.resolve_chain(["鼓楼区"]) is None
    assert R.resolve_chain(["南京市", "鼓楼区"]).code == "320106"
    assert R.resolve_chain(["鼓楼区"], context="福州市鼓楼区人民政府办公室").code == "350102"
    assert R.resolve_chain(["淮安市", "洪泽区"]).code == R.resolve_chain(["洪泽区"]).code == "320813"


def test_resolve_text_by_level():
    assert R.resolve_text("根据《山东省政府信息公开办法》，山东省机关事务管理局", "province").code == "370000"
    assert R.resolve_text("没有地名", "province") is None


def test_region_table():
    t = R.region_table()
    assert t.columns == [
        "region_code", "name", "level", "parent_code", "province_code", "province_name",
        "prefecture_code", "prefecture_name", "county_code", "county_name",
        "valid_from", "valid_to", "successor_code", "current_code", "former_names",
    ]
    assert t["region_code"].n_unique() == t.height > 3000
    row = t.filter(t["region_code"] == "320813").row(0, named=True)
    assert (row.pop("valid_from"), row.pop("valid_to"), row.pop("successor_code"), row.pop("current_code"),
            row.pop("former_names")) == (2016, None, None, "320813", [])
    assert row == {
        "region_code": "320813", "name": "洪泽区", "level": "county", "parent_code": "320800",
        "province_code": "320000", "province_name": "江苏省", "prefecture_code": "320800",
        "prefecture_name": "淮安市", "county_code": "320813", "county_name": "洪泽区",
    }
    bj = t.filter(t["region_code"] == "110101").row(0, named=True)
    assert (bj["parent_code"], bj["province_code"], bj["prefecture_code"]) == ("110000", "110000", None)
    assert set(t["level"].unique()) == {"province", "prefecture", "county"}
