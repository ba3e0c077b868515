"""The live session of a meeting: the chair's actions, attendance and quorum, speakers,
votes. Run online against the server, which holds the state and counts the ballots.

Modules: ``models`` (server-only tables), ``schemas`` (what routes answer and events
carry), ``telling`` (the live events), ``session`` (open, pause, show, close),
``attendance`` (check-in, quorum), ``speakers``, ``votes`` (ballots, counting, verdicts),
``snapshot`` (the whole state for one user), ``session_routes`` and ``vote_routes`` (HTTP),
``client`` and ``state`` (the desktop's end: calls and the state kept from events).

HTTP, under ``/api/v1/meetings/{meeting_id}`` (JSON; errors as everywhere: 403
``permission_denied``, 404 ``not_found``, 409 ``wrong_state`` or the code named):

- ``GET  /session`` → ``SessionSnapshot`` (participants, their substitutes, organisers).
- ``POST /session/open`` ``{"sitting_id"?}``, ``/session/pause``, ``/session/resume``,
  ``/session/close`` → ``SessionView`` (the chair, secretary or organisers). Opening moves
  the meeting to "in session", closing to "closed" (the meeting's own state, synced).
- ``POST /session/show`` ``{"item_id"?, "document_id"?, "page"?}`` → ``SessionView``.
- ``POST /session/speech-limit`` ``{"seconds"}`` → ``SpeakersView``.
- ``POST /attendance`` ``{"participant_id", "presence", "reason"?}`` → ``AttendanceRow``
  (organisers and staff: ticks on the list, absences with reasons, leaving, coming back).
- ``POST /check-in`` ``{"online": bool}`` → ``AttendanceRow`` (the delegate, for
  themselves; ``/check-out`` leaves).
- ``POST /check-in/pass`` ``{"token"}`` → ``AttendanceRow`` (organisers and staff: the
  QR code of the invitation; refused, code ``pass_refused``, when it is forged or for
  another meeting).
- ``POST /speakers`` ``{"kind": "speech"|"order"}`` → ``SpeechView`` (the delegate asks);
  ``POST /speakers/{id}/withdraw`` (theirs); chair: ``/speakers/{id}/accept``,
  ``/refuse``, ``/start``, ``/pause``, ``/resume``, ``/end``, ``POST /speakers/next``
  (ends who speaks, gives the floor to the head of the queue), ``POST /speakers/order``
  ``{"ids": [...]}`` → ``SpeakersView``.
- ``POST /votes`` ``{"item_id"?, "title", "method", "secret", "options"?, "subjects"?,
  "max_choices"?, "rule_key", "show_tally"?, "time_limit_seconds"?}`` → ``VoteView``
  (prepared); ``POST /votes/{id}/open`` ``{"without_quorum": bool}`` (409 ``no_quorum``
  unless told), ``/close``, ``/publish``, ``/show-tally`` ``{"show"}`` → ``VoteView``.
- ``POST /votes/{id}/ballot`` ``{"choice": [keys]}`` → ``BallotReceipt``; 409
  ``already_voted`` for a second ballot (also one racing from another computer), 403
  ``not_entitled``, 409 ``vote_not_open``. The voter is the signed-in user: nobody casts a
  ballot for another.

Live: every change is one ``meeting.live`` event to the meeting's participants
(``telling``); a client applies it to its ``state`` or, on (re)connect, asks the snapshot.
"""
