"""The meetings' screens (the Họp section)."""
