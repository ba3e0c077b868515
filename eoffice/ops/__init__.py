"""The layer below every capability: what an operation is, how it travels, what it changed.

``operation`` (the base and its result), ``values`` (ids, dates, file references and
their checks), ``limits`` (what a column holds), ``codec`` (JSON, strict), ``registry``
(each capability's kinds) and ``changes`` (which tables changed). The common names are
here too: ``from eoffice import ops``, then ``ops.Operation``, ``ops.to_json``…
"""

from eoffice.ops.changes import EVERYTHING, NOTHING, Changes
from eoffice.ops.codec import Custom, checked, from_json, to_json
from eoffice.ops.operation import AppliedResult, Operation
from eoffice.ops.registry import apply
from eoffice.ops.values import FileRef, Id, ISODate, files_named

__all__ = [
    "EVERYTHING", "NOTHING", "AppliedResult", "Changes", "Custom", "FileRef", "ISODate", "Id", "Operation",
    "apply", "checked", "files_named", "from_json", "to_json",
]
