"""Benchmark: a synthetic national corpus with known truth, and timings of the real build over it."""
