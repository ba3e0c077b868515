"""Organisations, units, users, positions and roles."""
