"""Keeping partnerships, their members, programmes and targets up to date.

Every write checks the role here, on the server side, validates before it writes, and records old
and new values in the audit trail inside the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from data_access import audit, versions
from data_access.imports import programme_partnerships
from data_access.schema import (
    PARTNERSHIP_KINDS,
    TARGET_METRICS,
    area,
    organisation,
    partnership,
    partnership_member,
    programme,
    source,
    target,
)
from domain.roles import User, require_admin, require_write
from domain.targets import target_errors
from domain.texts import t


class Invalid(ValueError):
    """The form's values are refused; the message lists every reason, in Dutch."""


@dataclass(frozen=True)
class PartnershipForm:
    code: str
    name: str
    kind: str
    start_date: date | None
    end_date: date | None = None
    signed_on: date | None = None
    description: str = ""
    source_title: str = ""
    source_publisher: str = ""
    source_date: date | None = None


@dataclass(frozen=True)
class ProgrammeForm:
    code: str
    name: str
    partnership_id: int
    start_date: date | None
    end_date: date | None = None
    target_group: str = ""
    description: str = ""


@dataclass(frozen=True)
class TargetForm:
    programme_id: int
    metric: str
    value: int | None
    period_start: date | None
    period_end: date | None
    label: str
    area_code: str | None = None


def _period_errors(start: date | None, end: date | None) -> list[str]:
    if start is None:
        return [t("fouten.begindatum")]
    if end is not None and end < start:
        return [t("fouten.einde_voor_begin_kort")]
    return []


def _raise(errors: list[str]) -> None:
    if errors:
        raise Invalid(" ".join(errors))


def _row(conn: sa.Connection, table: sa.Table, row_id: int) -> dict:
    found = conn.execute(sa.select(table).where(table.c.id == row_id)).mappings().first()
    if found is None:
        raise Invalid(t("fouten.onbekend_nummer", nummer=row_id))
    return dict(found)


def _name_code_errors(name: str, code: str) -> list[str]:
    errors = []
    if not name.strip():
        errors.append(t("fouten.naam"))
    if not code.strip():
        errors.append(t("fouten.code"))
    return errors


def _write(conn, table: sa.Table, row_id: int | None, values: dict, user: User, entity: str,
           check_old=None) -> int:  # fmt: skip
    """Insert (row_id None) or update a row, with its audit entry in the same transaction.

    `check_old` sees the current row before an update, for permission checks on what it was."""
    if row_id is None:
        row_id = conn.execute(table.insert().values(values)).inserted_primary_key[0]
        versions.bump(conn)
        audit.record(conn, user.username, "aangemaakt", entity, row_id, None, values)
        return row_id
    old = _row(conn, table, row_id)
    if check_old is not None:
        check_old(old)
    conn.execute(table.update().where(table.c.id == row_id).values(values))
    versions.bump(conn)
    audit.record(
        conn, user.username, "gewijzigd", entity, row_id, {k: old[k] for k in values}, values
    )
    return row_id


def _source_id(
    conn: sa.Connection, form: PartnershipForm, partnership_id: int | None
) -> int | None:
    """The source to link: the current one when the form repeats it, a new row when it changed,
    None when the form names no source (the link is then left as it is)."""
    title = form.source_title.strip()
    if not title:
        return None
    publisher = form.source_publisher.strip() or "niet vastgelegd"
    if partnership_id is not None:
        current = conn.execute(
            sa.select(source.c.id, source.c.title, source.c.publisher, source.c.published_on)
            .join(partnership, partnership.c.source_id == source.c.id)
            .where(partnership.c.id == partnership_id)
        ).first()
        if current is not None and (current.title, current.publisher, current.published_on) == (
            title, publisher, form.source_date
        ):  # fmt: skip
            return current.id
    return conn.execute(
        source.insert().values(title=title, publisher=publisher, published_on=form.source_date)
    ).inserted_primary_key[0]


def save_partnership(
    engine: sa.Engine, user: User, form: PartnershipForm, partnership_id: int | None = None
) -> int:
    """Create (admins) or change (admins and its coordinators) a partnership with its source."""
    errors = _name_code_errors(form.name, form.code)
    if form.kind not in PARTNERSHIP_KINDS:
        errors.append(t("fouten.soort"))
    errors += _period_errors(form.start_date, form.end_date)
    _raise(errors)
    if partnership_id is None:
        require_admin(user, t("wat.samenwerking_toevoegen"))
    else:
        require_write(user, {partnership_id}, t("wat.samenwerking_wijzigen"))
    values = {
        "code": form.code.strip(),
        "name": form.name.strip(),
        "kind": form.kind,
        "description": form.description.strip() or None,
        "start_date": form.start_date,
        "end_date": form.end_date,
        "signed_on": form.signed_on,
    }
    with engine.begin() as conn:
        source_id = _source_id(conn, form, partnership_id)
        if source_id is not None:
            values["source_id"] = source_id
        return _write(conn, partnership, partnership_id, values, user, "samenwerking")


