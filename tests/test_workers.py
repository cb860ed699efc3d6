"""Worker processes: a file that kills its worker is quarantined, the others still get results."""
import os

from pipeline.warehouse.pool import Workers


def double_or_die(x: int) -> int:
    if x == 13:
        os._exit(1)  # as a segfault in a C library would
    return 2 * x


def test_a_worker_that_dies_costs_only_its_own_file():
    windows = [[(i,) for i in range(0, 20)], [(i,) for i in range(20, 40)]]
    with Workers(2) as pool:
        out = list(pool.map_windows(double_or_die, iter(windows), on_crash=lambda a: ("crashed", a[0])))
    assert out[0] == [2 * i if i != 13 else ("crashed", 13) for i in range(20)]
    assert out[1] == [2 * i for i in range(20, 40)]


def test_results_come_back_in_order_window_by_window():
    windows = [[(i,) for i in range(k, k + 9)] for k in (20, 30, 40)]
    with Workers(2) as pool:
        out = list(pool.map_windows(double_or_die, iter(windows), on_crash=lambda a: None))
    assert out == [[2 * i for i in range(k, k + 9)] for k in (20, 30, 40)]
