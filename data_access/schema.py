"""The database schema: one SQLAlchemy Core table per thing the monitor knows.

Privacy by design: no table has a column for names of people, addresses, BSNs or birth dates.
Trajectories carry only the source's own pseudonymous key. Alembic migrations in
``data_access/migrations`` create these tables; a test compares the two so they cannot drift.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Allowed values live here once; check constraints and validation both read them.
AREA_KINDS = ("gemeente", "openbaar_lichaam")
ORGANISATION_KINDS = (
    "sociaal_werkbedrijf",
    "reintegratiebedrijf",
    "uwv",
    "werkgeversservicepunt",
    "ministerie",
    "werkgeversorganisatie",
    "school",
    "intergemeentelijke_sociale_dienst",
    "regionaal_orgaan",
)
PARTNERSHIP_KINDS = (
    "twinning",
    "samenwerkingsovereenkomst",
    "convenant",
    "gezamenlijke_inkoop",
    "regionale_deal",
    # The 35 labour-market regions: the formal, nationwide cooperation of municipalities with UWV.
    "arbeidsmarktregio",
)
TARGET_METRICS = ("aanmeldingen", "gestart", "geplaatst", "duurzaam")
PLACEMENT_TYPES = ("werk", "opleiding")


def _in(column: str, values: tuple[str, ...]) -> str:
    """A CHECK expression that keeps a text column inside an allow-list."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


source = sa.Table(
    "source",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("publisher", sa.Text, nullable=False),
    sa.Column("published_on", sa.Date),
    sa.Column("url", sa.Text),
    sa.Column("note", sa.Text),
)

area = sa.Table(
    "area",
    metadata,
    sa.Column("code", sa.String(6), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("province", sa.Text),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("valid_from", sa.Date),
    sa.Column("valid_to", sa.Date),
    # The area that took over after a merger (herindeling), e.g. GM0576 -> GM0575.
    sa.Column("successor_code", sa.String(6), sa.ForeignKey("area.code")),
    # Where figures keyed on this code are counted today: itself, or the end of its successor chain.
    sa.Column("current_code", sa.String(6), nullable=False),
    sa.Column("source_note", sa.Text),
    sa.CheckConstraint(_in("kind", AREA_KINDS), name="kind"),
)
sa.Index("ix_area_current_code", area.c.current_code)

organisation = sa.Table(
    "organisation",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("area_code", sa.String(6), sa.ForeignKey("area.code")),
    sa.Column("description", sa.Text),
    # True where the source does not name the organisation and the sample invents a label.
    sa.Column("is_fictional", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.CheckConstraint(_in("kind", ORGANISATION_KINDS), name="kind"),
)

partnership = sa.Table(
    "partnership",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(40), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("description", sa.Text),
    sa.Column("start_date", sa.Date, nullable=False),
    sa.Column("end_date", sa.Date),
    sa.Column("signed_on", sa.Date),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("source.id")),
    sa.CheckConstraint(_in("kind", PARTNERSHIP_KINDS), name="kind"),
    sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="period"),
)

partnership_member = sa.Table(
    "partnership_member",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "partnership_id",
        sa.Integer,
        sa.ForeignKey("partnership.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("area_code", sa.String(6), sa.ForeignKey("area.code")),
    sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisation.id")),
    sa.Column("role", sa.Text, nullable=False),
    # A member is either an area or an organisation, never both or neither.
    sa.CheckConstraint(
        "(area_code IS NULL) <> (organisation_id IS NULL)", name="area_or_organisation"
    ),
)
sa.Index("ix_partnership_member_partnership_id", partnership_member.c.partnership_id)

programme = sa.Table(
    "programme",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(40), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    # A programme runs within a partnership, or is one municipality's own (Werkoffensief +500).
    sa.Column("partnership_id", sa.Integer, sa.ForeignKey("partnership.id", ondelete="CASCADE")),
    sa.Column("lead_area_code", sa.String(6), sa.ForeignKey("area.code")),
    # A programme may sit inside a larger one (the Westland deal inside Werkoffensief +500).
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("programme.id")),
    sa.Column("target_group", sa.Text),
    sa.Column("description", sa.Text),
    sa.Column("start_date", sa.Date, nullable=False),
    sa.Column("end_date", sa.Date),
    sa.CheckConstraint("partnership_id IS NOT NULL OR lead_area_code IS NOT NULL", name="owner"),
    sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="period"),
)


