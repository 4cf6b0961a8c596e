"""Editing partnerships, members, programmes and targets: validation, roles, audit trail."""

from datetime import date

import pytest
import sqlalchemy as sa

from data_access import audit, editing
from data_access.editing import Invalid, PartnershipForm, ProgrammeForm, TargetForm
from data_access.schema import partnership, partnership_member, target
from domain.roles import ADMIN, NotAllowed, User
from tests.builders import add_areas, add_programme

ADMIN_USER = User("beheer", ADMIN)


@pytest.fixture
def ids(engine):
    with engine.begin() as conn:
        add_areas(conn)
        programme_id = add_programme(conn)
        partnership_id = conn.execute(sa.select(partnership.c.id)).scalar()
    return {"programme": programme_id, "partnership": partnership_id}


def coordinator_of(ids) -> User:
    return User("coord", "coordinator", frozenset({ids["partnership"]}))


FORM = PartnershipForm(
    code="nieuw", name="Nieuwe samenwerking", kind="convenant", start_date=date(2024, 1, 1),
    source_title="Convenant getekend", source_publisher="Gemeenteblad",
)  # fmt: skip


def test_admin_adds_a_partnership_with_its_source_and_the_audit_has_it(engine, ids):
    new_id = editing.save_partnership(engine, ADMIN_USER, FORM)
    with engine.connect() as conn:
        assert conn.execute(
            sa.select(partnership.c.name).where(partnership.c.id == new_id)
        ).scalar() == ("Nieuwe samenwerking")
    entry = audit.entries(engine).iloc[0]
    assert (entry["action"], entry["entity"], entry["username"]) == (
        "aangemaakt",
        "samenwerking",
        "beheer",
    )


def test_a_coordinator_may_not_add_partnerships_but_may_edit_their_own(engine, ids):
    with pytest.raises(NotAllowed):
        editing.save_partnership(engine, coordinator_of(ids), FORM)
    changed = PartnershipForm(code="p-TEST", name="Hernoemd", kind="gezamenlijke_inkoop",
                              start_date=date(2021, 12, 1))  # fmt: skip
    editing.save_partnership(engine, coordinator_of(ids), changed, ids["partnership"])
    entry = audit.entries(engine).iloc[0]
    assert '"Samenwerking TEST"' in entry["old_values"] and '"Hernoemd"' in entry["new_values"]


def test_end_before_start_is_refused(engine, ids):
    bad = PartnershipForm(code="x", name="x", kind="convenant", start_date=date(2024, 1, 1),
                          end_date=date(2023, 1, 1))  # fmt: skip
    with pytest.raises(Invalid, match="vóór het begin"):
        editing.save_partnership(engine, ADMIN_USER, bad)


def test_members_with_an_unknown_municipality_are_refused_and_nothing_changes(engine, ids):
    with pytest.raises(Invalid, match="GM9999"):
        editing.set_members(
            engine,
            ADMIN_USER,
            ids["partnership"],
            [("GM0546", None, "deelnemer"), ("GM9999", None, "x")],
        )
    with engine.connect() as conn:
        assert (
            conn.execute(sa.select(sa.func.count()).select_from(partnership_member)).scalar() == 3
        )


def test_members_are_replaced_with_roles(engine, ids):
    editing.set_members(
        engine, coordinator_of(ids), ids["partnership"], [("GM0546", None, "trekker")]
    )
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(partnership_member.c.area_code, partnership_member.c.role)
        ).all()
    assert rows == [("GM0546", "trekker")]


def test_viewer_cannot_change_members(engine, ids):
    with pytest.raises(NotAllowed):
        editing.set_members(engine, User("lezer", "viewer"), ids["partnership"], [])


@pytest.mark.parametrize(
    "value, start, end, area_code, message",
    [
        (0, date(2025, 1, 1), date(2025, 12, 31), None, "groter dan nul"),
        (-5, date(2025, 1, 1), date(2025, 12, 31), None, "groter dan nul"),
        (100, date(2025, 12, 31), date(2025, 1, 1), None, "einde"),
        (100, date(2025, 1, 1), date(2025, 12, 31), "GM9999", "onbekend"),
    ],
)
def test_bad_targets_are_refused(engine, ids, value, start, end, area_code, message):
    form = TargetForm(ids["programme"], "geplaatst", value, start, end, "jaardoel", area_code)
    with pytest.raises(Invalid, match=message):
        editing.save_target(engine, ADMIN_USER, form)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(target)).scalar() == 0


def test_a_target_is_added_changed_and_deleted_with_audit(engine, ids):
    form = TargetForm(
        ids["programme"], "geplaatst", 200, date(2025, 1, 1), date(2025, 12, 31), "jaardoel"
    )
    target_id = editing.save_target(engine, coordinator_of(ids), form)
    editing.save_target(
        engine, coordinator_of(ids),
        TargetForm(ids["programme"], "geplaatst", 250, date(2025, 1, 1), date(2025, 12, 31), "jaardoel"),
        target_id,
    )  # fmt: skip
    editing.delete_target(engine, coordinator_of(ids), target_id)
    actions = list(audit.entries(engine)["action"])
    assert actions[:3] == ["verwijderd", "gewijzigd", "aangemaakt"]
    changed = audit.entries(engine).iloc[1]
    assert '"value": 200' in changed["old_values"] and '"value": 250' in changed["new_values"]


def test_a_coordinator_of_another_partnership_cannot_set_targets(engine, ids):
    other = User("ander", "coordinator", frozenset({ids["partnership"] + 50}))
    form = TargetForm(
        ids["programme"], "geplaatst", 200, date(2025, 1, 1), date(2025, 12, 31), "jaardoel"
    )
    with pytest.raises(NotAllowed):
        editing.save_target(engine, other, form)


def test_programme_end_before_start_is_refused(engine, ids):
    form = ProgrammeForm("P2", "Tweede", ids["partnership"], date(2025, 1, 1), date(2024, 1, 1))
    with pytest.raises(Invalid):
        editing.save_programme(engine, ADMIN_USER, form)
    ok = ProgrammeForm("P2", "Tweede", ids["partnership"], date(2025, 1, 1))
    assert editing.save_programme(engine, coordinator_of(ids), ok) > 0


def test_saving_a_partnership_again_does_not_duplicate_its_source(engine, ids):
    from data_access.schema import source

    new_id = editing.save_partnership(engine, ADMIN_USER, FORM)
    editing.save_partnership(engine, ADMIN_USER, FORM, new_id)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(source)).scalar() == 1
