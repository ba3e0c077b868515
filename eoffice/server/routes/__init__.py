"""The server's routers; ``create_app`` mounts every router in ``ROUTERS`` under /api/v1.

The generic ones are listed here. A capability that needs a route of its own (the
meetings' passes) calls ``register_router`` from a module its ``capability`` imports;
``create_app`` loads the capabilities before mounting, so this package never names one.
"""

from __future__ import annotations

from fastapi import APIRouter

from eoffice.server.routes import admin, auth, blobs, live, sync

ROUTERS: list[APIRouter] = [auth.router, admin.router, sync.router, blobs.router, live.router]


def register_router(router: APIRouter) -> APIRouter:
    """Add a capability's router (its own prefix, tags and documented errors); once only."""
    if router not in ROUTERS:
        ROUTERS.append(router)
    return router
