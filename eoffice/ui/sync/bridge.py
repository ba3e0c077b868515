"""The account's callbacks, which run on the sync and live threads, as Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from eoffice.sync.account import Account


class AccountBridge(QObject):
    """Re-emits an account's callbacks on the GUI thread (queued signals)."""

    round_done = Signal(object)  # RoundReport
    rows_pulled = Signal(object)  # Changes: a round's rows are here, its files still coming
    live_event = Signal(object)  # a live event (dict)
    live_status = Signal(str, str)

    def __init__(self, account: Account, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.account = account
        account.on_round = self.round_done.emit
        account.engine.on_rows = self.rows_pulled.emit
        account.on_event = self.live_event.emit
        account.on_live_status = self.live_status.emit

    def detach(self) -> None:
        """Stop forwarding (the window is going away; the account may live on)."""
        self.account.on_round = None
        self.account.engine.on_rows = None
        self.account.on_event = None
        self.account.on_live_status = None
