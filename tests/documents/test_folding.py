"""Folding Vietnamese text, and turning what a clerk types into a safe index query."""

import re

import pytest

from eoffice.documents.folding import fold, tokens
from eoffice.documents.search import fts5_query, pg_tsquery, query_phrases


def test_diacritics_are_removed():
    assert fold("Chuyển đổi số") == "chuyen doi so"
    assert fold("Kế hoạch phòng, chống thiên tai") == "ke hoach phong, chong thien tai"
    assert fold("ưu tiên ơ ô ă â ê") == "uu tien o o a a e"


def test_d_with_stroke_in_both_cases():
    assert fold("Đà Nẵng") == "da nang"
    assert fold("đổi ĐỔI") == "doi doi"
    assert fold("QĐ-UBND") == "qd-ubnd"


def test_upper_case_and_precomposed_or_decomposed_input_fold_alike():
    precomposed = "QUYẾT ĐỊNH"
    decomposed = "QUYE\u0302\u0301T \u0110I\u0323NH"
    assert fold(precomposed) == fold(decomposed) == "quyet dinh"


def test_tokens_are_folded_words_and_digits():
    assert tokens("Số: 12/QĐ-UBND ngày 05/3/2026") == ["so", "12", "qd", "ubnd", "ngay", "05", "3", "2026"]


def test_a_word_with_punctuation_is_one_phrase():
    assert query_phrases("12/QĐ-UBND") == [["12", "qd", "ubnd"]]
    assert query_phrases("chuyển  đổi số") == [["chuyen"], ["doi"], ["so"]]


def test_a_trailing_single_letter_being_typed_is_ignored():
    assert query_phrases("chuyen doi s") == [["chuyen"], ["doi"]]
    assert query_phrases("s") == [["s"]]
    assert query_phrases("van ban 5") == [["van"], ["ban"], ["5"]]


@pytest.mark.parametrize("typed", ['"', "AND OR (", "NEAR(a b)", "*", "col:abc", "'; DROP TABLE x; --", "^a -b +c"])
def test_syntax_characters_never_reach_the_index_query(typed):
    phrases = query_phrases(typed)
    assert re.fullmatch(r'("[0-9a-z ]+"( \*)?( AND )?)*', fts5_query(phrases))
    assert re.fullmatch(r"(\(([0-9a-z]+(:\*)?( <-> )?)+\)( & )?)*", pg_tsquery(phrases))


def test_fts5_query_quotes_each_phrase_and_makes_the_last_a_prefix():
    assert fts5_query([["chuyen"], ["doi"], ["so"]]) == '"chuyen" AND "doi" AND "so" *'
    assert fts5_query([["12", "qd", "ubnd"]]) == '"12 qd ubnd" *'


def test_pg_tsquery_uses_followed_by_and_prefix():
    assert pg_tsquery([["qd", "ubnd"]]) == "(qd <-> ubnd:*)"
    assert pg_tsquery([["ke"], ["hoach"]]) == "(ke) & (hoach:*)"


def test_a_long_last_word_completes_to_vietnamese_syllables():
    from eoffice.documents.search import SYLLABLES, _completions

    assert _completions("truong", SYLLABLES) == ["truong"]
    assert set(_completions("nghie", SYLLABLES) or []) >= {"nghie", "nghiem", "nghien", "nghiep", "nghieng"}
    assert _completions("thie", SYLLABLES)[0] == "thie"
    assert "thien" in _completions("thie", SYLLABLES)
    # short words use the index's own prefix search; long numbers are taken as typed
    assert _completions("ban", SYLLABLES) is None
    assert _completions("2026", SYLLABLES) == ["2026"]
    # a word no syllable starts with (a foreign word, a code) falls back to the index
    assert _completions("covi", SYLLABLES) is None
    assert _completions("ubnd", sorted([*SYLLABLES, "ubnd"])) == ["ubnd"]


def test_completions_become_an_or_of_exact_terms():
    assert fts5_query([["ve"], ["sinh"], ["moi"], ["truong"]], ["truong"]) == (
        '"ve" AND "sinh" AND "moi" AND ("truong")'
    )
    assert fts5_query([["qd", "ubnd"]], ["ubnd", "ubndx"]) == '("qd ubnd" OR "qd ubndx")'
    assert fts5_query([["chuyen"], ["doi"]], None, column="fields_text", as_phrase=True) == (
        'fields_text : ("chuyen doi" *)'
    )


def test_the_quick_fold_matches_the_definition_for_every_latin_letter():
    from eoffice.documents.folding import _fold_slowly

    letters = [chr(c) for c in (*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00))]
    assert [fold(ch) for ch in letters] == [_fold_slowly(ch) for ch in letters]
    assert fold("".join(letters)) == _fold_slowly("".join(letters))
    mixed = "Ωμέγα ĐÔI Σ İstanbul ǅ ﬁ Quyết định số 12/QĐ-UBND a\u034fb"
    assert fold(mixed) == _fold_slowly(mixed)
