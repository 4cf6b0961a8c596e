"""Start-up: migrate the database, and fill the embedded default with the sample data once."""

from __future__ import annotations

import logging

import sqlalchemy as sa

from data_access import migrate, stats
from data_access.engine import make_engine
from data_access.schema import area, context_figure
from data_access.settings import Settings

log = logging.getLogger(__name__)


def is_empty(engine: sa.Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(area)).scalar_one() == 0


def has_public_layer(engine: sa.Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(context_figure)).scalar_one() > 0


def prepare_database(settings: Settings) -> sa.Engine:
    """An engine on a database at the newest schema; the embedded SQLite file is seeded when new.

    The returned engine cuts off slow statements (pages); the preparation itself runs without
    that limit, since a migration or a first build of the aggregates on millions of rows may
    take longer than a page may."""
    setup = make_engine(settings.database_url, statement_timeout_ms=None)
    try:
        migrate.upgrade(setup)
        if settings.is_default_database and is_empty(setup):
            from data_access import sample

            log.info("embedded database is empty: loading the sample data")
            sample.seed(setup, lasting_months=settings.lasting_months)
        elif settings.is_default_database and not has_public_layer(setup):
            # An embedded file from before the public layer (migration 0006): give it the same
            # real figures and shapes a new one gets.
            from data_access import public_data

            log.info("embedded database lacks the public layer: loading it")
            with setup.begin() as conn:
                public_data.load(conn)
        # Built once for a database that predates them or after LASTING_MONTHS changed.
        if stats.ensure(setup, settings.lasting_months):
            log.info("aggregates built for a lasting window of %d months", settings.lasting_months)
    finally:
        setup.dispose()
    return make_engine(settings.database_url, settings.statement_timeout_ms)
