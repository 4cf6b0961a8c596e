"""public context: CBS figures per area, region boundaries, arbeidsmarktregio partnerships

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OLD_KINDS = (
    "kind IN ('twinning', 'samenwerkingsovereenkomst', 'convenant', 'gezamenlijke_inkoop', "
    "'regionale_deal')"
)
NEW_KINDS = (
    "kind IN ('twinning', 'samenwerkingsovereenkomst', 'convenant', 'gezamenlijke_inkoop', "
    "'regionale_deal', 'arbeidsmarktregio')"
)


def _partnership(kinds: str) -> sa.Table:
    """The partnership table as it stands, with `kinds` as its kind check (SQLite recreates it)."""
    return sa.Table(
        "partnership",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(kinds, name="ck_partnership_kind"),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name="ck_partnership_period"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name="fk_partnership_source_id_source"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_partnership"),
        sa.UniqueConstraint("code", name="uq_partnership_code"),
    )


def _set_kinds(old: str, new: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot alter a CHECK: the table is rebuilt (env.py turns foreign keys off for it,
        # so the rebuild does not cascade to members and programmes).
        with op.batch_alter_table(
            "partnership", recreate="always", copy_from=_partnership(old)
        ) as b:
            b.drop_constraint(op.f("ck_partnership_kind"), type_="check")
            b.create_check_constraint(op.f("ck_partnership_kind"), sa.text(new))
    else:
        op.drop_constraint(op.f("ck_partnership_kind"), "partnership", type_="check")
        op.create_check_constraint(op.f("ck_partnership_kind"), "partnership", new)


def upgrade() -> None:
    _set_kinds(OLD_KINDS, NEW_KINDS)
    op.create_table(
        "region_boundary",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("geometry", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('provincie', 'arbeidsmarktregio')", name=op.f("ck_region_boundary_kind")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_region_boundary")),
    )
    op.create_table(
        "context_figure",
        sa.Column("area_code", sa.String(length=6), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["area.code"], name=op.f("fk_context_figure_area_code_area")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_context_figure_source_id_source")
        ),
        sa.PrimaryKeyConstraint("area_code", "year", "measure", name=op.f("pk_context_figure")),
    )
    op.create_index(
        "ix_context_figure_measure_year", "context_figure", ["measure", "year"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_context_figure_measure_year", table_name="context_figure")
    op.drop_table("context_figure")
    op.drop_table("region_boundary")
    op.execute("DELETE FROM partnership WHERE kind = 'arbeidsmarktregio'")
    _set_kinds(NEW_KINDS, OLD_KINDS)