def set_members(
    engine: sa.Engine,
    user: User,
    partnership_id: int,
    members: list[tuple[str | None, int | None, str]],
) -> None:
    """Replace a partnership's members: (area code or None, organisation id or None, role)."""
    require_write(user, {partnership_id}, t("wat.deelnemers_wijzigen"))
    errors = []
    with engine.begin() as conn:
        known = set(conn.execute(sa.select(area.c.code)).scalars())
        for i, (area_code, organisation_id, role) in enumerate(members, start=1):
            if (area_code is None) == (organisation_id is None):
                errors.append(t("fouten.deelnemer_keuze", nummer=i))
            if area_code is not None and area_code not in known:
                errors.append(t("fouten.deelnemer_gemeente", nummer=i, gemeente=area_code))
            if not role.strip():
                errors.append(t("fouten.deelnemer_rol", nummer=i))
        _raise(errors)
        m = partnership_member.c
        old = [
            (r.area_code, r.organisation_id, r.role)
            for r in conn.execute(
                sa.select(m.area_code, m.organisation_id, m.role).where(
                    m.partnership_id == partnership_id
                )
            )
        ]
        conn.execute(partnership_member.delete().where(m.partnership_id == partnership_id))
        if members:
            conn.execute(
                partnership_member.insert(),
                [
                    {
                        "partnership_id": partnership_id,
                        "area_code": a,
                        "organisation_id": o,
                        "role": r.strip(),
                    }
                    for a, o, r in members
                ],
            )
        versions.bump(conn)
        audit.record(
            conn, user.username, "gewijzigd", "deelnemers", partnership_id,
            {"deelnemers": old}, {"deelnemers": [list(x) for x in members]},
        )  # fmt: skip


def save_programme(
    engine: sa.Engine, user: User, form: ProgrammeForm, programme_id: int | None = None
) -> int:
    errors = _name_code_errors(form.name, form.code) + _period_errors(
        form.start_date, form.end_date
    )
    _raise(errors)
    require_write(user, {form.partnership_id}, t("wat.programmas_wijzigen"))
    values = {
        "code": form.code.strip(),
        "name": form.name.strip(),
        "partnership_id": form.partnership_id,
        "target_group": form.target_group.strip() or None,
        "description": form.description.strip() or None,
        "start_date": form.start_date,
        "end_date": form.end_date,
    }

    def may_change(old: dict) -> None:
        if old["partnership_id"] is not None:
            require_write(user, {old["partnership_id"]}, t("wat.programma_wijzigen"))

    with engine.begin() as conn:
        return _write(conn, programme, programme_id, values, user, "programma", may_change)


def save_target(
    engine: sa.Engine, user: User, form: TargetForm, target_id: int | None = None
) -> int:
    """Add or change a target. Zero or below, an end before the start, an unknown metric or an
    unknown municipality are refused."""
    errors = target_errors(form.value, form.period_start, form.period_end)
    if form.metric not in TARGET_METRICS:
        errors.append(t("fouten.metriek"))
    if not form.label.strip():
        errors.append(t("fouten.omschrijving"))
    values = {
        "programme_id": form.programme_id,
        "metric": form.metric,
        "value": form.value,
        "period_start": form.period_start,
        "period_end": form.period_end,
        "label": form.label.strip(),
        "area_code": form.area_code or None,
    }
    with engine.begin() as conn:
        if (
            form.area_code
            and conn.execute(sa.select(area.c.code).where(area.c.code == form.area_code)).first()
            is None
        ):
            errors.append(t("fouten.gemeente_onbekend", gemeente=form.area_code))
        _raise(errors)
        require_write(
            user,
            programme_partnerships(conn, form.programme_id),
            t("wat.doelen_wijzigen"),
        )

        def may_change(old: dict) -> None:
            parts = programme_partnerships(conn, old["programme_id"])
            require_write(user, parts, t("wat.doel_wijzigen"))

        return _write(conn, target, target_id, values, user, "doel", may_change)


def delete_target(engine: sa.Engine, user: User, target_id: int) -> None:
    with engine.begin() as conn:
        old = _row(conn, target, target_id)
        require_write(
            user, programme_partnerships(conn, old["programme_id"]), t("wat.doel_verwijderen")
        )
        conn.execute(target.delete().where(target.c.id == target_id))
        versions.bump(conn)
        audit.record(conn, user.username, "verwijderd", "doel", target_id, old, None)


def organisation_ids(engine: sa.Engine, partnership_id: int) -> dict[str, int]:
    """Names and ids of the organisations that take part in a partnership."""
    stmt = (
        sa.select(organisation.c.name, organisation.c.id)
        .join(partnership_member, partnership_member.c.organisation_id == organisation.c.id)
        .where(partnership_member.c.partnership_id == partnership_id)
    )
    with engine.connect() as conn:
        return {name: org_id for name, org_id in conn.execute(stmt)}
