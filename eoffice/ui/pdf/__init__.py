"""Showing and printing PDFs: pages rendered with their annotations (signatures, seals)."""
