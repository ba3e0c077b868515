"""The meeting's minutes (biên bản, NĐ 30/2020 Phụ lục III Mẫu 1.9) and the conclusions
notice (thông báo kết luận, Mẫu 1.4), written by the meeting itself.

- ``record``: what happened, from the live session's tables (server): times, attendance
  with reasons, speeches, votes with results. ``GET /meetings/{id}/record`` serves it to
  whoever sees the meeting; the desktop keeps the last copy (``cache``) so the editor
  works offline.
- ``texts``: what the secretary writes (per item a summary and a conclusion, a line per
  speech, the opening and closing). Synced rows, one per (meeting, part), written by the
  ``meeting_write_minutes`` operation: autosaved, offline too. The record is never
  copied into them, so a record that moves on never overwrites what was written.
- ``compose``: record + meeting + texts -> ``Minutes``, the paper's content in order;
  ``paper_pdf`` and ``paper_docx`` lay it out in the decree's form.
- ``drafting``: the minutes as an outgoing draft of type BB (the secretary signs first,
  then the chair) and the conclusions notice as a draft of type TB.
"""
