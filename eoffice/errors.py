"""Domain errors: expected trouble with a message a clerk understands.

Every message is Vietnamese first (the UI's language); ``message_en`` is kept beside it
for logs and the English UI. A bug is never a DomainError: it is raised as what it is.
"""

from __future__ import annotations


class DomainError(Exception):
    """An expected failure of a domain operation; nothing was saved."""

    def __init__(self, message_vi: str, message_en: str = "", *, field: str | None = None) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.message_en = message_en or message_vi
        self.field = field

    def message(self, language: str = "vi") -> str:
        return self.message_en if language == "en" else self.message_vi


class ValidationError(DomainError):
    """An input field is missing, too long, in the wrong format or inconsistent."""


class InvalidFileError(DomainError):
    """A file is not a usable PDF (not a PDF, broken, encrypted)."""


class DuplicateError(DomainError):
    """The same document is already registered."""


class NumberTakenError(DomainError):
    """A register number asked for is already used."""


class PermissionDenied(DomainError):
    """The actor may not do this."""


class StateError(DomainError):
    """The action does not fit the document's current state."""


class NotFound(DomainError):
    """The object does not exist (or is not visible to the actor)."""
