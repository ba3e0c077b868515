"""eoffice: official documents, work diaries, e-signatures and paperless meetings."""

__version__ = "0.1.0"
