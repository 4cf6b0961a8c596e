"""Names on the printed map sit beside their point, never on it or on each other."""

from domain.map_labels import place

DEN_HAAG, WESTLAND = (4.30, 52.07), (4.21, 51.99)


def test_two_neighbours_go_to_opposite_sides():
    den_haag, westland = place([DEN_HAAG, WESTLAND], dx=0.4, gap=0.1)
    assert (den_haag.side, westland.side) == ("left", "right")
    assert den_haag.x == DEN_HAAG[0] - 0.4 and westland.x == WESTLAND[0] + 0.4


def test_a_single_name_stands_beside_its_point_not_on_it():
    (leiden,) = place([(4.49, 52.16)], dx=0.4, gap=0.1)
    assert leiden.side == "left" and leiden.x < 4.49 - 0.3 and leiden.y == 52.16


def test_names_on_one_side_keep_a_line_apart():
    # Four members of Kop van Noord-Holland, close together: two per side, each pair apart.
    points = [(4.80, 53.06), (4.76, 52.93), (4.90, 52.85), (4.80, 52.80)]
    labels = place(points, dx=0.4, gap=0.12)
    for side in ("left", "right"):
        ys = sorted((lab.y for lab in labels if lab.side == side), reverse=True)
        assert len(ys) == 2 and ys[0] - ys[1] >= 0.12 - 1e-9
    assert [lab.index for lab in labels] == [0, 1, 2, 3]


def test_names_north_of_an_inset_go_right_and_the_others_still_alternate():
    points = [(4.80, 53.06), (4.95, 52.85), (4.49, 52.16), (4.30, 52.07)]
    labels = place(points, dx=0.4, gap=0.12, right_above=52.58)
    assert [lab.side for lab in labels] == ["right", "right", "left", "right"]
