"""`stories eval`: the policy checks measured on a labelled corpus, beside Presidio on the same items."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``eval`` subcommand to the ``stories`` command."""
