"""``eoffice.ops`` is below every capability: it imports none of them, and the bounds it
declares for file references are those of the columns the files land in."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path
from typing import get_type_hints

from eoffice.directory.models import Organisation, User
from eoffice.documents.models import DocumentFile
from eoffice.ops import FileRef
from eoffice.ops.limits import BIGINT_MAX, Fits

OPS = Path(__file__).resolve().parents[2] / "eoffice" / "ops"
CAPABILITIES = ("eoffice.documents", "eoffice.worklog", "eoffice.signing", "eoffice.directory", "eoffice.sync",
                "eoffice.server", "eoffice.ui")
#: Everything needs the people (the actor of a check): tolerated, as in the other layers.
TOLERATED = {"eoffice.directory.models"}


def test_ops_imports_no_capability_nor_the_layers_above():
    offenders = []
    for path in OPS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names] if isinstance(node, ast.Import)
                else [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            )
            offenders += [
                f"{path.name}: {n}" for n in names if n.startswith(CAPABILITIES) and n not in TOLERATED
            ]
    assert offenders == []


def _bound(name: str) -> Fits:
    hint = get_type_hints(FileRef, include_extras=True)[name]
    return next(m for m in hint.__metadata__ if isinstance(m, Fits))


def test_a_file_reference_fits_the_columns_files_land_in():
    for name in ("digest", "filename"):
        assert _bound(name).max_length == Fits(getattr(DocumentFile, name)).max_length
    for column in (User.signature_digest, Organisation.seal_digest):
        assert _bound("digest").max_length == Fits(column).max_length
    for name in ("size", "page_count"):
        column = Fits(getattr(DocumentFile, name))
        assert (_bound(name).le or BIGINT_MAX) == column.le and _bound(name).ge == 0
    assert {f.name for f in dataclasses.fields(FileRef)} == {"digest", "filename", "size", "page_count", "text"}
