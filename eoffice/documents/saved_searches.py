"""A user's named searches: query text and filters, kept in the database so they sync."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.documents.models import SavedSearch
from eoffice.documents.search import SearchFilters
from eoffice.errors import NotFound, ValidationError
from eoffice.store.base import new_id

NAME_LIMIT = 200


def save_search(
    session: Session, user_id: str, name: str, query: str, filters: SearchFilters | None
) -> SavedSearch:
    """Save a search under ``name``; a search of the same name is replaced."""
    name = name.strip()
    if not name:
        raise ValidationError("Cần đặt tên cho tìm kiếm.", "A saved search needs a name.", field="name")
    if len(name) > NAME_LIMIT:
        raise ValidationError(
            f"Tên tìm kiếm dài quá {NAME_LIMIT} ký tự.",
            f"The name is longer than {NAME_LIMIT} characters.",
            field="name",
        )
    filters_json = json.dumps((filters or SearchFilters()).to_dict(), ensure_ascii=False, sort_keys=True)
    saved = session.scalars(
        select(SavedSearch).where(SavedSearch.user_id == user_id, SavedSearch.name == name)
    ).one_or_none()
    if saved is None:
        saved = SavedSearch(id=new_id(), user_id=user_id, name=name)
        session.add(saved)
    saved.query = query
    saved.filters_json = filters_json
    session.flush()
    return saved


def saved_filters(saved: SavedSearch) -> SearchFilters:
    """The filters of a saved search (unknown keys from a newer version are ignored)."""
    return SearchFilters.from_dict(json.loads(saved.filters_json or "{}"))


def list_saved_searches(session: Session, user_id: str) -> list[SavedSearch]:
    """The user's saved searches by name."""
    return list(
        session.scalars(select(SavedSearch).where(SavedSearch.user_id == user_id).order_by(SavedSearch.name))
    )


def delete_saved_search(session: Session, user_id: str, saved_id: str) -> None:
    """Delete one of the user's saved searches; another user's is 'not found'."""
    saved = session.get(SavedSearch, saved_id)
    if saved is None or saved.user_id != user_id:
        raise NotFound("Không tìm thấy tìm kiếm đã lưu.", "Saved search not found.")
    session.delete(saved)
    session.flush()
