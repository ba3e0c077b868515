"""Benchmark: PAdES signing on a SoftHSM2 token, streaming big files, batches, verification.

    .venv/bin/python bench/signing.py

Prints ONE JSON object on stdout; progress goes to stderr. Not a test: nothing here
asserts a time. Targets from issue 4: signing ≤ 2 × hashing + 0.5 s; peak RSS growth
≤ 64 MB at 150 MB; batch ≥ 10 documents/s.

Everything is made in a temporary dir at run time: a SoftHSM2 token with an RSA-2048
key generated on it and its certificate from a throwaway CA; PDFs of 1, 20 and 150 MB
(one page carrying one big incompressible image stream, written in chunks); 100 one-page
official letters. Each big-file signature runs in its own process (this file with
``--sign``) so its peak RSS (VmHWM, reset after warming up) is its own; beside it the
same process times SHA-256 over the same file. The key is opened (PIN entered) before the
clock starts: the batch figure counts one login for all 100 documents.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOFTHSM_LIB = "/usr/lib/softhsm/libsofthsm2.so"
LABEL = "Bench token"
PIN = "123456"
KEY_ID = b"\x01"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def big_pdf(path: Path, megabytes: int) -> Path:
    """A valid one-page PDF whose image stream makes it ``megabytes`` MB, written in chunks."""
    size = megabytes * 1024 * 1024
    side = int((size / 3) ** 0.5)
    data_len = side * side * 3
    offsets = []
    with open(path, "wb") as out:
        def obj(body: bytes) -> None:
            offsets.append(out.tell())
            out.write(body)

        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        obj(b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
        obj(b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
        obj(b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>\nendobj\n")
        content = b"q 400 0 0 400 97 300 cm /Im1 Do Q"
        obj(b"4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (len(content), content))
        offsets.append(out.tell())
        out.write(b"5 0 obj\n<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                  b"/BitsPerComponent 8 /Length %d >>\nstream\n" % (side, side, data_len))
        left = data_len
        while left:
            chunk = os.urandom(min(left, 1 << 20))
            out.write(chunk)
            left -= len(chunk)
        out.write(b"\nendstream\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
    return path


def make_token(folder: Path) -> Path:
    """A SoftHSM2 token with a key generated on it and its certificate; returns the CA root."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    tokens = folder / "tokens"
    tokens.mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", LABEL, "--so-pin", "87654321", "--pin", PIN],
        check=True, capture_output=True,
    )
    import pkcs11
    from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass

    from eoffice.signing import pki

    root = pki.make_root(pki.name("Bench Root CA"))
    ca = pki.make_intermediate(root, pki.name("Bench Signing CA"))
    token = pkcs11.lib(SOFTHSM_LIB).get_token(token_label=LABEL)
    with token.open(rw=True, user_pin=PIN) as session:
        public, _ = session.generate_keypair(KeyType.RSA, 2048, store=True, label="key", id=KEY_ID)
        numbers = rsa.RSAPublicNumbers(
            int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"), int.from_bytes(public[Attribute.MODULUS], "big")
        )
        cert = pki.issue_signer(ca, pki.name("Nguyễn Văn Đo", "Bench"), public_key=numbers.public_key()).cert
        for c, label, cid in ((cert, "cert", KEY_ID), (ca.cert, "ca", b"\xca")):
            session.create_object({
                Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True, Attribute.LABEL: label, Attribute.ID: cid,
                Attribute.SUBJECT: c.subject.public_bytes(),
                Attribute.VALUE: c.public_bytes(serialization.Encoding.DER),
            })
    root_pem = folder / "root.pem"
    root_pem.write_bytes(root.pem)
    return root_pem


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def sha256_seconds(path: Path) -> float:
    start = time.perf_counter()
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return time.perf_counter() - start


def child_sign(source: Path, folder: Path) -> dict[str, float]:
    """In its own process: warm up, reset the peak RSS, sign once on the token, time SHA-256."""
    from eoffice.signing.appearance import Appearance, Kind
    from eoffice.signing.keys import open_pkcs11
    from eoffice.signing.pades import sign_pdf

    from eoffice.signing.images import signature_image

    small = big_pdf(folder / "warm.pdf", 1)
    appearance = Appearance(Kind.SIGNER, image=signature_image("Nguyễn Văn Đo"))
    with open_pkcs11(SOFTHSM_LIB, LABEL, PIN, key_id=KEY_ID) as key:
        sign_pdf(small, folder / "warm-signed.pdf", key, appearance)  # imports, first key use
        for _ in range(2):
            sha256_seconds(source)  # the page cache holds the file, for hashing and signing alike
        Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
        baseline = _status("VmRSS")
        start = time.perf_counter()
        sign_pdf(source, folder / f"signed-{source.name}", key, appearance)
        signing = time.perf_counter() - start
        peak = _status("VmHWM")
    hashing = min(sha256_seconds(source) for _ in range(3))
    (folder / f"signed-{source.name}").unlink()
    return {"sign_s": signing, "sha256_s": hashing, "rss_growth_mb": (peak - baseline) / 2**20}


