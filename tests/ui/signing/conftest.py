"""The signing test PKI, SoftHSM2 token and letter, for the widgets' tests too."""

from tests.signing.conftest import decree, document, softhsm_token, test_pki, tsa_url  # noqa: F401
