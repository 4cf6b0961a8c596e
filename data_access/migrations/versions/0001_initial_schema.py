"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "area",
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("province", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("successor_code", sa.String(length=6), nullable=True),
        sa.Column("current_code", sa.String(length=6), nullable=False),
        sa.Column("source_note", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('gemeente', 'openbaar_lichaam')", name=op.f("ck_area_kind")),
        sa.ForeignKeyConstraint(
            ["successor_code"], ["area.code"], name=op.f("fk_area_successor_code_area")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_area")),
    )
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.create_index("ix_area_current_code", ["current_code"], unique=False)

    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("publisher", sa.Text(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("area_code", sa.String(length=6), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("is_fictional", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('sociaal_werkbedrijf', 'reintegratiebedrijf', 'uwv', 'werkgeversservicepunt', 'ministerie', 'werkgeversorganisatie', 'school', 'intergemeentelijke_sociale_dienst', 'regionaal_orgaan')",
            name=op.f("ck_organisation_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["area_code"], ["area.code"], name=op.f("fk_organisation_area_code_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("name", name=op.f("uq_organisation_name")),
    )
    op.create_table(
        "partnership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('twinning', 'samenwerkingsovereenkomst', 'convenant', 'gezamenlijke_inkoop', 'regionale_deal')",
            name=op.f("ck_partnership_kind"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_partnership_period")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_partnership_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership")),
        sa.UniqueConstraint("code", name=op.f("uq_partnership_code")),
    )
    op.create_table(
        "partnership_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=6), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "(area_code IS NULL) <> (organisation_id IS NULL)",
            name=op.f("ck_partnership_member_area_or_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["area_code"], ["area.code"], name=op.f("fk_partnership_member_area_code_area")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_partnership_member_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_partnership_member_partnership_id_partnership"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership_member")),
    )
    with op.batch_alter_table("partnership_member", schema=None) as batch_op:
        batch_op.create_index(
            "ix_partnership_member_partnership_id", ["partnership_id"], unique=False
        )

    op.create_table(
        "programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=True),
        sa.Column("lead_area_code", sa.String(length=6), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("target_group", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_programme_period")
        ),
        sa.CheckConstraint(
            "partnership_id IS NOT NULL OR lead_area_code IS NOT NULL",
            name=op.f("ck_programme_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["lead_area_code"], ["area.code"], name=op.f("fk_programme_lead_area_code_area")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["programme.id"], name=op.f("fk_programme_parent_id_programme")
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_programme_partnership_id_partnership"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
        sa.UniqueConstraint("code", name=op.f("uq_programme_code")),
    )
    op.create_table(
        "import_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("rows_new", sa.Integer(), server_default="0", nullable=False),
        sa.Column("rows_changed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("rows_unchanged", sa.Integer(), server_default="0", nullable=False),
        sa.Column("rows_refused", sa.Integer(), server_default="0", nullable=False),
        sa.Column("data_until", sa.Date(), nullable=True),
        sa.Column("is_fictional", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_import_log_programme_id_programme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_log")),
    )
    op.create_table(
        "programme_provider",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_programme_provider_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_programme_provider_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "programme_id", "organisation_id", name=op.f("pk_programme_provider")
        ),
    )
    op.create_table(
        "published_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "metric IN ('aanmeldingen', 'gestart', 'geplaatst', 'duurzaam')",
            name=op.f("ck_published_figure_metric"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_published_figure_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_published_figure_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_figure")),
    )
    op.create_table(
        "target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("area_code", sa.String(length=6), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "metric IN ('aanmeldingen', 'gestart', 'geplaatst', 'duurzaam')",
            name=op.f("ck_target_metric"),
        ),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_target_period")),
        sa.CheckConstraint("value > 0", name=op.f("ck_target_positive")),
        sa.ForeignKeyConstraint(
            ["area_code"], ["area.code"], name=op.f("fk_target_area_code_area")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_target_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_target_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target")),
    )
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.create_index("ix_target_programme_id", ["programme_id"], unique=False)

    op.create_table(
        "trajectory",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("area_code", sa.String(length=6), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("intake_on", sa.Date(), nullable=True),
        sa.Column("diagnosis_on", sa.Date(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("placed_on", sa.Date(), nullable=True),
        sa.Column("placement_type", sa.String(length=10), nullable=True),
        sa.Column("lasting_on", sa.Date(), nullable=True),
        sa.Column("dropout_on", sa.Date(), nullable=True),
        sa.Column("dropout_reason", sa.Text(), nullable=True),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("is_fictional", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "placement_type IS NULL OR placement_type IN ('werk', 'opleiding')",
            name=op.f("ck_trajectory_placement_type"),
        ),
        sa.ForeignKeyConstraint(
            ["area_code"], ["area.code"], name=op.f("fk_trajectory_area_code_area")
        ),
        sa.ForeignKeyConstraint(
            ["import_id"], ["import_log.id"], name=op.f("fk_trajectory_import_id_import_log")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programme.id"],
            name=op.f("fk_trajectory_programme_id_programme"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["organisation.id"],
            name=op.f("fk_trajectory_provider_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trajectory")),
        sa.UniqueConstraint("programme_id", "source_key", name="uq_trajectory_programme_key"),
    )
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.create_index("ix_trajectory_area_code", ["area_code"], unique=False)
        batch_op.create_index("ix_trajectory_placed_on", ["placed_on"], unique=False)
        batch_op.create_index(
            "ix_trajectory_programme_registered", ["programme_id", "registered_on"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.drop_index("ix_trajectory_programme_registered")
        batch_op.drop_index("ix_trajectory_placed_on")
        batch_op.drop_index("ix_trajectory_area_code")

    op.drop_table("trajectory")
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.drop_index("ix_target_programme_id")

    op.drop_table("target")
    op.drop_table("published_figure")
    op.drop_table("programme_provider")
    op.drop_table("import_log")
    op.drop_table("programme")
    with op.batch_alter_table("partnership_member", schema=None) as batch_op:
        batch_op.drop_index("ix_partnership_member_partnership_id")

    op.drop_table("partnership_member")
    op.drop_table("partnership")
    op.drop_table("organisation")
    op.drop_table("source")
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_index("ix_area_current_code")

    op.drop_table("area")
