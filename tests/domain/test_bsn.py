import random

from domain.bsn import looks_like_bsn_column, passes_elfproef


def make_bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
        last = total % 11
        if last < 10:
            candidate = "".join(map(str, digits)) + str(last)
            if passes_elfproef(candidate):
                return candidate


def test_known_valid_and_invalid_numbers():
    assert passes_elfproef("111222333")
    assert passes_elfproef("123456782")
    assert not passes_elfproef("123456789")
    assert not passes_elfproef("000000000")


def test_a_column_of_bsns_is_recognised_whatever_its_header():
    rng = random.Random(1)
    assert looks_like_bsn_column([make_bsn(rng) for _ in range(50)])


def test_bsns_that_lost_their_leading_zero_in_excel_are_recognised():
    rng = random.Random(2)
    values = [make_bsn(rng) for _ in range(200)]
    with_zero = [v for v in values if v.startswith("0")][:5]
    assert with_zero
    assert looks_like_bsn_column([v.lstrip("0") for v in with_zero] + values[:20])


def test_ordinary_nine_digit_keys_are_not_taken_for_bsns():
    rng = random.Random(3)
    keys = [str(rng.randint(100_000_000, 999_999_999)) for _ in range(1000)]
    assert not looks_like_bsn_column(keys)


def test_a_mixed_column_with_few_numbers_is_not_a_bsn_column():
    assert not looks_like_bsn_column(["A-1", "A-2", "A-3", "111222333"])
