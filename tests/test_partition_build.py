"""Partitions built through one worker pool into the staging store: the same rows however the raw
folder is split, and a change in one partition rewrites that partition only."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CORPUS
from pipeline.warehouse.partition_build import Limits, build_partitions
from pipeline.warehouse.partitions import ROOT_PARTITION, partition_of, raw_partitions, scan_partition
from pipeline.warehouse.schema import STAGING_TABLES
from pipeline.warehouse.staging_store import StagingStore

REPORTS = sorted(p.name for p in CORPUS.glob("*.txt")) + ["template-2021-blank.docx"]
LIMITS = Limits(max_bytes=10_000_000, timeout=120, memory_mb=2048)


def _raw(tmp_path: Path, name: str, folders: list[str]) -> Path:
    raw = tmp_path / name
    for i, report in enumerate(REPORTS):
        folder = raw / folders[i % len(folders)] if folders[i % len(folders)] else raw
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / report, folder / report)
    return raw


def _rows(store: StagingStore) -> dict[str, list]:
    """Every staging row of every partition, with the report named by its file name (not its
    folder) and the times of the run left out."""
    names = {}
    for p in store.partitions():
        for r in store.read(p, "stg_reports").to_pylist():
            names[r["report_id"]] = Path(r["source_path"]).name
    out = {}
    for t in (*STAGING_TABLES, "documents"):
        rows = []
        for p in store.partitions():
            for r in store.read(p, t).to_pylist():
                for k in ("parsed_at", "extracted_at", "content"):
                    r.pop(k, None)
                if "report_id" in r:
                    r["report_id"] = names[r["report_id"]]
                if "source_path" in r:
                    r["source_path"] = Path(r["source_path"]).name
                rows.append(repr(sorted(r.items())))
        out[t] = sorted(rows)
    return out


def test_partition_keys_follow_the_top_level_folders(tmp_path: Path):
    raw = _raw(tmp_path, "raw", ["", "省甲", "b"])
    (raw / ".hidden").mkdir()
    (raw / ".hidden" / "x.txt").write_text("x")
    assert raw_partitions(raw) == sorted([ROOT_PARTITION, "省甲", "b"])
    assert partition_of("省甲/2020/a.txt") == "省甲" and partition_of("a.txt") == ROOT_PARTITION
    listed = scan_partition(raw, "省甲").data["source_path"]
    assert listed and all(p.startswith("省甲/") for p in listed)
    assert all("/" not in p for p in scan_partition(raw, ROOT_PARTITION).data["source_path"])


def test_three_partitions_give_the_same_staging_rows_as_one(tmp_path: Path, monkeypatch):
    import pipeline.warehouse.partition_build as partition_build

    monkeypatch.setattr(partition_build, "WINDOW", 4)  # windows that cross partition boundaries
    one = _raw(tmp_path, "one", [""])
    three = _raw(tmp_path, "three", ["a", "b", "c"])
    store1, store3 = StagingStore(tmp_path / "s1"), StagingStore(tmp_path / "s3")
    stats1 = build_partitions(one, store1, raw_partitions(one), 2, LIMITS)
    stats3 = build_partitions(three, store3, raw_partitions(three), 2, LIMITS)
    assert list(stats1) == [ROOT_PARTITION] and list(stats3) == ["a", "b", "c"]
    assert sum(s["new"] for s in stats3.values()) == stats1[ROOT_PARTITION]["new"] == len(REPORTS)
    rows1, rows3 = _rows(store1), _rows(store3)
    assert rows1["stg_facts"], "the reports load facts"
    for t in rows1:
        assert rows3[t] == rows1[t], t


def test_a_change_in_one_partition_rewrites_only_that_partition(tmp_path: Path, monkeypatch):
    import pipeline.warehouse.partition_build as partition_build

    monkeypatch.setattr(partition_build, "WINDOW", 1)
    raw = _raw(tmp_path, "raw", ["a", "b", "c"])
    store = StagingStore(tmp_path / "staging")
    build_partitions(raw, store, raw_partitions(raw), 2, LIMITS)
    before = {p: store.manifest(p) for p in store.partitions()}
    parsed_before = {r["source_path"]: r["parsed_at"] for r in store.read("b", "stg_reports").to_pylist()}
    mtimes = {f: f.stat().st_mtime_ns for t in ("files", "documents", *STAGING_TABLES) for f in store.files(t)}

    again = build_partitions(raw, store, raw_partitions(raw), 2, LIMITS)  # nothing changed: nothing written
    assert not any(s["written"] for s in again.values())
    assert {p: store.manifest(p) for p in store.partitions()} == before

    target = next((raw / "b").glob("*.txt"))
    target.write_text(target.read_text(encoding="utf-8") + "\n附：本报告另有说明。\n", encoding="utf-8")
    stats = build_partitions(raw, store, raw_partitions(raw), 2, LIMITS)
    assert [p for p, s in stats.items() if s["written"]] == ["b"]
    assert stats["b"]["changed"] == 1 and stats["b"]["unchanged"] == stats["b"]["seen"] - 1
    assert store.manifest("b")["generation"] != before["b"]["generation"]
    for p in ("a", "c"):
        assert store.manifest(p) == before[p]
    for f, mtime in mtimes.items():
        if "/b/" not in f.as_posix():
            assert f.stat().st_mtime_ns == mtime, f
        else:
            assert not f.exists(), f  # the old generation of b is gone
    # b's unchanged reports were copied, not parsed again
    parsed_after = {r["source_path"]: r["parsed_at"] for r in store.read("b", "stg_reports").to_pylist()}
    changed = f"b/{target.name}"
    assert parsed_after[changed] != parsed_before[changed]
    assert {k: v for k, v in parsed_after.items() if k != changed} == \
        {k: v for k, v in parsed_before.items() if k != changed} != {}


def test_a_folder_gone_from_the_raw_folder_is_removed_from_the_store(tmp_path: Path):
    raw = _raw(tmp_path, "raw", ["a", "b"])
    store = StagingStore(tmp_path / "staging")
    build_partitions(raw, store, raw_partitions(raw), 1, LIMITS)
    shutil.rmtree(raw / "b")
    keys = sorted(set(raw_partitions(raw)) | set(store.partitions()))
    stats = build_partitions(raw, store, keys, 1, LIMITS)
    assert stats["b"]["written"] and stats["b"]["removed"] > 0
    assert store.partitions() == ["a"]
    assert not list((store.root / "stg_reports").glob("b/*"))