def _programme_id(primary_key: bool = False) -> sa.Column:
    """The programme a row belongs to; deleting the programme deletes the row."""
    return sa.Column(
        "programme_id",
        sa.Integer,
        sa.ForeignKey("programme.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
    )


programme_provider = sa.Table(
    "programme_provider",
    metadata,
    _programme_id(primary_key=True),
    sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisation.id"), primary_key=True),
    sa.Column("method", sa.Text),
)

target = sa.Table(
    "target",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _programme_id(),
    sa.Column("metric", sa.String(20), nullable=False),
    sa.Column("value", sa.Integer, nullable=False),
    sa.Column("period_start", sa.Date, nullable=False),
    sa.Column("period_end", sa.Date, nullable=False),
    # Optional: the part of the target that one member municipality carries.
    sa.Column("area_code", sa.String(6), sa.ForeignKey("area.code")),
    # What this part is called where a target adds up from parts ("vaste taak", "extra").
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("source.id")),
    sa.CheckConstraint(_in("metric", TARGET_METRICS), name="metric"),
    sa.CheckConstraint("value > 0", name="positive"),
    sa.CheckConstraint("period_end >= period_start", name="period"),
)
sa.Index("ix_target_programme_id", target.c.programme_id)

# Figures that a source published (the 4,248 of 2019), kept beside what the trajectories give.
published_figure = sa.Table(
    "published_figure",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _programme_id(),
    sa.Column("metric", sa.String(20), nullable=False),
    sa.Column("value", sa.Integer, nullable=False),
    sa.Column("period_start", sa.Date, nullable=False),
    sa.Column("period_end", sa.Date, nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("source.id"), nullable=False),
    sa.CheckConstraint(_in("metric", TARGET_METRICS), name="metric"),
)

