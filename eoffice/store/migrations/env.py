"""Alembic environment: runs on the connection the Store hands over."""

from alembic import context
from sqlalchemy import create_engine

import eoffice.models  # noqa: F401  (registers every table on Base.metadata)
from eoffice.store.base import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = config.get_main_option("sqlalchemy.url")
        if url is None:
            raise RuntimeError("alembic: no connection and no sqlalchemy.url to open one")
        engine = create_engine(url)
        with engine.begin() as conn:
            context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
