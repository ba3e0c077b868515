"""Digital signatures with employee e-cards (PKCS#11) and soft certificates (PKCS#12).

Plain Python, no Qt: it signs files and verifies files. Three modules touch the
database: ``models`` and ``trust`` (the admin's trusted roots, synced to every client)
and ``operations`` (profile images and trusted roots as synced operations); the signing
of a document's file is ``eoffice.documents.signing``.

- ``tokens``: find tokens in the configured PKCS#11 modules, their PIN state, open a key;
- ``keys``: a key to sign with (token or PKCS#12) and the CA chain to embed;
- ``pades``: PAdES baseline signing (B-B, B-T, B-LT) as an incremental update, streaming;
- ``appearance`` / ``placement``: how the signature looks and where it goes (NĐ 30/2020);
- ``verify``: per-signature reports (intact, trusted, valid at signing, changes after),
  the one verifier of the CLI, the desktop, registration and the server; the file read
  strictly by ``pdfstructure`` (revisions, exact byte ranges) and the changes after each
  signature judged object by object by ``changes`` (a short list of what may change);
- ``settings``: the PKCS#11 module list and timestamp server (a settings file);
- ``democards``: soft e-cards issued by a demo CA, with signature and seal images.
- ``models`` / ``trust`` / ``operations``: the trusted roots, and the signing operations
  that are not about a document.
"""
