"""One meeting's live session for the screens of this window: the snapshot, the live
events applied to it, the chair's and delegate's calls off the GUI thread.

Every screen of the session (console, delegate's view, big screen) draws from one
``LiveSession``: it asks the snapshot when opened, when the live channel comes back
online and when a revision gap shows something was missed (``SessionState``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from eoffice.errors import DomainError
from eoffice.meetings.live.client import SessionClient
from eoffice.meetings.live.schemas import SessionSnapshot
from eoffice.meetings.live.state import SessionState, event_payload
from eoffice.ui.i18n import current_language

#: How often the countdowns are redrawn (ms).
TICK_MS = 250

NEEDS_SERVER = DomainError(
    "Phiên họp trực tiếp cần kết nối với máy chủ; hãy đăng nhập máy chủ rồi thử lại.",
    "The live session needs the server; sign in to the server and try again.",
)


class LiveSession(QObject):
    """The session as this window knows it, and the calls that change it."""

    #: A part changed ("session", "attendance", "speakers", "vote", "vote_progress"), or "all".
    changed = Signal(str)
    #: Time passes (countdowns).
    tick = Signal()
    #: Something to tell the user: (text, is_warning).
    said = Signal(str, bool)

    def __init__(self, window: Any, meeting_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.meeting_id = meeting_id
        account = window.account
        if account is None:
            raise NEEDS_SERVER
        self.client = SessionClient(account.client, meeting_id)
        self.state: SessionState | None = None
        self._loading = False
        self._again = False
        self._closed = False
        self.bridge = window.bridge
        self.bridge.live_event.connect(self._event)
        self.bridge.live_status.connect(self._status)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    # -- the state ------------------------------------------------------------------

    def load(self) -> None:
        """Ask the whole state again (one request at a time; a second ask runs after)."""
        if self._closed:
            return
        if self._loading:
            self._again = True
            return
        self._loading = True

        def done(snapshot: SessionSnapshot) -> None:
            self._loading = False
            if self._closed:
                return
            if self._again:
                self._again = False
                self.load()
            if self.state is None or snapshot.revision >= self.state.revision or self.state.needs_snapshot:
                self.state = SessionState.of(snapshot)
                self.changed.emit("all")

        def failed(error: BaseException) -> bool:
            self._loading = False
            if isinstance(error, DomainError):
                self.said.emit(error.message(current_language()), True)
                return True
            return False

        self.window.network.run("meeting_session_snapshot", self.client.snapshot, done, failed)

    def _event(self, event: dict[str, Any]) -> None:
        payload = event_payload(event)
        if payload is None or payload.get("meeting_id") != self.meeting_id or self._closed:
            return
        if self.state is None:
            if self._loading:
                self._again = True  # the snapshot on its way may be older than this
            return
        part = self.state.apply(payload)
        if part is not None:
            self.changed.emit(part)
        if self.state.needs_snapshot:
            self.load()

    def _status(self, status: str, _message: str) -> None:
        if status == "online" and self.state is not None:
            self.load()  # what happened while we were away

    def take(self, result: Any) -> None:
        """An answer of the server shown at once (its live event confirms it shortly)."""
        if self.state is not None and (part := self.state.take(result)) is not None:
            self.changed.emit(part)

    # -- calls ----------------------------------------------------------------------

    def act(
        self,
        label: str,
        call: Callable[[SessionClient], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[DomainError], bool] | None = None,
    ) -> int:
        """Run one call of the session off the GUI thread; its answer is shown at once,
        a refusal is said in the screen's notice (or handled by ``failed``)."""
        client = self.client

        def ok(result: Any) -> None:
            if self._closed:
                return
            self.take(result)
            if done is not None:
                done(result)

        def error(err: BaseException) -> bool:
            if not isinstance(err, DomainError):
                return False
            if failed is not None and failed(err):
                return True
            self.said.emit(err.message(current_language()), True)
            return True

        return self.window.network.run(label, lambda: call(client), ok, error)

    def close(self) -> None:
        """The last screen of the session closed: stop following it."""
        if self._closed:
            return
        self._closed = True
        self.timer.stop()
        try:
            self.bridge.live_event.disconnect(self._event)
            self.bridge.live_status.disconnect(self._status)
        except (RuntimeError, TypeError):  # the window went first
            pass
