"""The work diary on the desktop: the week view, quick-add, drafts, review and reports."""
