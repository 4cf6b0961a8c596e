"""area boundaries

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "area_boundary",
        sa.Column("area_code", sa.String(length=6), nullable=False),
        sa.Column("geometry", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["area.code"], name=op.f("fk_area_boundary_area_code_area")
        ),
        sa.PrimaryKeyConstraint("area_code", name=op.f("pk_area_boundary")),
    )


def downgrade() -> None:
    op.drop_table("area_boundary")
