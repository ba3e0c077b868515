"""Full-text search over every input field and the PDFs' text, diacritic-insensitive.

The text lives folded in ``document_search`` (see ``indexing``); SQLite indexes it with
the FTS5 table ``document_fts`` whose rowid is the document's ``sort_key``, PostgreSQL
with a GIN index on a tsvector. The query is folded the same way, so "chuyen doi so"
finds "Chuyển đổi số".

Query language, kept deliberately small so nothing a clerk types can be a syntax error:
words separated by spaces must all match (AND); the pieces of one word split by
punctuation must match side by side ("12/QĐ-UBND" is the phrase 12 qd ubnd); the last
word is a prefix, so results follow the typing.

Speed at a million documents (see bench/documents.py) shapes two choices on SQLite:

- The last word's prefix. FTS5 answers a 2- or 3-letter prefix from its prefix indexes,
  but a longer one ("truong*") by merging the whole doclist of every matching term in
  memory first: 30-60 ms for a common syllable, however few rows are wanted. So a longer
  last word is completed here instead, to the Vietnamese syllables (and the directory's
  abbreviations) it begins, and asked as an OR of exact terms, which FTS5 walks lazily
  newest first. A word no syllable begins with falls back to FTS5's prefix search.
- Relevance. FTS5's bm25() first counts every row matching each word (its IDF): 100-450
  ms per query for common words, before ranking anything. Relevance is therefore tiered:
  the whole query as a phrase in the fields, then every word in the fields, then the rest
  (words found only across fields and PDF text); newest first within a tier. Each tier is
  a newest-first index walk that stops when the page is full. PostgreSQL ranks with
  ts_rank, fields weighted A and PDF text D.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, column, func, select, table, text
from sqlalchemy.orm import Session

from eoffice.directory.models import Organisation, Unit, User
from eoffice.documents.boxes import OPEN_LINE_STATES, visible_to
from eoffice.documents.folding import fold, tokens
from eoffice.documents.listing import DocumentRow, row_select
from eoffice.documents.models import DirectionLine, Document, DocumentSearch

NEWEST = "newest"
RELEVANCE = "relevance"
#: A last word of this many letters or more is completed from SYLLABLES, not by FTS5.
COMPLETE_FROM = 4
#: More completions than this: let FTS5 do the prefix search after all.
MAX_COMPLETIONS = 60

#: The PostgreSQL tsvector; must stay identical to the GIN index of migration 0001.
#: Punctuation becomes a space first so "12/qd-ubnd" gives the words 12, qd, ubnd (the
#: default parser would keep it whole as a file path), as SQLite's tokenizer does.
PG_TSVECTOR = (
    "to_tsvector('simple'::regconfig, regexp_replace("
    "document_search.fields_text || ' ' || document_search.body_text, '[^0-9a-z]+', ' ', 'g'))"
)
_PG_RANK = (
    "ts_rank(setweight(to_tsvector('simple'::regconfig, regexp_replace("
    "document_search.fields_text, '[^0-9a-z]+', ' ', 'g')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, regexp_replace("
    "document_search.body_text, '[^0-9a-z]+', ' ', 'g')), 'D'), "
    "to_tsquery('simple'::regconfig, :tsq_rank)) DESC"
)

_fts = table("document_fts", column("rowid"))
_WORD = re.compile(r"[0-9a-z]+")


def _syllables() -> list[str]:
    """Every folded Vietnamese syllable shape (onset + rhyme), sorted; generously over-made.

    A shape that never occurs costs one empty index lookup, a missing one loses matches,
    so onsets and rhymes are combined freely. Rhymes ending in a glide (ai, ao, uoi…)
    take no final consonant.
    """
    onsets = ["", "b", "c", "ch", "d", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
              "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x"]
    closable = ["a", "e", "i", "o", "u", "y", "ia", "ie", "oa", "oe", "oo", "ua", "ue", "uo", "uy",
                "ya", "ye", "uye", "uya"]
    glides = ["ai", "ao", "au", "ay", "eo", "eu", "iu", "oi", "ui", "ieu", "oai", "oao", "oay", "oeo",
              "uai", "uay", "uoi", "uou", "uyu", "yeu", "uau", "uao", "uoa", "uu"]
    finals = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    rhymes = {n + f for n in closable for f in finals} | set(glides)
    return sorted({o + r for o in onsets for r in rhymes})


SYLLABLES = _syllables()


def _completions(token: str, vocabulary: list[str]) -> list[str] | None:
    """Exact terms a typed last word may stand for, or None to let the index do prefixes.

    Short words use FTS5's 2/3-letter prefix indexes; numbers of 4+ digits are taken as
    typed (a clerk typing 2026 does not mean 20261).
    """
    if len(token) < COMPLETE_FROM:
        return None
    if token.isdigit():
        return [token]
    start = bisect.bisect_left(vocabulary, token)
    found = [token]
    for word in vocabulary[start:]:
        if not word.startswith(token):
            break
        if word != token:
            found.append(word)
        if len(found) > MAX_COMPLETIONS:
            return None
    return found if len(found) > 1 or token in vocabulary else None


def _vocabulary(session: Session) -> list[str]:
    """SYLLABLES plus the folded abbreviations of organisations and unit codes (UBND, VP…)."""
    extra = set()
    for (value,) in session.execute(select(Organisation.abbreviation)):
        extra.update(tokens(value or ""))
    for (value,) in session.execute(select(Unit.code)):
        extra.update(tokens(value or ""))
    return _with_syllables(frozenset(extra))


@functools.lru_cache(maxsize=8)
def _with_syllables(extra: frozenset[str]) -> list[str]:
    return sorted(set(SYLLABLES) | extra) if extra else SYLLABLES


@dataclass
class SearchFilters:
    """Filters on the documents' own columns; saved with a search as JSON."""

    direction: str | None = None
    register_id: str | None = None
    year: int | None = None
    type_name: str | None = None
    priority: str | None = None
    secrecy: str | None = None
    state: str | None = None
    overdue: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, False)}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> SearchFilters:
        """Rebuild from saved JSON; unknown keys (from a newer version) are ignored."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in (data or {}).items() if k in known}
        if "year" in values and values["year"] is not None:
            values["year"] = int(values["year"])
        if "overdue" in values:
            values["overdue"] = bool(values["overdue"])
        return cls(**values)

    def is_empty(self) -> bool:
        return not self.to_dict()


def query_phrases(query: str) -> list[list[str]]:
    """The query as phrases of folded tokens: one phrase per space-separated word.

    A trailing single letter is dropped while other words are present: it is a word
    being typed, and as a prefix it would match most of the index.
    """
    phrases = [toks for toks in (tokens(word) for word in query.split()) if toks]
    if len(phrases) > 1 and len(phrases[-1]) == 1 and len(phrases[-1][0]) == 1:
        if phrases[-1][0].isalpha():
            phrases.pop()
    return phrases


def _fts5_phrase(phrase: list[str], completions: list[str] | None, last: bool) -> str:
    quoted = '"' + " ".join(phrase) + '"'
    if not last:
        return quoted
    if completions is not None:
        head = " ".join(phrase[:-1])
        return "(" + " OR ".join('"' + (head + " " + c).strip() + '"' for c in completions) + ")"
    # a lone letter is not completed (it would match most of the index); "qd-u" is
    return quoted + " *" if len(phrase[-1]) >= 2 or len(phrase) > 1 else quoted


def fts5_query(
    phrases: list[list[str]],
    completions: list[str] | None = None,
    *,
    column: str | None = None,
    as_phrase: bool = False,
) -> str:
    """An FTS5 MATCH expression; tokens are [0-9a-z]+ only, so quoting is always safe.

    ``completions`` replace the prefix search of the last word; ``column`` restricts the
    match to one column; ``as_phrase`` asks for all the words side by side.
    """
    if as_phrase:
        phrases = [[t for p in phrases for t in p]]
    parts = [
        _fts5_phrase(phrase, completions, i == len(phrases) - 1) for i, phrase in enumerate(phrases)
    ]
    expr = " AND ".join(parts)
    return f"{column} : ({expr})" if column else expr


def pg_tsquery(phrases: list[list[str]]) -> str:
    """A to_tsquery expression: words joined by &, a word's pieces by <-> (followed by)."""
    parts = []
    for i, phrase in enumerate(phrases):
        toks = list(phrase)
        if i == len(phrases) - 1 and (len(toks[-1]) >= 2 or len(toks) > 1):
            toks[-1] += ":*"
        parts.append(" <-> ".join(toks))
    return " & ".join(f"({p})" for p in parts)


