"""Benchmarks that print our figures beside a reference implementation's, with the ratio and the goal."""
