"""Adapters: each wraps one SDK behind a Protocol from ``ports`` and speaks domain values."""
