"""PDFs eoffice writes: printed registers, sample documents, later stamps and minutes."""
