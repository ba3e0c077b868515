"""The layer below every capability: what an operation is, how it travels, what it changed."""