def run_child(source: Path, folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--sign", str(source), "--folder", str(folder)],
        capture_output=True, text=True, env=os.environ.copy(),
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout)


def batch(folder: Path, root_pem: Path) -> dict[str, float]:
    from eoffice.demo.pdfs import SampleDocument, render_many
    from eoffice.signing.appearance import Appearance, Kind
    from eoffice.signing.keys import open_pkcs11
    from eoffice.signing.pades import sign_many
    from eoffice.signing.verify import load_trust_roots, verify_pdf

    docs = [
        SampleDocument("Sở Nội vụ", f"{n:02d}/SNV-VP", "Công văn", f"Về việc thử số {n}", "Nội dung văn bản. " * 20,
                       "Giám đốc", "Nguyễn Văn Đo")
        for n in range(1, 101)
    ]
    inputs = folder / "batch-in"
    inputs.mkdir()
    sources = []
    for n, data in enumerate(render_many(docs), 1):
        path = inputs / f"vb{n:03d}.pdf"
        path.write_bytes(data)
        sources.append(path)
    from eoffice.signing.images import signature_image

    appearance = Appearance(Kind.SIGNER, image=signature_image("Nguyễn Văn Đo"), title="Giám đốc", name="Nguyễn Văn Đo")
    with open_pkcs11(SOFTHSM_LIB, LABEL, PIN, key_id=KEY_ID) as key:  # the one PIN entry
        sign_many([(sources[0], folder / "warm.pdf", appearance)], key)
        start = time.perf_counter()
        results = sign_many([(s, folder / "batch-out" / s.name, appearance) for s in sources], key)
        elapsed = time.perf_counter() - start
    roots = load_trust_roots([root_pem])
    verify_pdf(results[0].output, roots)  # warm
    start = time.perf_counter()
    reports = [verify_pdf(r.output, roots) for r in results]
    verify_elapsed = time.perf_counter() - start
    if not all(r.ok for r in reports):
        raise SystemExit("a batch signature does not verify")
    return {"batch_docs_per_s": len(results) / elapsed, "verify_ms_per_doc": verify_elapsed / len(results) * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sign", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sign:
        print(json.dumps(child_sign(Path(args.sign), Path(args.folder))))
        return 0
    if not (shutil.which("softhsm2-util") and Path(SOFTHSM_LIB).is_file()):
        raise SystemExit("SoftHSM2 is needed: apt install softhsm2")
    folder = Path(tempfile.mkdtemp(prefix="eoffice-bench-signing-"))
    try:
        log(f"token and files in {folder}")
        root_pem = make_token(folder)
        result: dict[str, float] = {}
        for mb in (1, 20, 150):
            source = big_pdf(folder / f"{mb}mb.pdf", mb)
            log(f"signing {mb} MB …")
            measured = run_child(source, folder)
            result[f"sign_{mb}mb_s"] = round(measured["sign_s"], 3)
            result[f"sha256_{mb}mb_s"] = round(measured["sha256_s"], 3)
            result[f"sign_{mb}mb_rss_growth_mb"] = round(measured["rss_growth_mb"], 1)
            source.unlink()
        log("batch of 100 …")
        result.update({k: round(v, 2) for k, v in batch(folder, root_pem).items()})
        ordered = ["sign_1mb_s", "sign_20mb_s", "sign_150mb_s", "sha256_150mb_s", "sign_150mb_rss_growth_mb",
                   "batch_docs_per_s", "verify_ms_per_doc"]
        out = {k: result[k] for k in ordered}
        out.update({k: v for k, v in result.items() if k not in out})
        out["targets_met"] = {
            "sign_150mb_le_2x_hash_plus_0_5s": result["sign_150mb_s"] <= 2 * result["sha256_150mb_s"] + 0.5,
            "rss_growth_150mb_le_64mb": result["sign_150mb_rss_growth_mb"] <= 64,
            "batch_ge_10_docs_per_s": result["batch_docs_per_s"] >= 10,
        }
        print(json.dumps(out, indent=2))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