import_log = sa.Table(
    "import_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    # The account that imported (an account name, not a person's data).
    sa.Column("imported_by", sa.Text, nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_sha256", sa.String(64), nullable=False),
    sa.Column("programme_id", sa.Integer, sa.ForeignKey("programme.id"), nullable=False),
    sa.Column("rows_new", sa.Integer, nullable=False, server_default="0"),
    sa.Column("rows_changed", sa.Integer, nullable=False, server_default="0"),
    sa.Column("rows_unchanged", sa.Integer, nullable=False, server_default="0"),
    sa.Column("rows_refused", sa.Integer, nullable=False, server_default="0"),
    # The date the delivered data runs to ("stand per").
    sa.Column("data_until", sa.Date),
    sa.Column("is_fictional", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("undone_at", sa.DateTime(timezone=True)),
    sa.Column("undone_by", sa.Text),
    # ingelezen (written), geweigerd (refused as a whole: nothing written), teruggedraaid (undone).
    sa.Column("status", sa.String(20), nullable=False, server_default="ingelezen"),
)

trajectory = sa.Table(
    "trajectory",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # The source system's own pseudonymous key; never a BSN or a name.
    sa.Column("source_key", sa.String(64), nullable=False),
    _programme_id(),
    # The municipality as delivered; queries count it under area.current_code.
    sa.Column("area_code", sa.String(6), sa.ForeignKey("area.code"), nullable=False),
    sa.Column("provider_id", sa.Integer, sa.ForeignKey("organisation.id")),
    sa.Column("registered_on", sa.Date, nullable=False),
    sa.Column("intake_on", sa.Date),
    sa.Column("diagnosis_on", sa.Date),
    sa.Column("started_on", sa.Date),
    sa.Column("placed_on", sa.Date),
    sa.Column("placement_type", sa.String(10)),
    # The date on which the person was last confirmed in work (and off benefit).
    sa.Column("lasting_on", sa.Date),
    sa.Column("dropout_on", sa.Date),
    sa.Column("dropout_reason", sa.Text),
    sa.Column("import_id", sa.Integer, sa.ForeignKey("import_log.id")),
    sa.Column("is_fictional", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.UniqueConstraint("programme_id", "source_key", name="uq_trajectory_programme_key"),
    sa.CheckConstraint(
        "placement_type IS NULL OR " + _in("placement_type", PLACEMENT_TYPES),
        name="placement_type",
    ),
)
sa.Index(
    "ix_trajectory_programme_registered", trajectory.c.programme_id, trajectory.c.registered_on
)
sa.Index("ix_trajectory_placed_on", trajectory.c.placed_on)
sa.Index("ix_trajectory_area_code", trajectory.c.area_code)
# An import's rows, for keeping the aggregates in step and for undo (migration 0005).
sa.Index("ix_trajectory_import_id", trajectory.c.import_id)
# Cohort counts over all programmes read a registration period: this index carries every column
# they read, so SQLite answers from the index alone (migration 0002).
sa.Index(
    "ix_trajectory_registered_cover",
    trajectory.c.registered_on,
    trajectory.c.programme_id,
    trajectory.c.area_code,
    trajectory.c.provider_id,
    trajectory.c.placement_type,
    trajectory.c.intake_on,
    trajectory.c.diagnosis_on,
    trajectory.c.started_on,
    trajectory.c.placed_on,
    trajectory.c.lasting_on,
    trajectory.c.dropout_on,
    trajectory.c.dropout_reason,
)

# What an import did to each trajectory, so that the import can be undone as a whole.
import_change = sa.Table(
    "import_change",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "import_id", sa.Integer, sa.ForeignKey("import_log.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("trajectory_id", sa.Integer, nullable=False),
    sa.Column("action", sa.String(10), nullable=False),
    # The trajectory's values before a change (JSON of its columns; no personal data exists there).
    sa.Column("before", sa.Text),
    sa.CheckConstraint("action IN ('nieuw', 'gewijzigd')", name="action"),
)
sa.Index("ix_import_change_import_id", import_change.c.import_id)
sa.Index("ix_import_change_trajectory_id", import_change.c.trajectory_id)

ROLES = ("viewer", "coordinator", "admin")

app_user = sa.Table(
    "app_user",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # An account name (or the identity provider's e-mail claim): the user's own staff account.
    sa.Column("username", sa.String(200), nullable=False, unique=True),
    # Argon2 hash for the embedded local account store; empty for accounts that sign in via OIDC.
    sa.Column("password_hash", sa.Text),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint(_in("role", ROLES), name="role"),
)

# The partnerships a coordinator may edit and upload for.
user_partnership = sa.Table(
    "user_partnership",
    metadata,
    sa.Column(
        "user_id", sa.Integer, sa.ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "partnership_id",
        sa.Integer,
        sa.ForeignKey("partnership.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("username", sa.String(200), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("entity", sa.String(40), nullable=False),
    sa.Column("entity_id", sa.String(64)),
    sa.Column("old_values", sa.Text),
    sa.Column("new_values", sa.Text),
)
sa.Index("ix_audit_log_at", audit_log.c.at)

# Municipal boundaries loaded with `python -m data_access import-boundaries`; never committed to git.
area_boundary = sa.Table(
    "area_boundary",
    metadata,
    sa.Column("area_code", sa.String(6), sa.ForeignKey("area.code"), primary_key=True),
    # GeoJSON geometry (Polygon or MultiPolygon) in WGS84 longitude/latitude, as text.
    sa.Column("geometry", sa.Text, nullable=False),
    # The year of the municipal division the shape belongs to (CBS gebiedsindeling).
    sa.Column("year", sa.Integer, nullable=False),
    # Where the shape came from: a file name or the PDOK address.
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
)

# Regions drawn on the maps beside municipalities: provinces (PVxx) and labour-market regions
# (AMxx, also a partnership with the same code). Loaded from sample_data by `seed`/`load-public`.
REGION_KINDS = ("provincie", "arbeidsmarktregio")
region_boundary = sa.Table(
    "region_boundary",
    metadata,
    sa.Column("code", sa.String(8), primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    # GeoJSON geometry (Polygon or MultiPolygon) in WGS84 longitude/latitude, as text.
    sa.Column("geometry", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.CheckConstraint(_in("kind", REGION_KINDS), name="kind"),
)

# Public figures per municipality, year and measure (CBS): inhabitants, people on bijstand, labour
# participation. Stored under today's code: a merged municipality's counts are summed into its
# successor, its percentages are left out (domain/context.py). A missing row means "not published",
# never 0. Measures and their kinds: data_access/context.py MEASURES.
context_figure = sa.Table(
    "context_figure",
    metadata,
    sa.Column("area_code", sa.String(6), sa.ForeignKey("area.code"), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("measure", sa.String(40), primary_key=True),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("source.id"), nullable=False),
)
sa.Index("ix_context_figure_measure_year", context_figure.c.measure, context_figure.c.year)

# --- Aggregates of the trajectory table ---------------------------------------------------------
# Pages read these instead of the trajectory table: a few thousand rows instead of millions. They
# are rebuilt per programme in the same transaction as every write to trajectory
# (data_access/stats.py), and only used while `stat_state` says they were built for the lasting
# window (LASTING_MONTHS) the app runs with.

# Which lasting window the aggregates were built with; one row, or none before the first build.
stat_state = sa.Table(
    "stat_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("lasting_months", sa.Integer, nullable=False),
    sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
)


def _stat_dimensions() -> list[sa.Column]:
    """The filter dimensions of a registration cohort, as stored in the cohort aggregates."""
    return [
        # The first day of the registration month.
        sa.Column("cohort_month", sa.Date, nullable=False),
        _programme_id(),
        sa.Column("area_code", sa.String(6), nullable=False),
        sa.Column("provider_id", sa.Integer),
        sa.Column("placement_type", sa.String(10)),
    ]


# Trajectories per registration month and dimension, by the last stage they reached and why they
# stopped (NULL: no dropout).
cohort_stat = sa.Table(
    "cohort_stat",
    metadata,
    *_stat_dimensions(),
    sa.Column("is_fictional", sa.Boolean, nullable=False),
    sa.Column("last_stage", sa.String(12), nullable=False),
    sa.Column("dropout_reason", sa.Text),
    sa.Column("n", sa.Integer, nullable=False),
)
sa.Index("ix_cohort_stat_cohort_month", cohort_stat.c.cohort_month)
sa.Index("ix_cohort_stat_programme_id", cohort_stat.c.programme_id)

# Days from one stage to the next (both dates known) per registration month and dimension: a
# histogram, so medians and quartiles stay exact. Step 'plaatsing' holds the days from
# registration to placement, for the curves of time to placement (measures.STORED_STEPS).
lead_time_stat = sa.Table(
    "lead_time_stat",
    metadata,
    *_stat_dimensions(),
    sa.Column("step", sa.String(12), nullable=False),
    sa.Column("days", sa.Integer, nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
)
sa.Index("ix_lead_time_stat_cohort_month", lead_time_stat.c.cohort_month)
sa.Index("ix_lead_time_stat_programme_id", lead_time_stat.c.programme_id)
# The curves of time to placement read one step of a period: without this, SQLite read every
# step of a programme's years (45 ms for Holland Rijnland's 2025 cohort; 14 ms with it).
sa.Index(
    "ix_lead_time_stat_step",
    lead_time_stat.c.step,
    lead_time_stat.c.cohort_month,
    lead_time_stat.c.programme_id,
)

# EVENT_METRICS: what happened on a day. 'afgesloten' is the day a trajectory stopped being open
# (placed or dropped out, whichever came first), for the count of open trajectories on a day;
# 'saldo_maand' is the month's registrations minus closings, on the month's first day.
EVENT_METRICS = (
    "aangemeld",
    "gestart",
    "geplaatst",
    "geplaatst_werk",
    "geplaatst_opleiding",
    "duurzaam",
    "afgesloten",
    "saldo_maand",
)
event_stat = sa.Table(
    "event_stat",
    metadata,
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("metric", sa.String(20), nullable=False),
    _programme_id(),
    sa.Column("area_code", sa.String(6), nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
    sa.CheckConstraint(_in("metric", EVENT_METRICS), name="metric"),
)
# Carries every column the event queries read, so SQLite answers from the index alone.
sa.Index(
    "ix_event_stat_metric",
    event_stat.c.metric,
    event_stat.c.day,
    event_stat.c.programme_id,
    event_stat.c.area_code,
    event_stat.c.n,
)
sa.Index("ix_event_stat_programme_id", event_stat.c.programme_id)

# One row: a number every write that changes what pages show raises, in the write's own
# transaction. Each app process reads it (at most once a second) and clears its caches when it
# moved, so an import on one replica or from the command line shows on every replica.
data_version = sa.Table(
    "data_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
)

# Local sign-in sessions, kept here so every replica knows them and a sign-out or a disabled
# account ends them at once. The browser holds only a signed cookie with the session's token; the
# table keeps its SHA-256, so a copy of the table signs nobody in.
app_session = sa.Table(
    "app_session",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column(
        "user_id",
        sa.Integer,
        sa.ForeignKey("app_user.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    # Set once the browser has received its cookie: the hand-over link works only once.
    sa.Column("claimed", sa.Boolean, nullable=False, server_default=sa.false()),
)
