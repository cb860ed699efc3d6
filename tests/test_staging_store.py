"""The staging store: each partition's generation replaced atomically, whatever kills the writer."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from pipeline.warehouse.schema import Columns
from pipeline.warehouse.staging_store import StagingStore, partition_dir, store_for


def _lines(*texts: str):
    cols = Columns("stg_source_lines")
    for i, t in enumerate(texts, start=1):
        cols.add(report_id="r1", line_no=i, page=None, text=t)
    return cols.to_arrow()


def _texts(store: StagingStore, partition: str) -> list[str]:
    return store.read(partition, "stg_source_lines").column("text").to_pylist()


def _data_files(store: StagingStore) -> list[Path]:
    return sorted(p for p in store.root.rglob("*")
                  if p.is_file() and p.relative_to(store.root).parts[0] not in ("_manifests", "_locks"))


def test_partition_names_stay_readable_and_safe():
    assert partition_dir("浙江省") == "浙江省"
    assert partition_dir("a/b%c d") == "a%2Fb%25c%20d"
    assert partition_dir("..") == "%2E."
    assert partition_dir("_root") == "_root"


def test_a_partition_committed_twice_keeps_only_the_new_generation(tmp_path: Path):
    store = store_for(tmp_path / "warehouse.duckdb")
    assert store.root == tmp_path / "staging"
    first = store.commit("浙江省", {"stg_source_lines": _lines("old")})
    second = store.commit("浙江省", {"stg_source_lines": _lines("new", "newer")})
    assert first != second
    assert _texts(store, "浙江省") == ["new", "newer"]
    files = store.files("stg_source_lines")
    assert [f.name for f in files] == [f"{second}.parquet"]
    assert _data_files(store) == files  # the first generation's file is gone
    manifest = json.loads((store.root / "_manifests" / "浙江省.json").read_text(encoding="utf-8"))
    assert manifest["generation"] == second and manifest["tables"]["stg_source_lines"]["rows"] == 2
    assert store.partitions() == ["浙江省"]
    assert store.read("浙江省", "stg_facts").num_rows == 0
    assert store.read("江苏省", "stg_facts") is None


def test_fingerprint_changes_iff_a_manifest_changes(tmp_path: Path):
    store = StagingStore(tmp_path / "staging")
    empty = store.fingerprint()
    store.commit("a", {"stg_source_lines": _lines("x")})
    one = store.fingerprint()
    assert one != empty and store.fingerprint() == one
    store.commit("b", {"stg_source_lines": _lines("y")})
    two = store.fingerprint()
    assert two != one
    assert store.remove("a") and not store.remove("a")
    assert store.fingerprint() not in (one, two) and store.partitions() == ["b"]
    assert all("/a/" not in f.as_posix() for f in _data_files(store))


KILL = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from pipeline.warehouse import staging_store
    from pipeline.warehouse.schema import Columns

    store = staging_store.StagingStore(Path(sys.argv[1]))
    when = sys.argv[2]
    cols = Columns("stg_source_lines")
    cols.add(report_id="r1", line_no=1, page=None, text="new")
    if when == "after-manifest":
        real = staging_store.fsync_dir
        def fsync_then_die(path):
            real(path)
            if path.name == "_manifests":  # the manifest was just replaced: die before the old files go
                os.kill(os.getpid(), signal.SIGKILL)
        staging_store.fsync_dir = fsync_then_die
        store.commit("p", {"stg_source_lines": cols.to_arrow(), "stg_issues": None})
    else:
        with store.lock("p"):
            w = store.writer("p")
            w.write("stg_source_lines", cols.to_arrow())
            w._close("stg_source_lines")  # one table file complete on disk, no manifest yet
            w.write("stg_checks", None)
            os.kill(os.getpid(), signal.SIGKILL)
""")


def _kill_during_commit(root: Path, when: str) -> None:
    out = subprocess.run([sys.executable, "-c", KILL, str(root), when], capture_output=True, text=True, timeout=120)
    assert out.returncode == -9, out.stderr


def test_a_writer_killed_before_the_manifest_leaves_the_previous_generation(tmp_path: Path):
    store = StagingStore(tmp_path / "staging")
    old = store.commit("p", {"stg_source_lines": _lines("old")})
    _kill_during_commit(store.root, "before-manifest")
    assert _texts(store, "p") == ["old"]
    assert store.manifest("p")["generation"] == old
    orphans = [f for f in _data_files(store) if f not in store.files("stg_source_lines")]
    assert orphans  # the killed write's file is there, named by no manifest
    new = store.commit("p", {"stg_source_lines": _lines("next")})
    assert _texts(store, "p") == ["next"]
    assert _data_files(store) == [store.root / "stg_source_lines" / "p" / f"{new}.parquet"]


def test_a_writer_killed_after_the_manifest_leaves_the_new_generation(tmp_path: Path):
    store = StagingStore(tmp_path / "staging")
    old = store.commit("p", {"stg_source_lines": _lines("old")})
    _kill_during_commit(store.root, "after-manifest")
    assert _texts(store, "p") == ["new"]
    assert store.manifest("p")["generation"] != old
    assert (store.root / "stg_source_lines" / "p" / f"{old}.parquet").exists()  # not yet deleted
    removed = store.sweep()
    assert [p.name for p in removed] == [f"{old}.parquet"]
    assert _data_files(store) == store.files("stg_source_lines")
    assert _texts(store, "p") == ["new"]


HOLD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from pipeline.warehouse.staging_store import StagingStore

    store = StagingStore(Path(sys.argv[1]))
    with store.lock("a"):
        print("holding", flush=True)
        time.sleep(float(sys.argv[2]))
""")


def test_one_writer_per_partition_across_processes_and_others_go_ahead(tmp_path: Path):
    import time

    store = StagingStore(tmp_path / "staging")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store.root), "1.5"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        store.commit("b", {"stg_source_lines": _lines("b")})  # another partition: no wait
        assert time.monotonic() - started < 1.0
        store.commit("a", {"stg_source_lines": _lines("a")})  # waits for the other process
        assert time.monotonic() - started >= 1.0
    finally:
        holder.kill()
        holder.wait()
    assert _texts(store, "a") == ["a"] and _texts(store, "b") == ["b"]
