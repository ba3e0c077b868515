"""Hash-chained audit events: every change and every opening of a document."""