def filter_condition(filters: SearchFilters | None, today: date) -> ColumnElement[bool]:
    """The filters as a WHERE clause over ``documents``."""
    f = filters or SearchFilters()
    conds: list[ColumnElement[bool]] = []
    for name in ("direction", "register_id", "year", "type_name", "priority", "secrecy", "state"):
        value = getattr(f, name)
        if value is not None and value != "":
            conds.append(getattr(Document, name) == value)
    if f.overdue:
        conds.append(
            Document.id.in_(
                select(DirectionLine.document_id).where(
                    DirectionLine.state.in_(OPEN_LINE_STATES),
                    DirectionLine.deleted.is_(False),
                    DirectionLine.deadline < today,
                )
            )
        )
    return and_(True, *conds)


def search(
    session: Session,
    user: User,
    query: str,
    filters: SearchFilters | None = None,
    *,
    order: str = NEWEST,
    limit: int = 200,
    before_key: int | None = None,
    today: date | None = None,
    offset: int = 0,
) -> list[DocumentRow]:
    """Documents the user may see that match every word of ``query`` and the filters.

    ``order="newest"`` pages with ``before_key`` (the last row's sort_key), like the boxes;
    ``order="relevance"`` ranks a match in the fields above one in the PDF text and pages
    with ``offset`` (``before_key`` still narrows it to older documents). An empty query
    lists the filtered documents newest first.
    """
    if order not in (NEWEST, RELEVANCE):
        raise ValueError(f"unknown order {order!r}")
    today = today or date.today()
    where = and_(visible_to(user), filter_condition(filters, today))
    if filters is not None and filters.year is not None:
        # The year's sort_key range, from ix_documents_year: the index walks below then
        # jump straight to that year instead of filtering every newer document.
        # Two queries: SQLite answers a lone min() or max() from the index's ends, but
        # scans the whole year for both in one statement.
        in_year = (Document.organisation_id == user.organisation_id, Document.year == filters.year)
        low = session.execute(select(func.min(Document.sort_key)).where(*in_year)).scalar()
        if low is None:
            return []
        high = session.execute(select(func.max(Document.sort_key)).where(*in_year)).scalar()
        key_range = (int(low), int(high if high is not None else low))
    else:
        key_range = None
    phrases = query_phrases(query)
    if not phrases:
        stmt = row_select().where(where)
        if key_range is not None:
            stmt = stmt.where(Document.sort_key.between(*key_range))
        if before_key is not None:
            stmt = stmt.where(Document.sort_key < before_key)
        stmt = stmt.order_by(Document.sort_key.desc()).limit(limit).offset(offset or None)
        return [DocumentRow.from_tuple(r) for r in session.execute(stmt)]

    if session.get_bind().dialect.name == "sqlite":
        completions = _completions(phrases[-1][-1], _vocabulary(session))
        if order == NEWEST:
            return _fts5_page(
                session, fts5_query(phrases, completions), where, before_key, limit, offset, key_range
            )
        return _fts5_relevance(session, phrases, completions, where, before_key, limit, offset, key_range)
    tsq = pg_tsquery(phrases)
    stmt = (
        row_select()
        .select_from(DocumentSearch)
        .join(Document, Document.sort_key == DocumentSearch.seq)
        .where(text(f"{PG_TSVECTOR} @@ to_tsquery('simple'::regconfig, :tsq)").bindparams(tsq=tsq))
        .where(where)
    )
    if before_key is not None:
        stmt = stmt.where(DocumentSearch.seq < before_key)
    if key_range is not None:
        stmt = stmt.where(DocumentSearch.seq.between(*key_range))
    if order == NEWEST:
        stmt = stmt.order_by(DocumentSearch.seq.desc())
    else:
        stmt = stmt.order_by(text(_PG_RANK).bindparams(tsq_rank=tsq), DocumentSearch.seq.desc())
    stmt = stmt.limit(limit).offset(offset or None)
    return [DocumentRow.from_tuple(r) for r in session.execute(stmt)]


