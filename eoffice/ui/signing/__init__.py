"""Qt widgets for e-card signing: PIN dialog, key chooser, sign dialog with preview,
signatures panel, and the admin's trusted roots and PKCS#11 modules."""
