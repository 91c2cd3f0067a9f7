"""app.py keeps the import rule import-linter holds chalicelib to, which import-linter cannot apply to it.

``lint-imports`` (in ``make lint``) checks the contracts in pyproject.toml, but takes only packages as
roots, and app.py is a module. The deployed code must not import infra, local or tests (the package
carries none of them), so app.py's imports, at any depth and however written, are read here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.infra.conftest import REPO

NOT_DEPLOYED = frozenset({"infra", "local", "tests"})


def imported_top_levels(path: Path) -> set[str]:
    """The top-level package of every module the file imports, in functions and type checks too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name.split(".", 1)[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module.split(".", 1)[0])
    return out


def test_app_py_imports_nothing_from_infra_local_or_tests() -> None:
    assert imported_top_levels(REPO / "app.py") & NOT_DEPLOYED == set()


def test_the_import_reader_sees_imports_inside_functions(tmp_path: Path) -> None:
    # Guards the test above against a reader that finds nothing agreeing with everything.
    source = tmp_path / "sample.py"
    source.write_text("import os\n\ndef f():\n    from local.stack import x\n    import tests.conftest\n")
    assert imported_top_levels(source) == {"os", "local", "tests"}
