"""Widgets, models and dialogs for official documents."""
