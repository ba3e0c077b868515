"""Ballots arriving together are written together: one transaction for a batch (group commit).

500 delegates vote within a few seconds. Measured with ``bench/meetings_live.py`` on
SQLite, a ballot waited seconds before it was answered, for two reasons:

- One transaction per ballot made each ballot wait for all those before it: SQLite writes
  one transaction at a time, and each spent most of its 15–50 ms on what every ballot
  repeats (its commit, the progress event and its counts, the vote and the meeting read
  again). A batch does those once (``votes.cast_ballots``).
- A request waiting for its turn held one of the server's 40 worker threads; with a
  hundred ballots a second they were all taken, and the next requests (the sign-in checks
  of the ballots behind them) queued for a thread: 1.8 s of the 2 s a ballot took was
  that queue. Here a ballot waits on the event loop, holding no thread.

The first ballot finding nobody writing starts the writer (one thread): it takes every
ballot queued so far and casts them in one transaction, answers each, and goes on while
ballots keep coming. Nobody waits for a timer: on an idle server a lone ballot is written
at once, on a busy one the batches grow. A ballot is answered only once its batch has
committed, so an acknowledged ballot is counted.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from dataclasses import dataclass

from eoffice.meetings.live.schemas import BallotReceipt
from eoffice.meetings.live.votes import BallotRequest, cast_ballots
from eoffice.store import Store

#: The most ballots one transaction takes: a batch holds the database while it runs.
BATCH_LIMIT = 100


@dataclass
class _Queued:
    request: BallotRequest
    answer: asyncio.Future[BallotReceipt]
    loop: asyncio.AbstractEventLoop


class BallotBox:
    """The batches of one database (``ballot_box(store)``)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: list[_Queued] = []
        self._lock = threading.Lock()
        self._writing = False
        #: The writer's thread while it runs (kept so that it is not collected).
        self._writer: asyncio.Future[None] | None = None

    async def cast(self, request: BallotRequest) -> BallotReceipt:
        """Cast one ballot with whatever others are waiting; its receipt, or its refusal raised."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[BallotReceipt] = loop.create_future()
        with self._lock:
            self._queue.append(_Queued(request, answer, loop))
            start, self._writing = not self._writing, True
        if start:
            self._writer = loop.run_in_executor(None, self._drain)
        return await answer

    def _drain(self) -> None:
        """The writer: batch after batch until no ballot waits."""
        while True:
            with self._lock:
                if not self._queue:
                    self._writing = False
                    return
                batch, self._queue = self._queue[:BATCH_LIMIT], self._queue[BATCH_LIMIT:]
            try:
                with self.store.write() as session:
                    cast_ballots(session, [queued.request for queued in batch])
            except BaseException as error:  # nothing of the batch was written: each request says so
                for queued in batch:
                    queued.loop.call_soon_threadsafe(_fail, queued.answer, error)
                if not isinstance(error, Exception):
                    with self._lock:
                        self._writing = False
                    raise
                continue
            for queued in batch:
                request = queued.request
                if request.refused is not None:
                    queued.loop.call_soon_threadsafe(_fail, queued.answer, request.refused)
                else:
                    assert request.receipt is not None
                    queued.loop.call_soon_threadsafe(_answer, queued.answer, request.receipt)


def _answer(answer: asyncio.Future[BallotReceipt], receipt: BallotReceipt) -> None:
    if not answer.done():  # the client may have gone: its ballot is counted all the same
        answer.set_result(receipt)


def _fail(answer: asyncio.Future[BallotReceipt], error: BaseException) -> None:
    if not answer.done():
        answer.set_exception(error)


_BOXES: weakref.WeakKeyDictionary[Store, BallotBox] = weakref.WeakKeyDictionary()
_BOXES_LOCK = threading.Lock()


def ballot_box(store: Store) -> BallotBox:
    """The database's ballot box (one per ``Store`` of the process)."""
    with _BOXES_LOCK:
        box = _BOXES.get(store)
        if box is None:
            box = _BOXES[store] = BallotBox(store)
        return box
