"""The worker pool enforces its limits from outside: real processes, really killed, measured."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil

import hostile
from pipeline.warehouse.pool import Workers


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_a_call_that_never_returns_is_killed_at_the_time_limit_and_the_rest_go_on(tmp_path: Path):
    windows = [[(i, str(tmp_path)) for i in (1, 2, -1, 3, 4)], [(i, str(tmp_path)) for i in (5, 6)]]
    started = time.monotonic()
    with Workers(2, timeout=1.0) as pool:
        out = list(pool.map_windows(hostile.hang_or_double, iter(windows), on_crash=lambda a: "crashed",
                                    on_limit=lambda a, why: why))
    elapsed = time.monotonic() - started
    assert out == [[2, 4, "exceeded 1 s wall-clock limit", 6, 8], [10, 12]]
    assert elapsed < 1.0 + 4.0  # killed at its limit, not after it finished (it never would)
    (pid_file,) = tmp_path.iterdir()
    assert _gone(int(pid_file.name))  # the process itself is gone, not just abandoned


def test_a_call_that_allocates_without_end_hits_the_memory_cap(tmp_path: Path):
    started = time.monotonic()
    with Workers(1, timeout=60, memory_mb=200) as pool:
        out = list(pool.map_windows(hostile.allocate_or_double, iter([[(1,), (-1,), (2,)]]),
                                    on_crash=lambda a: "crashed", on_limit=lambda a, why: why))
    assert out == [[2, "exceeded 200 MB memory limit", 4]]  # a fresh worker took the next call
    assert time.monotonic() - started < 30


def test_workers_die_with_a_run_killed_by_sigkill(tmp_path: Path):
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        import hostile
        from pipeline.warehouse.pool import Workers
        if __name__ == "__main__":
            with Workers(2, timeout=0) as pool:
                list(pool.map_windows(hostile.hang_or_double, iter([[(-1, {str(tmp_path)!r}), (-2, {str(tmp_path)!r})]]),
                                      on_crash=lambda a: None))
    """)
    run = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while len(list(tmp_path.iterdir())) < 2:
            assert time.monotonic() < deadline and run.poll() is None
            time.sleep(0.05)
        tree = psutil.Process(run.pid).children(recursive=True)  # the forkserver and its workers
        workers = [int(p.name) for p in tmp_path.iterdir()]
        assert set(workers) <= {p.pid for p in tree}
        os.kill(run.pid, signal.SIGKILL)
        run.wait(10)
        deadline = time.monotonic() + 5
        while not all(_gone(p.pid) for p in tree):
            assert time.monotonic() < deadline, [p.pid for p in tree if not _gone(p.pid)]
            time.sleep(0.05)
    finally:
        if run.poll() is None:
            run.kill()
