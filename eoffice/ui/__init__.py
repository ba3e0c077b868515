"""The desktop client (PySide6): the only package that imports Qt."""
