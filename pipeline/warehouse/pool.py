"""Worker processes that can be killed: one file cannot hang, exhaust or outlive a run.

Every file's work runs in a worker process of this pool, never in the writer process, because
no in-process guard can stop a C library that loops (a PDF whose /Contents refers to itself
walks the loop again while an alarm unwinds) or allocates without bound. The guarantees are
enforced from outside the worker:

- wall clock: the parent times each file from the moment its worker started it and kills the
  worker (SIGKILL) when the file passes its limit; the file gets a limit reason, the worker's
  other queued files go to a fresh worker, and the run goes on;
- memory: each worker's address space is capped (RLIMIT_AS) before it touches a file, at what
  it holds once its code is imported plus the allowance; an allocation past the cap raises
  MemoryError in the worker, which reports the file and exits; a worker that dies some other
  way after nearing the cap is given the same reason;
- lifetime: workers die with the run. PR_SET_PDEATHSIG kills a worker when its parent (the
  forkserver, which itself exits when the run's process does) dies, and a watchdog thread in the
  worker exits when the run's end of its pipe closes — together they cover `kill -9` of the run.

Results come back in order, one list per window, with the next window already computing while
the caller writes the current one.
"""
from __future__ import annotations

import collections
import ctypes
import logging
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait

log = logging.getLogger("pipeline")

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.25  # how often deadlines and memory are looked at when nothing else happens
_NEAR_CAP = 0.9  # a worker that died having reserved this share of its cap died of memory


class WorkerError(RuntimeError):
    """The work function itself raised (a bug in our code, not a bad file): the step fails."""


class _Limit:
    """A file that hit a limit or killed its worker; turned into a result by the caller's callback."""

    __slots__ = ("kind", "message")

    def __init__(self, kind: str, message: str):
        self.kind, self.message = kind, message


def limit_message(kind: str, timeout: float, memory_mb: float) -> str:
    if kind == "timeout":
        return f"exceeded {timeout:g} s wall-clock limit"
    return f"exceeded {memory_mb:g} MB memory limit"


