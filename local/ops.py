"""Operations from the command line: queue depths, DLQ redrive and story replay, locally or in AWS."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``status``, ``redrive`` and ``replay`` subcommands to the ``stories`` command."""