def _fts5_page(
    session: Session,
    match: str,
    where: ColumnElement[bool],
    before_key: int | None,
    limit: int,
    offset: int = 0,
    key_range: tuple[int, int] | None = None,
) -> list[DocumentRow]:
    """Newest-first matches: FTS5 walks its rowids (= sort_key) downwards and stops early."""
    stmt = (
        row_select()
        .select_from(_fts)
        .join(Document, Document.sort_key == _fts.c.rowid)
        .where(text("document_fts MATCH :fts_query").bindparams(fts_query=match))
        .where(where)
    )
    if before_key is not None:
        stmt = stmt.where(_fts.c.rowid < before_key)
    if key_range is not None:
        stmt = stmt.where(_fts.c.rowid >= key_range[0], _fts.c.rowid <= key_range[1])
    stmt = stmt.order_by(_fts.c.rowid.desc()).limit(limit).offset(offset or None)
    return [DocumentRow.from_tuple(r) for r in session.execute(stmt)]


def _fts5_relevance(
    session: Session,
    phrases: list[list[str]],
    completions: list[str] | None,
    where: ColumnElement[bool],
    before_key: int | None,
    limit: int,
    offset: int,
    key_range: tuple[int, int] | None,
) -> list[DocumentRow]:
    """Tiered relevance: phrase in the fields, all words in the fields, then the rest.

    Tiers overlap (each contains the one before); rows already taken are skipped, so a
    tier never needs more than ``offset + limit`` rows of its own.
    """
    tiers = []
    if len(phrases) > 1:
        tiers.append(fts5_query(phrases, completions, column="fields_text", as_phrase=True))
    tiers.append(fts5_query(phrases, completions, column="fields_text"))
    tiers.append(fts5_query(phrases, completions))
    need = offset + limit
    taken: dict[int, DocumentRow] = {}
    for match in tiers:
        for row in _fts5_page(session, match, where, before_key, need, 0, key_range):
            taken.setdefault(row.sort_key, row)
        if len(taken) >= need:
            break
    return list(taken.values())[offset:need]


