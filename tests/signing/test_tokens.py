"""A real PKCS#11 token (SoftHSM2): listing, PIN state, keys matched by CKA_ID, one PIN try."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.errors import ModuleLoadError, NoKeyError, NoTokenError, SigningError, WrongPinError
from eoffice.signing.keys import open_pkcs11
from eoffice.signing.pades import sign_many, sign_pdf
from eoffice.signing.placement import Box
from eoffice.signing.tokens import PinState, list_tokens, token_pin_state
from eoffice.signing.verify import verify_pdf
from tests.conftest import need
from tests.signing.conftest import (
    SOFTHSM_LIB,
    SPY_LIB,
    Pki,
    Token,
    assert_pdfsig_valid,
    fill_token,
    have_softhsm,
    init_token,
    qpdf_check,
    softhsm_conf,
)


def test_the_token_is_listed_with_its_certificates_and_pin_state(softhsm_token: Token):
    [token] = [t for t in list_tokens([SOFTHSM_LIB, "/nonexistent/module.so"]) if t.label == softhsm_token.label]
    assert token.module == SOFTHSM_LIB
    assert token.pin == PinState()  # nothing wrong yet
    signing = {c.common_name: c for c in token.signing_certificates}
    assert set(signing) == {"Trần Thị Thẻ", "Văn thư Nhập Khóa"}
    card = signing["Trần Thị Thẻ"]
    assert card.key_id == softhsm_token.generated_id.hex()
    assert card.label == "Chứng thư ký số của Trần Thị Thẻ"  # not the key's label ("Khóa bí mật")
    assert "CA cấp hai thử nghiệm" in card.issuer and card.valid_at()
    assert any(c.is_ca for c in token.certificates)  # the intermediate CA is on the token too


@pytest.mark.parametrize("which", ["generated", "imported"])
def test_each_key_signs_matched_by_id_not_label(softhsm_token: Token, test_pki: Pki, document, tmp_path, which):
    key_id = softhsm_token.generated_id if which == "generated" else softhsm_token.imported_id
    expected = softhsm_token.generated_cert if which == "generated" else softhsm_token.imported_cert
    with open_pkcs11(SOFTHSM_LIB, softhsm_token.label, softhsm_token.pin, key_id=key_id) as key:
        assert key.certificate == expected
        assert [c.subject for c in key.chain] == [test_pki.intermediate.cert.subject]  # found on the token
        result = sign_pdf(document, tmp_path / "signed.pdf", key, Appearance(Kind.SIGNER))
    assert_pdfsig_valid(result.output, 1)
    qpdf_check(result.output)
    # a verifier holding only the root builds the chain from what was embedded
    [sig] = verify_pdf(result.output, [test_pki.root.cert]).signatures
    assert sig.ok and sig.signer == expected.subject.rfc4514_string().split("CN=")[1].split(",")[0]


def test_two_keys_and_no_key_id_asks_which(softhsm_token: Token):
    with pytest.raises(SigningError) as err:
        with open_pkcs11(SOFTHSM_LIB, softhsm_token.label, softhsm_token.pin):
            pass
    assert softhsm_token.generated_id.hex() in err.value.message_vi
    assert softhsm_token.imported_id.hex() in err.value.message_vi


def test_an_unknown_key_id_is_no_key(softhsm_token: Token):
    with pytest.raises(NoKeyError):
        with open_pkcs11(SOFTHSM_LIB, softhsm_token.label, softhsm_token.pin, key_id=b"\xff"):
            pass


def test_no_such_token_and_no_such_module(softhsm_token: Token):
    with pytest.raises(NoTokenError) as err:
        with open_pkcs11(SOFTHSM_LIB, "Thẻ không có", softhsm_token.pin):
            pass
    assert "Thẻ không có" in err.value.message_vi
    with pytest.raises(ModuleLoadError):
        with open_pkcs11("/nonexistent/libnothing.so", "x", "1"):
            pass


def test_batch_signing_logs_in_once(softhsm_token: Token, test_pki: Pki, document, tmp_path):
    sources = []
    for n in range(5):
        copy = tmp_path / f"in{n}.pdf"
        copy.write_bytes(document.read_bytes())
        sources.append(copy)
    with open_pkcs11(SOFTHSM_LIB, softhsm_token.label, softhsm_token.pin, key_id=softhsm_token.imported_id) as key:
        results = sign_many(
            [(s, tmp_path / "out" / s.name, Appearance(Kind.SIGNER, box=Box(0, 300, 100, 450, 160))) for s in sources],
            key,
        )
    assert len(results) == 5
    for result in results:
        assert verify_pdf(result.output, [test_pki.root.cert]).ok


def test_a_wrong_pin_is_reported_and_not_retried(tmp_path, test_pki: Pki):
    """In its own process: a token of its own, and pkcs11-spy counting the C_Login calls."""
    need(have_softhsm(), "SoftHSM2 is not installed (apt install softhsm2)")
    need(Path(SPY_LIB).is_file(), "pkcs11-spy is not installed (apt install opensc)")
    need(shutil.which("pkcs11-tool") is not None, "pkcs11-tool is not installed (apt install opensc)")
    conf = softhsm_conf(tmp_path / "hsm")
    init_token(conf, label="Thẻ PIN", pin="111111")
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    # put a key on it from a child process: this process already loaded SoftHSM with another config
    filler = (
        "import sys; from pathlib import Path; from tests.signing.conftest import make_pki, fill_token; "
        f"fill_token({SOFTHSM_LIB!r}, 'Thẻ PIN', '111111', make_pki(Path(sys.argv[1])))"
    )
    subprocess.run([sys.executable, "-c", filler, str(tmp_path / "pki")], check=True, env=env, cwd=Path.cwd())

    def flags() -> str:
        out = subprocess.run(["pkcs11-tool", "--module", SOFTHSM_LIB, "-T"], capture_output=True, text=True, env=env)
        return out.stdout

    assert "PIN count low" not in flags()
    source = tmp_path / "in.pdf"
    from eoffice.demo.pdfs import write_document

    write_document(
        source, organ_name="Sở Nội vụ", number_label="01/SNV", type_name="Công văn", subject="Thử", body="Thử."
    )
    log = tmp_path / "spy.log"
    done = subprocess.run(
        [sys.executable, "-m", "eoffice", "sign", str(source), "-o", str(tmp_path / "out.pdf"),
         "--pkcs11-module", SPY_LIB, "--token-label", "Thẻ PIN", "--key-id", "0a01",
         "--pin-env", "THE_PIN", "--appearance", "signer"],
        capture_output=True, text=True,
        env={**env, "THE_PIN": "999999", "PKCS11SPY": SOFTHSM_LIB, "PKCS11SPY_OUTPUT": str(log)},
    )
    assert done.returncode == 1, done.stderr
    assert "Mã PIN sai" in done.stderr and "không tự thử lại" in done.stderr
    assert not (tmp_path / "out.pdf").exists()
    logins = re.findall(r"C_Login", log.read_text(errors="replace"))
    assert len(logins) == 1, "exactly one login attempt"
    assert "PIN count low" in flags()  # the token counted exactly that one wrong PIN


def test_after_a_wrong_pin_the_state_says_so(tmp_path, softhsm_token: Token):
    """In this process: WrongPinError, and the token's flag that the dialog warns with."""
    with pytest.raises(WrongPinError) as err:
        with open_pkcs11(SOFTHSM_LIB, softhsm_token.label, "000000", key_id=softhsm_token.generated_id):
            pass
    assert err.value.field == "pin"
    state = token_pin_state(SOFTHSM_LIB, softhsm_token.label)
    assert state.count_low and not state.locked
    assert "nhập sai" in state.warning("vi")
    # a good PIN afterwards clears the flag (SoftHSM resets it on success)
    with open_pkcs11(SOFTHSM_LIB, softhsm_token.label, softhsm_token.pin, key_id=softhsm_token.generated_id):
        pass
    assert not token_pin_state(SOFTHSM_LIB, softhsm_token.label).count_low


def test_pin_state_from_token_flags():
    from pkcs11 import TokenFlag

    final = PinState.from_flags(int(TokenFlag.USER_PIN_FINAL_TRY | TokenFlag.USER_PIN_COUNT_LOW))
    assert final.final_try and "một lần" in final.warning("vi").lower()
    locked = PinState.from_flags(int(TokenFlag.USER_PIN_LOCKED))
    assert locked.locked and "khóa" in locked.warning("vi")


__all__ = ["fill_token"]
