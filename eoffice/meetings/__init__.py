"""Paperless meetings: calendar, invitations, agenda with documents, reading offline."""
