"""Loopback fakes of X, Mastodon, Bluesky and WordPress that refuse what the real services refuse."""
