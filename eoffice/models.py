"""Imports every model module so that ``Base.metadata`` knows every table.

The infrastructure's tables are named here; a capability's are its ``models`` module,
found through ``eoffice.capabilities`` (a new capability adds no line here).
"""

from importlib import import_module

from eoffice.audit import models as audit_models  # noqa: F401
from eoffice.capabilities import CAPABILITIES
from eoffice.server import events as live_event_models  # noqa: F401
from eoffice.server import models as server_models  # noqa: F401
from eoffice.store import sequences  # noqa: F401
from eoffice.sync import models as sync_models  # noqa: F401

for _capability in CAPABILITIES:
    import_module(f"{_capability}.models")
