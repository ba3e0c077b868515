"""Offline-first sync: operations as values, server versions, pull pages."""
