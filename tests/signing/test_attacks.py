"""``eoffice verify`` against the published attack classes, on a decision signed by the
leader and sealed by the clerk with our CLI (see ``tests.signing.attacks``).

Each attack test first shows the attack is real (poppler draws page 1 differently from
what was signed, where the class is about what a viewer shows), then that ``verify``
says so: exit 1 with the reason (or 2 for a file it cannot read at all). The changes the
decree's work makes after a signature (the seal after the leader, a document timestamp
with validation data) still verify. pdfsig (poppler 22.12) is quoted beside ours: it
checks each signature's bytes, not what the updates after it do.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eoffice.cli import main
from tests.conftest import need
from tests.signing.attacks import Decree
from tests.signing.conftest import Pki


def verify(path: Path, pki: Pki, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    """``eoffice verify --json`` in this process: its exit code and report."""
    capsys.readouterr()
    code = main(["--lang", "en", "verify", str(path), "--trust", str(pki.root_pem), "--json"])
    out = capsys.readouterr().out
    return code, (json.loads(out) if out.strip() else {})


def reasons(report: dict, index: int) -> str:  # type: ignore[type-arg]
    return " ".join(p["en"] for p in report["signatures"][index]["problems"])


def render(path: Path, folder: Path):  # type: ignore[no-untyped-def]
    """Page 1 as poppler draws it, at 40 dpi, in grey."""
    need(shutil.which("pdftoppm") is not None, "pdftoppm is not installed (apt install poppler-utils)")
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / path.stem
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(path), str(prefix)], capture_output=True)
    return Image.open(next(folder.glob(f"{path.stem}*.png"))).convert("L")


def assert_shows_otherwise(signed: Path, attacked: Path, tmp_path: Path) -> None:
    """The attacked file shows page 1 differently from the signed one (the attack is real)."""
    from PIL import ImageChops

    diff = ImageChops.difference(render(signed, tmp_path / "before"), render(attacked, tmp_path / "after"))
    changed = sum(diff.point(lambda v: 1 if v > 64 else 0).histogram()[1:])
    assert changed > 1000, changed


def test_the_decree_as_signed_and_sealed_verifies(decree: Decree, test_pki: Pki, capsys):
    """pdfsig: #1 'Signature is Valid', 'Not total document signed'; #2 valid, 'Total document
    signed'. Ours: exit 0, the seal is form filling after the leader's signature."""
    code, report = verify(decree.sealed["plain"], test_pki, capsys)
    assert code == 0, report
    leader, seal = report["signatures"]
    assert leader["coverage"] == "revision" and leader["changes_after"] == "form_filling"
    assert seal["coverage"] == "whole_file" and seal["changes_after"] == "none"


def test_shadow_hide_by_widget_flags(decree: Decree, test_pki: Pki, capsys, tmp_path):
    """pdfsig: both 'Signature is Valid', 'Not total document signed' (as for any signed and
    sealed file). Ours: exit 1; both signatures: a field's widget changed (/F) without its
    value being filled."""
    attacked = decree.attack("shadow-hide")
    assert_shows_otherwise(decree.sealed["shadow"], attacked, tmp_path)
    code, report = verify(attacked, test_pki, capsys)
    assert code == 1
    for i in (0, 1):
        sig = report["signatures"][i]
        assert not sig["ok"] and sig["intact"] and sig["changes_after"] == "other"
        assert "ghi-chu-an" in reasons(report, i) and "/F" in reasons(report, i)


def test_shadow_hide_and_replace_by_a_late_definition(decree: Decree, test_pki: Pki, capsys, tmp_path):
    """pdfsig: both 'Signature is Valid'. Ours: exit 1; each signed revision refers to an
    object it does not define (not intact), and its definition after signing is used by page 1."""
    attacked = decree.attack("late-definition")
    assert_shows_otherwise(decree.sealed["late"], attacked, tmp_path)
    code, report = verify(attacked, test_pki, capsys)
    assert code == 1
    for i in (0, 1):
        sig = report["signatures"][i]
        assert not sig["ok"] and not sig["intact"]
        assert "does not define" in reasons(report, i) and "9000" in reasons(report, i)
    assert "is used by the document" in reasons(report, 0)


def test_incremental_saving_without_a_cross_reference(decree: Decree, test_pki: Pki, capsys):
    """pdfsig: both 'Signature is Valid' ('Not total document signed'). Ours: exit 1, not
    intact: bytes follow the last %%EOF without a cross-reference."""
    attacked = decree.attack("no-xref")
    sealed = decree.sealed["plain"].read_bytes()
    appended = attacked.read_bytes()[len(sealed) :]
    assert b" obj" in appended and b"\nxref" not in appended and b"trailer" not in appended
    assert appended.endswith(sealed[sealed.rindex(b"startxref") :])  # the signed startxref, repeated
    code, report = verify(attacked, test_pki, capsys)
    assert code == 1
    for i in (0, 1):
        sig = report["signatures"][i]
        assert not sig["ok"] and not sig["intact"]
        assert "follow the last %%EOF without a cross-reference" in reasons(report, i)
    assert report["signatures"][1]["coverage"] != "whole_file"


def test_signature_wrapping_of_a_single_signature(decree: Decree, test_pki: Pki, capsys, tmp_path):
    """pdfsig: 'Signature is Valid', 'Not total document signed'. Ours: exit 1; the gap
    between the byte ranges is not exactly the /Contents hex string, the range does not end
    with its revision, and the file is not laid out as revisions."""
    attacked = decree.attack("wrap-single")
    assert_shows_otherwise(decree.signed["plain"], attacked, tmp_path)
    code, report = verify(attacked, test_pki, capsys)
    assert code == 1
    [sig] = report["signatures"]
    assert not sig["ok"] and not sig["intact"] and sig["coverage"] != "whole_file"
    assert "not exactly the signature's /Contents hex string" in reasons(report, 0)


def test_signature_wrapping_survives_no_later_seal(decree: Decree, test_pki: Pki, capsys, tmp_path):
    """The leader's signature wrapped, then the clerk's seal added by our CLI over it.

    pdfsig: #1 'Signature is Valid', 'Not total document signed'; #2 valid, 'Total
    document signed' — indistinguishable from an honest file. Ours: exit 1; the leader's
    signature does not cover exactly what was signed, the seal's file is not intact.
    """
    attacked = decree.attack("wrap-then-sealed")
    assert_shows_otherwise(decree.sealed["plain"], attacked, tmp_path)
    code, report = verify(attacked, test_pki, capsys)
    assert code == 1
    leader, seal = report["signatures"]
    assert not leader["ok"] and not leader["intact"]
    assert "not exactly the signature's /Contents hex string" in reasons(report, 0)
    assert not seal["ok"]


def test_a_null_byte_range_is_an_unreadable_signature_not_a_crash(decree: Decree, test_pki: Pki, capsys):
    """pdfsig: 'Invalid or missing ByteRange array', #2 'Signature has not yet been verified'.
    Ours: exit 1 with a report; the seal's signature cannot be read."""
    attacked = decree.attack("null-byte-range")
    code, report = verify(attacked, test_pki, capsys)
    assert code == 1
    [broken] = [s for s in report["signatures"] if [p["code"] for p in s["problems"]] == ["unreadable"]]
    assert "/ByteRange" in broken["problems"][0]["en"]


def test_a_document_timestamp_with_validation_data_after_the_seal_verifies(
    decree: Decree, test_pki: Pki, capsys, tmp_path
):
    """A document timestamp (its own revision) and the DSS/VRI for it (another): allowed.

    pdfsig: #1, #2 'Signature is Valid'; #3 (the timestamp) 'not yet been verified'. Ours:
    exit 0, nothing but validation data after the seal."""
    from tests.signing.attacks import timestamp

    stamped = tmp_path / "timestamped.pdf"
    stamped.write_bytes(timestamp(decree.sealed["plain"].read_bytes(), test_pki))
    code, report = verify(stamped, test_pki, capsys)
    assert code == 0, report
    assert [s["changes_after"] for s in report["signatures"]] == ["form_filling", "none"]


def test_the_real_cli_exits_1_on_an_attack(decree: Decree, test_pki: Pki):
    done = subprocess.run(
        [
            sys.executable, "-m", "eoffice", "verify", str(decree.attack("shadow-hide")),
            "--trust", str(test_pki.root_pem),
        ],
        capture_output=True, text=True,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "KHÔNG HỢP LỆ" in done.stdout and "Traceback" not in done.stderr
