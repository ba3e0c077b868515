"""Moved to ``eoffice.ops.limits`` (the layer below every capability); kept for old imports."""

from eoffice.ops.limits import (  # noqa: F401
    BIGINT_MAX,
    BIGINT_MIN,
    FIRST_DAY,
    INT_RANGES,
    LAST_DAY,
    UNBOUNDED,
    Fits,
    column_of,
    shown,
    storable,
)
