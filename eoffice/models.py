"""Imports every model module so that ``Base.metadata`` knows every table."""

from eoffice.audit import models as audit_models  # noqa: F401
from eoffice.store import sequences  # noqa: F401
from eoffice.directory import models as directory_models  # noqa: F401
from eoffice.documents import models as document_models  # noqa: F401
from eoffice.server import events as live_event_models  # noqa: F401
from eoffice.server import models as server_models  # noqa: F401
from eoffice.signing import models as signing_models  # noqa: F401
from eoffice.sync import models as sync_models  # noqa: F401
from eoffice.worklog import models as worklog_models  # noqa: F401
