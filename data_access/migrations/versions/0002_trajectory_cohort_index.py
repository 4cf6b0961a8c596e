"""covering index for cohort queries over all programmes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

The Trajecten page counts a registration cohort (a period) over all programmes. Without an index
that starts with registered_on, both databases read the whole table for it. The index carries
every column those counts read, so SQLite answers from the index alone (a plain index made such
queries slower there: each match costs a row lookup).
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = [
    "registered_on",
    "programme_id",
    "area_code",
    "provider_id",
    "placement_type",
    "intake_on",
    "diagnosis_on",
    "started_on",
    "placed_on",
    "lasting_on",
    "dropout_on",
    "dropout_reason",
]


def upgrade() -> None:
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.create_index("ix_trajectory_registered_cover", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.drop_index("ix_trajectory_registered_cover")