# ------------------------------------------------------------------------------- worker side
def _worker_main(conn, memory_bytes: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to handle; it kills us
    _die_with_parent()
    threading.Thread(target=_watch_run, args=(conn.fileno(),), daemon=True).start()
    capped = False
    while True:
        try:
            msg = conn.recv()  # the first one imports the work function's module
        except (EOFError, OSError):
            os._exit(0)
        if msg is None:
            os._exit(0)
        fn, items = msg
        if not capped:  # ready: the file's clock starts now, not while the code was imported
            # A work module's prepare() (the parser's word lists) runs once, before the clock and
            # the cap, so a per-file limit measures the file and not the worker's start-up.
            prepare = getattr(sys.modules.get(getattr(fn, "__module__", "") or ""), "prepare", None)
            if callable(prepare):
                prepare()
            conn.send((None, "cap", _cap_memory(memory_bytes) if memory_bytes else 0))
            capped = True
        for idx, args in items:
            try:
                out = (idx, "ok", fn(*args))
            except MemoryError:
                out = None
            except BaseException as e:  # noqa: BLE001 - reported to the run, which fails the step
                out = (idx, "error", "".join(traceback.format_exception(e))[-4000:])
            if out is None:  # the memory cap: say which file, then leave with a clean slate
                try:
                    conn.send((idx, "memory", None))
                finally:
                    os._exit(3)
            conn.send(out)


def _cap_memory(memory_bytes: int) -> int:
    """Cap the address space at what the worker holds now (Python and the imported code:
    DuckDB and polars alone reserve ~450 MB of address space they never touch) plus the
    allowance, so the allowance is what one file may use."""
    import resource

    try:
        with open("/proc/self/status", "rb") as fh:
            now = next(int(line.split()[1]) * 1024 for line in fh if line.startswith(b"VmSize:"))
    except (OSError, StopIteration, ValueError):
        now = 0
    resource.setrlimit(resource.RLIMIT_AS, (now + memory_bytes, now + memory_bytes))
    return now + memory_bytes


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() == 1:  # the parent died before the signal was armed
        os._exit(1)


def _watch_run(fd: int) -> None:
    """Block until the run's end of the pipe is gone (POLLHUP; event mask 0 never wakes for
    data), then exit even if the main thread is stuck inside a C library."""
    poller = select.poll()
    poller.register(fd, 0)
    while True:
        for _fd, event in poller.poll():
            if event & (select.POLLHUP | select.POLLERR | select.POLLNVAL):
                os._exit(1)


# ------------------------------------------------------------------------------- parent side
class _Worker:
    def __init__(self, ctx, memory_bytes: int):
        parent_end, child_end = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child_end, memory_bytes), daemon=True)
        self.proc.start()
        child_end.close()  # only the worker holds its end: its watchdog sees us go
        self.conn = parent_end
        self.inflight: collections.deque[int] = collections.deque()
        self.started = 0.0  # when the file at the head of inflight began
        self.peak_kb = 0
        self.cap = 0  # its address-space cap in bytes, as the worker reported it
        self.eof = False  # its pipe is closed: wait for the process to be reported dead

    def sample_peak(self) -> None:
        try:
            with open(f"/proc/{self.proc.pid}/status", "rb") as fh:
                for line in fh:
                    if line.startswith(b"VmPeak:"):
                        self.peak_kb = max(self.peak_kb, int(line.split()[1]))
                        return
        except (OSError, ValueError, IndexError):
            pass

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class Workers:
    """The worker processes of one stage, started on first use and reused for every window.

    n workers; timeout: seconds one call may take (0: no limit); memory_mb: address-space cap of
    each worker (0: no cap). forkserver, not fork: workers start from a small server process that
    has imported the parser once, instead of copying a parent that holds Dagster and DuckDB's
    buffers.
    """

    def __init__(self, n: int, timeout: float = 0.0, memory_mb: float = 0.0):
        self.n = max(1, n)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._memory_bytes = int(memory_mb * 1024 * 1024) if memory_mb else 0
        self._lock = threading.Condition()
        self._queue: collections.deque[int] = collections.deque()
        self._jobs: dict[int, tuple] = {}  # job id → (fn, args)
        self._results: dict[int, object] = {}
        self._next_id = 0
        self._workers: list[_Worker] = []
        self._thread: threading.Thread | None = None
        self._closing = False
        self._failure: BaseException | None = None
        self.killed = 0  # workers killed for a limit or lost, for the log

    # -- the caller's side
    def map_windows(
        self,
        fn: Callable,
        windows: Iterable[list[tuple]],
        on_crash: Callable[[tuple], object],
        on_limit: Callable[[tuple, str], object] | None = None,
    ) -> Iterator[list]:
        """fn(*a) for every a, one list of results per window, in order. A call that passes the
        time or memory limit gets on_limit(a, 'exceeded … limit') (on_crash(a) when None); a call
        that kills its worker any other way (a segfault in a C library) gets on_crash(a)."""
        pending = None
        for args in windows:
            submitted = (args, self._submit(fn, args))
            if pending is not None:
                yield self._collect(*pending, on_crash, on_limit)
            pending = submitted
        if pending is not None:
            yield self._collect(*pending, on_crash, on_limit)

    def _submit(self, fn: Callable, args: list[tuple]) -> list[int]:
        with self._lock:
            ids = list(range(self._next_id, self._next_id + len(args)))
            self._next_id += len(args)
            for i, a in zip(ids, args):
                self._jobs[i] = (fn, a)
            self._queue.extend(ids)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="pipeline-workers", daemon=True)
                self._thread.start()
            self._lock.notify_all()
        return ids

    def _collect(self, args: list[tuple], ids: list[int], on_crash, on_limit) -> list:
        out = []
        with self._lock:
            for i, a in zip(ids, args):
                while i not in self._results:
                    if self._failure is not None:
                        raise WorkerError(f"the worker pool stopped: {self._failure}") from self._failure
                    self._lock.wait(1.0)
                r = self._results.pop(i)
                out.append((a, r))
        results = []
        for a, r in out:
            if isinstance(r, _Limit):
                if r.kind == "error":
                    raise WorkerError(r.message)
                if r.kind == "crash" or on_limit is None:
                    results.append(on_crash(a))
                else:
                    results.append(on_limit(a, r.message))
            else:
                results.append(r)
        return results

    # -- the pool's own thread: dispatch, receive, enforce
    def _run(self) -> None:
        try:
            self._loop()
        except BaseException as e:  # noqa: BLE001 - surfaced to the caller by _collect
            with self._lock:
                self._failure = e
                self._lock.notify_all()

    def _loop(self) -> None:
        ctx = _context()
        last_sample = 0.0
        while True:
            with self._lock:
                if self._closing:
                    return
                self._dispatch(ctx)
                busy = [w for w in self._workers if w.inflight]
                if not busy:
                    self._lock.wait(_POLL_SECONDS)
                    continue
            now = time.monotonic()
            wait_for = _POLL_SECONDS
            if self.timeout:
                wait_for = max(0.0, min(wait_for, min(w.started + self.timeout for w in busy) - now))
            ready = set(wait([w.conn for w in busy if not w.eof] + [w.proc.sentinel for w in busy], timeout=wait_for))
            for w in busy:
                if w.conn in ready or w.proc.sentinel in ready:
                    self._receive(w)
            now = time.monotonic()
            if self._memory_bytes and now - last_sample >= _POLL_SECONDS:
                last_sample = now
                for w in self._workers:
                    if w.inflight:
                        w.sample_peak()
            if self.timeout:
                for w in list(self._workers):
                    if w.inflight and now - w.started > self.timeout:
                        self._lose(w, "timeout")

    def _dispatch(self, ctx) -> None:
        """Give queued calls to idle workers, starting workers as needed (lock held)."""
        while self._queue:
            idle = next((w for w in self._workers if not w.inflight), None)
            if idle is None:
                if len(self._workers) >= self.n:
                    return
                idle = _Worker(ctx, self._memory_bytes)
                self._workers.append(idle)
            size = max(1, min(32, len(self._queue) // (self.n * 4)))
            fn = self._jobs[self._queue[0]][0]
            chunk = []
            while self._queue and len(chunk) < size and self._jobs[self._queue[0]][0] is fn:
                chunk.append(self._queue.popleft())
            items = [(i, self._jobs[i][1]) for i in chunk]
            try:
                idle.conn.send((fn, items))
            except (OSError, ValueError):  # died while idle: replace it, keep the calls
                self._queue.extendleft(reversed(chunk))
                self._drop(idle)
                continue
            idle.inflight.extend(chunk)
            idle.started = time.monotonic()

    def _receive(self, w: _Worker) -> None:
        try:
            while w.inflight and w.conn.poll():
                idx, status, value = w.conn.recv()
                if status == "cap":
                    w.cap = value
                    w.started = time.monotonic()
                    continue
                now = time.monotonic()
                with self._lock:
                    w.inflight.popleft()
                    w.started = now  # the next file starts when this one is done
                    if status == "ok":
                        self._done(idx, value)
                    elif status == "memory":
                        self._done(idx, _Limit("memory", limit_message("memory", self.timeout, self.memory_mb)))
                    else:
                        self._done(idx, _Limit("error", value))
                if status == "memory":
                    self._lose(w, None)
                    return
        except (EOFError, OSError):
            w.eof = True
        if w.proc.is_alive():  # asked once: it can change between two calls
            return
        if w.inflight:
            near_cap = w.cap and w.peak_kb * 1024 >= w.cap - (1 - _NEAR_CAP) * self._memory_bytes
            self._lose(w, "memory" if near_cap else "crash")
        else:
            with self._lock:
                self._drop(w)

    def _lose(self, w: _Worker, kind: str | None) -> None:
        """Kill a worker; its current call gets `kind` as its result, its other calls go back
        to the front of the queue for a fresh worker."""
        w.kill()
        with self._lock:
            if kind is not None and w.inflight:
                idx = w.inflight.popleft()
                message = limit_message(kind, self.timeout, self.memory_mb) if kind != "crash" else "crash"
                self._done(idx, _Limit(kind, message))
                self.killed += 1
                log.warning("worker %d %s: killed and replaced", w.proc.pid,
                            {"timeout": "passed the time limit", "memory": "passed the memory limit",
                             "crash": "died"}[kind])
            self._queue.extendleft(reversed(w.inflight))
            w.inflight.clear()
            self._drop(w)

    def _drop(self, w: _Worker) -> None:
        if w in self._workers:
            self._workers.remove(w)
        if w.proc.is_alive():
            w.kill()

    def _done(self, idx: int, value: object) -> None:
        self._jobs.pop(idx, None)
        self._results[idx] = value
        self._lock.notify_all()

    # -- lifetime
    def close(self) -> None:
        with self._lock:
            self._closing = True
            self._lock.notify_all()
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None
        for w in self._workers:
            if not w.inflight:
                try:
                    w.conn.send(None)
                except (OSError, ValueError):
                    pass
        deadline = time.monotonic() + 2.0
        for w in self._workers:
            w.proc.join(max(0.0, deadline - time.monotonic()) if not w.inflight else 0)
            w.kill()
        self._workers.clear()

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.warehouse.pool", "pipeline.tasks"])
    return ctx


class Progress:
    """Logs 'stage: done/total (rate/s)' at most every few seconds, so long runs show life."""

    def __init__(self, stage: str, total: int, every: float = 5.0):
        self.stage, self.total, self.every = stage, total, every
        self.start = self.last = time.monotonic()
        self.cpu_start = time.process_time()
        self.done = 0

    def step(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= self.every and self.done < self.total:
            self.last = now
            rate = self.done / max(now - self.start, 1e-9)
            log.info("%s: %d/%d files (%.0f/s)", self.stage, self.done, self.total, rate)

    def finish(self) -> dict:
        """Wall time, and the CPU time of this (the one writing) process: what does not
        parallelise across workers or machines."""
        elapsed = time.monotonic() - self.start
        writer_cpu = time.process_time() - self.cpu_start
        if self.total:
            log.info("%s: %d files in %.1fs (writer process CPU %.1fs)", self.stage, self.total, elapsed, writer_cpu)
        return {"seconds": round(elapsed, 3), "writer_cpu_seconds": round(writer_cpu, 3)}
