"""One router per capability; ``create_app`` mounts every router in ``ROUTERS`` under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from eoffice.server.routes import admin, auth, blobs, live, sync

ROUTERS: list[APIRouter] = [auth.router, admin.router, sync.router, blobs.router, live.router]