# --------------------------------------------------------------------------- why a row matched

#: Around the matched words of a snippet (control characters: never in a document's text).
MARK_START, MARK_END = "\x02", "\x03"
#: Words of PDF text a snippet shows around the match.
SNIPPET_WORDS = 12


@dataclass(frozen=True)
class MatchHint:
    """Why a search result matched, for the list to show.

    ``subject_spans`` are the character ranges of the subject (as written, with its
    diacritics) whose words match the query; ``snippet`` is a few words of the PDFs' text
    (folded: without diacritics, as indexed) around the match, the matched words between
    ``MARK_START`` and ``MARK_END``, when the subject alone does not explain the match.
    """

    subject_spans: tuple[tuple[int, int], ...] = ()
    snippet: str = ""


def _query_tokens(query: str) -> tuple[set[str], str | None]:
    """The query's folded words, and the last one (matched as a prefix, as the search does)."""
    phrases = query_phrases(query)
    words = {t for p in phrases for t in p}
    last = phrases[-1][-1] if phrases else None
    return words, last


def subject_spans(subject: str, query: str) -> list[tuple[int, int]]:
    """Ranges of ``subject`` whose words are words of ``query`` (the last one as a prefix).

    Folding maps each Vietnamese letter to one letter, so a folded word's position is its
    position in the subject as written.
    """
    words, last = _query_tokens(query)
    if not words:
        return []
    folded_at: list[int] = []
    folded = []
    for i, ch in enumerate(subject):
        f = fold(ch)
        folded.append(f)
        folded_at.extend([i] * len(f))
    text = "".join(folded)
    spans = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word in words or (last is not None and word.startswith(last)):
            spans.append((folded_at[match.start()], folded_at[match.end() - 1] + 1))
    return spans


def _covers(subject: str, query: str) -> bool:
    """Every word of the query is found in the subject."""
    words, last = _query_tokens(query)
    found = set(tokens(subject))
    return all(w in found or (w == last and any(t.startswith(w) for t in found)) for w in words)


def _near_match(snippet: str, before: int = 1) -> str:
    """The snippet on one line, starting a few words before its first match (a list cell
    is narrow: the match must show)."""
    words = snippet.split()
    first = next((i for i, word in enumerate(words) if MARK_START in word), 0)
    if first > before:
        words = ["…", *words[first - before :]]
    return " ".join(words)


def match_hints(session: Session, query: str, rows: list[DocumentRow]) -> dict[str, MatchHint]:
    """Why each row of a search page matched: the subject's matched words, and where the
    subject does not explain it, a snippet of the PDFs' text (SQLite's FTS5 ``snippet()``;
    none on PostgreSQL, which the desktop does not search)."""
    phrases = query_phrases(query)
    if not phrases:
        return {}
    hints = {row.id: MatchHint(tuple(subject_spans(row.subject, query))) for row in rows}
    unexplained = {row.sort_key: row.id for row in rows if not _covers(row.subject, query)}
    if unexplained and session.get_bind().dialect.name == "sqlite":
        completions = _completions(phrases[-1][-1], _vocabulary(session))
        # One walk of the page's rowid range (as the search walked it), the snippet made
        # for the page's rows only.
        stmt = text(
            "SELECT rowid, snippet(document_fts, 1, :start, :end, '…', :words) FROM document_fts "
            "WHERE document_fts MATCH :fts_query AND rowid BETWEEN :low AND :high AND rowid IN :keys"
        ).bindparams(bindparam("keys", expanding=True))
        found = session.execute(
            stmt,
            {
                "start": MARK_START, "end": MARK_END, "words": SNIPPET_WORDS,
                "fts_query": fts5_query(phrases, completions),
                "low": min(unexplained), "high": max(unexplained), "keys": list(unexplained),
            },
        )
        for key, snippet in found:
            if key in unexplained and snippet and MARK_START in snippet:
                document_id = unexplained[key]
                hints[document_id] = MatchHint(hints[document_id].subject_spans, _near_match(snippet))
    return hints


__all__ = [
    "MARK_END",
    "MARK_START",
    "NEWEST",
    "RELEVANCE",
    "MatchHint",
    "SearchFilters",
    "filter_condition",
    "fts5_query",
    "match_hints",
    "pg_tsquery",
    "query_phrases",
    "search",
    "subject_spans",
]
