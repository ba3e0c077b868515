"""Malformed signed files get a verdict, never a traceback.

Seeded mutations of the decree (signed by the leader, numbered, sealed): bytes flipped
inside dictionaries, cross-references and trailers; the file cut short; a value of one
type written where another belongs (``/ByteRange null``, ``/Fields 0``, ``/V (x)``…), the
same length so that offsets hold. Each goes to ``eoffice verify`` (exit 0, 1 or 2 with a
report or a message, nothing on stderr but that) and to the server's ``sign_file`` check
(a SignedVersion or a ValidationError with the reason, nothing else).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from eoffice.cli import main
from eoffice.documents.signing import check_signed_version
from eoffice.errors import ValidationError
from tests.signing.attacks import Decree
from tests.signing.conftest import Pki

SEED = 20260305
#: Mutations per source file: the sealed decision (also through the server's check), the
#: one with the clerk's number and date.
ROUNDS = {"plain": 150, "filled": 100}
#: Values written in place of another type's (padded with spaces to the old length).
WRONG = [b"null", b"true", b"0", b"-1", b"/X", b"()", b"[]", b"<<>>", b"<>", b"99999 0 R", b"1.5"]
KEYS = [
    b"/ByteRange", b"/Contents", b"/V", b"/Fields", b"/Annots", b"/Kids", b"/Rect", b"/Lock", b"/Reference",
    b"/TransformParams", b"/P", b"/Root", b"/Size", b"/Prev", b"/AcroForm", b"/Type", b"/SubFilter", b"/Filter",
    b"/FT", b"/T", b"/Perms", b"/DocMDP", b"/Action", b"/Length", b"/AP", b"/Pages", b"/Count", b"/Info",
]


@dataclass(frozen=True)
class Mutation:
    kind: str
    where: int
    data: bytes


def _regions(data: bytes) -> list[tuple[int, int]]:
    """Dictionaries (an object up to its stream data, if any) and cross-reference sections."""
    regions = []
    for match in re.finditer(rb"\d+ \d+ obj", data):
        end = data.find(b"endobj", match.end())
        stream = data.find(b"stream", match.end(), end if end > 0 else len(data))
        stop = stream if stream > 0 else end
        if stop > match.start():
            regions.append((match.start(), min(stop, match.start() + 4000)))
    for match in re.finditer(rb"xref\s", data):
        eof = data.find(b"%%EOF", match.start())
        if eof > 0:
            regions.append((match.start(), eof + 5))
    return regions


def _value_end(data: bytes, start: int) -> int:
    """Where the PDF value that starts at ``start`` ends (approximately, as an attacker counts)."""
    opener = data[start : start + 1]
    closer = {b"[": b"]", b"(": b")"}.get(opener)
    if data[start : start + 2] == b"<<":
        depth, i = 0, start
        while i < len(data) - 1:
            if data[i : i + 2] == b"<<":
                depth, i = depth + 1, i + 2
                continue
            if data[i : i + 2] == b">>":
                depth, i = depth - 1, i + 2
                if depth == 0:
                    return i
                continue
            i += 1
        return len(data)
    if opener == b"<":
        return data.find(b">", start) + 1
    if closer is not None:
        return data.find(closer, start) + 1
    match = re.compile(rb"\d+ \d+ R|[^\s/\[\]<>()]+|/[^\s/\[\]<>()]*").match(data, start)
    return match.end() if match else start + 1


def mutations(data: bytes, rounds: int, rng: random.Random) -> list[Mutation]:
    regions = _regions(data)
    keyed = [(key, m.end()) for key in KEYS for m in re.finditer(re.escape(key) + rb"(?=[\s/\[<(\d-])", data)]
    out = []
    for _ in range(rounds):
        kind = rng.choice(["flip", "flip", "truncate", "retype", "retype"])
        buf = bytearray(data)
        if kind == "flip":
            start, end = rng.choice(regions)
            where = start
            for _n in range(rng.randint(1, 3)):
                where = rng.randrange(start, end)
                buf[where] ^= rng.randrange(1, 256)
        elif kind == "truncate":
            where = rng.randrange(len(data) // 2, len(data))
            del buf[where:]
        else:
            _key, after = rng.choice(keyed)
            start = after
            while start < len(data) and data[start : start + 1] in b" \r\n\t":
                start += 1
            end = _value_end(data, start)
            fits = [w for w in WRONG if len(w) <= end - start and not data[start:end].startswith(w)]
            if not fits:
                continue
            buf[start:end] = rng.choice(fits).ljust(end - start)
            where = start
        out.append(Mutation(kind, where, bytes(buf)))
    return out


def test_mutated_signed_files_get_a_verdict_never_a_traceback(
    decree: Decree, test_pki: Pki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    rng = random.Random(SEED)
    previous = decree.signed["plain"]
    previous_digest = hashlib.sha256(previous.read_bytes()).hexdigest()
    failures: list[str] = []
    seen = {0: 0, 1: 0, 2: 0}
    for source, rounds in ROUNDS.items():
        data = decree.sealed[source].read_bytes()
        for n, mutation in enumerate(mutations(data, rounds, rng)):
            path = tmp_path / f"{source}-{n}.pdf"
            path.write_bytes(mutation.data)
            what = f"{source} #{n} {mutation.kind} at {mutation.where}"
            capsys.readouterr()
            try:
                code = main(["--lang", "en", "verify", str(path), "--trust", str(test_pki.root_pem), "--json"])
            except BaseException as err:  # noqa: BLE001 - the finding this test looks for
                failures.append(f"{what}: verify raised {type(err).__name__}: {err}")
                continue
            out = capsys.readouterr()
            if code not in (0, 1, 2) or "Traceback" in out.err:
                failures.append(f"{what}: exit {code}, stderr {out.err[-300:]}")
                continue
            seen[code] += 1
            if code == 2:
                if not out.err.strip():
                    failures.append(f"{what}: exit 2 without saying what is wrong")
            else:
                report = json.loads(out.out)
                if (code == 0) != report["ok"] or any(not s["ok"] and not s["problems"] for s in report["signatures"]):
                    failures.append(f"{what}: exit {code} but the report says {report['ok']} / no reason")
            if source != "plain":
                continue
            try:
                check_signed_version(
                    previous, previous_digest, path, hashlib.sha256(mutation.data).hexdigest(), [test_pki.root.cert]
                )
            except ValidationError:
                pass  # refused, with the reason
            except BaseException as err:  # noqa: BLE001
                failures.append(f"{what}: the server's check raised {type(err).__name__}: {err}")
            path.unlink()
    assert not failures, "\n".join(failures[:20])
    assert seen[1] > 50 and seen[2] > 5, seen  # the mutations do reach both kinds of verdict
    # the unmutated decision still verifies, through the same call
    assert main(["--lang", "en", "verify", str(decree.sealed["plain"]), "--trust", str(test_pki.root_pem)]) == 0
