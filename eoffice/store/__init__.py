"""Engine, sessions, migrations and the attachment store."""

from eoffice.store.base import Base, new_id, utcnow
from eoffice.store.engine import Store

__all__ = ["Base", "Store", "new_id", "utcnow"]
