"""aggregates of the trajectory table for fast pages

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

The pages read counts per registration month, per day and per lead time from these tables
instead of the trajectory table (see data_access/stats.py). The migration creates them empty;
`prepare_database` and the CLI build them from the trajectories that are already there.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

METRICS = (
    "aangemeld",
    "gestart",
    "geplaatst",
    "geplaatst_werk",
    "geplaatst_opleiding",
    "duurzaam",
    "afgesloten",
    "saldo_maand",
)


def _dimensions(table: str) -> list:
    return [
        sa.Column("cohort_month", sa.Date(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=6), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("placement_type", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f(f"fk_{table}_programme_id_programme"),
            ondelete="CASCADE",
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "stat_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lasting_months", sa.Integer(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stat_state")),
    )
    op.create_table(
        "cohort_stat",
        *_dimensions("cohort_stat"),
        sa.Column("is_fictional", sa.Boolean(), nullable=False),
        sa.Column("last_stage", sa.String(length=12), nullable=False),
        sa.Column("dropout_reason", sa.Text(), nullable=True),
        sa.Column("n", sa.Integer(), nullable=False),
    )
    op.create_index("ix_cohort_stat_cohort_month", "cohort_stat", ["cohort_month"])
    op.create_index("ix_cohort_stat_programme_id", "cohort_stat", ["programme_id"])
    op.create_table(
        "lead_time_stat",
        *_dimensions("lead_time_stat"),
        sa.Column("step", sa.String(length=12), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
    )
    op.create_index("ix_lead_time_stat_cohort_month", "lead_time_stat", ["cohort_month"])
    op.create_index("ix_lead_time_stat_programme_id", "lead_time_stat", ["programme_id"])
    quoted = ", ".join(f"'{m}'" for m in METRICS)
    op.create_table(
        "event_stat",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=20), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=6), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"metric IN ({quoted})", name=op.f("ck_event_stat_metric")),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_event_stat_programme_id_programme"),
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_event_stat_metric", "event_stat", ["metric", "day", "programme_id", "area_code", "n"]
    )
    op.create_index("ix_event_stat_programme_id", "event_stat", ["programme_id"])
    op.create_index("ix_trajectory_import_id", "trajectory", ["import_id"])


def downgrade() -> None:
    op.drop_index("ix_trajectory_import_id", table_name="trajectory")
    op.drop_table("event_stat")
    op.drop_table("lead_time_stat")
    op.drop_table("cohort_stat")
    op.drop_table("stat_state")
