"""The provincial server: HTTP API over the same domain the desktop client runs.

FastAPI and uvicorn are imported only inside this package; the domain stays plain Python.
"""
