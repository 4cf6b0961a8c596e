"""data version for fresh caches on every replica; server-side sign-in sessions

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29

`data_version` holds one row whose number every write raises (see data_access/versions.py);
`app_session` keeps local sign-in sessions so that every replica knows them (see
data_access/sessions.py).
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    version = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(version, [{"id": 1, "version": 1, "changed_at": datetime.now(UTC)}])
    op.create_table(
        "app_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["app_user.id"],
            name=op.f("fk_app_session_user_id_app_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_app_session")),
    )
    op.create_index("ix_app_session_user_id", "app_session", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_app_session_user_id", table_name="app_session")
    op.drop_table("app_session")
    op.drop_table("data_version")
