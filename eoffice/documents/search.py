"""Full-text search over every input field and the PDFs' text, diacritic-insensitive.

The text lives folded in ``document_search`` (see ``indexing``); SQLite indexes it with
the FTS5 table ``document_fts`` whose rowid is the document's ``sort_key``, PostgreSQL
with a GIN index on a tsvector. The query is folded the same way, so "chuyen doi so"
finds "Chuyển đổi số".

Query language, kept deliberately small so nothing a clerk types can be a syntax error:
words separated by spaces must all match (AND); the pieces of one word split by
punctuation must match side by side ("12/QĐ-UBND" is the phrase 12 qd ubnd); the last
word is a prefix, so results follow the typing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, column, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.documents.boxes import OPEN_LINE_STATES, visible_to
from eoffice.documents.folding import tokens
from eoffice.documents.listing import DocumentRow, row_select
from eoffice.documents.models import DirectionLine, Document, DocumentSearch

NEWEST = "newest"
RELEVANCE = "relevance"
#: bm25 weights of (fields_text, body_text): a match in the fields outranks one in the PDF.
FIELDS_WEIGHT = 10.0
BODY_WEIGHT = 1.0

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


def fts5_query(phrases: list[list[str]]) -> str:
    """An FTS5 MATCH expression; tokens are [0-9a-z]+ only, so quoting is always safe."""
    parts = []
    for i, phrase in enumerate(phrases):
        part = '"' + " ".join(phrase) + '"'
        if i == len(phrases) - 1 and len(phrase[-1]) >= 2:
            part += " *"
        parts.append(part)
    return " AND ".join(parts)


def pg_tsquery(phrases: list[list[str]]) -> str:
    """A to_tsquery expression: words joined by &, a word's pieces by <-> (followed by)."""
    parts = []
    for i, phrase in enumerate(phrases):
        toks = list(phrase)
        if i == len(phrases) - 1 and len(toks[-1]) >= 2:
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
    phrases = query_phrases(query)
    if not phrases:
        stmt = row_select().where(where)
        if before_key is not None:
            stmt = stmt.where(Document.sort_key < before_key)
        stmt = stmt.order_by(Document.sort_key.desc()).limit(limit).offset(offset or None)
        return [DocumentRow.from_tuple(r) for r in session.execute(stmt)]

    if session.get_bind().dialect.name == "sqlite":
        stmt = (
            row_select()
            .select_from(_fts)
            .join(Document, Document.sort_key == _fts.c.rowid)
            .where(text("document_fts MATCH :fts_query").bindparams(fts_query=fts5_query(phrases)))
            .where(where)
        )
        if before_key is not None:
            stmt = stmt.where(_fts.c.rowid < before_key)
        if order == NEWEST:
            stmt = stmt.order_by(_fts.c.rowid.desc())
        else:
            rank = func.bm25(literal_column("document_fts"), FIELDS_WEIGHT, BODY_WEIGHT)
            stmt = stmt.order_by(rank, _fts.c.rowid.desc())
    else:
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
        if order == NEWEST:
            stmt = stmt.order_by(DocumentSearch.seq.desc())
        else:
            stmt = stmt.order_by(text(_PG_RANK).bindparams(tsq_rank=tsq), DocumentSearch.seq.desc())
    stmt = stmt.limit(limit).offset(offset or None)
    return [DocumentRow.from_tuple(r) for r in session.execute(stmt)]


__all__ = [
    "NEWEST",
    "RELEVANCE",
    "SearchFilters",
    "filter_condition",
    "fts5_query",
    "pg_tsquery",
    "query_phrases",
    "search",
]
