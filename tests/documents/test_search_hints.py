"""Why a search result matched: the subject's words, or a few words of the PDF's text."""

from __future__ import annotations

import pytest

from eoffice.directory.models import User
from eoffice.documents.search import MARK_END, MARK_START, match_hints, search, subject_spans

from .test_search import TODAY, docs  # noqa: F401  (fixture)


def test_subject_spans_map_folded_words_back_to_the_subject_as_written():
    subject = "Về việc triển khai chuyển đổi số năm 2026"
    spans = subject_spans(subject, "chuyen doi so")
    assert [subject[a:b] for a, b in spans] == ["chuyển", "đổi", "số"]
    # The last word is a prefix (as the search takes it); a lone letter being typed is not one yet.
    assert [subject[a:b] for a, b in subject_spans(subject, "trien kh")] == ["triển", "khai"]
    assert [subject[a:b] for a, b in subject_spans(subject, "chuyen doi s")] == ["chuyển", "đổi"]
    assert subject_spans(subject, "") == []


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)  # FTS5's snippet(): the desktop's search
def test_a_match_in_the_pdf_text_comes_with_a_snippet(world, docs):  # noqa: F811
    with world.store.read() as s:
        clerk = s.get(User, world.clerk_id)
        rows = search(s, clerk, "chuyen doi so", today=TODAY)
        hints = match_hints(s, "chuyen doi so", rows)
    by_subject, by_text = hints[docs["decision"]], hints[docs["report"]]
    assert by_subject.snippet == "" and len(by_subject.subject_spans) == 3
    assert by_text.subject_spans == ()
    assert f"{MARK_START}chuyen{MARK_END} {MARK_START}doi{MARK_END} {MARK_START}so{MARK_END}" in by_text.snippet
    assert by_text.snippet.startswith("…")
