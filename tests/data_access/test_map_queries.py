"""The map's figure: registrations per municipality in a year, by today's code, counted in SQL."""

from tests.builders import add_areas, add_programme, add_trajectories, d


def test_registrations_per_area_count_merged_codes_under_the_successor(engine):
    from data_access import queries

    with engine.begin() as conn:
        add_areas(conn)
        pid = add_programme(conn, "A")
        other = add_programme(conn, "B")
        add_trajectories(conn, pid, [
            {"area_code": "GM0575", "registered_on": d("2023-02-01")},
            {"area_code": "GM0576", "registered_on": d("2023-12-31")},  # Noordwijkerhout
            {"area_code": "GM0546", "registered_on": d("2023-06-01")},
            {"area_code": "GM0546", "registered_on": d("2024-01-01")},  # another year
        ])  # fmt: skip
        add_trajectories(conn, other, [
            {"area_code": "GM0546", "registered_on": d("2023-03-03"), "source_key": "X1"},
        ])  # fmt: skip
    rows = queries.registrations_per_area(engine, 2023)
    assert dict(zip(rows["area_code"], rows["aangemeld"], strict=True)) == {
        "GM0546": 2,
        "GM0575": 2,
    }
    only_a = queries.registrations_per_area(engine, 2023, (pid,))
    assert dict(zip(only_a["area_code"], only_a["aangemeld"], strict=True)) == {
        "GM0546": 1,
        "GM0575": 2,
    }
