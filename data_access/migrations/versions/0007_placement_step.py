"""aggregates gain the days from registration to placement

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29

lead_time_stat gets rows for a new step, 'plaatsing' (registration to placement), which the
survival curves of time to placement read (data_access/placement_times.py), and an index to
read one step of a period. No table changes: forgetting when the aggregates were built makes the next start rebuild them (stats.ensure), so a
database that predates the step gets its rows. Until then the queries read the trajectory table.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_lead_time_stat_step", "lead_time_stat", ["step", "cohort_month", "programme_id"]
    )
    op.execute(sa.text("DELETE FROM stat_state"))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM lead_time_stat WHERE step = 'plaatsing'"))
    op.drop_index("ix_lead_time_stat_step", table_name="lead_time_stat")
