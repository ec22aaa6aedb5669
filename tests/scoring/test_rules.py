"""The pure scoring rules, against tables of cases and properties."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring import rules
from stations import numbers

BANDS = [
    rules.Band("优秀", D(90)),
    rules.Band("良好", D(80)),
    rules.Band("合格", D(60)),
    rules.Band("不合格", D(0)),
]
WEIGHTS = {"third_party": D(55), "buyer": D(20), "supervision": D(15), "bureau": D(10)}


def parties(third, buyer, supervision, bureau, maximum=D(100)):
    raws = {"third_party": third, "buyer": buyer, "supervision": supervision, "bureau": bureau}
    return [
        rules.PartyInput(party, WEIGHTS[party], maximum, None if raw is None else D(raw))
        for party, raw in raws.items()
    ]


@pytest.mark.parametrize(
    ("total", "published"),
    [
        ("57.45", "57.5"),
        ("57.44", "57.4"),
        ("89.95", "90.0"),
        ("79.94", "79.9"),
        ("59.95", "60.0"),
        ("85.35", "85.4"),
        ("0", "0.0"),
        ("100", "100.0"),
    ],
)
def test_round_half_up_to_one_decimal(total, published):
    assert rules.round_half_up(D(total), 1) == D(published)
    assert str(rules.round_half_up(D(total), 1)) == published


@pytest.mark.parametrize(
    ("published", "label"),
    [
        ("100", "优秀"),
        ("90.0", "优秀"),
        ("89.9", "良好"),
        ("80.0", "良好"),
        ("79.9", "合格"),
        ("60.0", "合格"),
        ("59.9", "不合格"),
        ("0", "不合格"),
    ],
)
def test_grade_bands_are_half_open(published, label):
    assert rules.grade(D(published), BANDS).label == label


@pytest.mark.parametrize(
    ("raws", "total", "published", "label"),
    [
        # The seed: 85.35 publishes as 85.4 and is 良好.
        (("86", "85", "83", "86"), "85.35", "85.4", "良好"),
        # Contributions 49.45 + 18 + 13.5 + 9 = 89.95 → 90.0 → 优秀 (the grade follows the
        # published total, not the unrounded one).
        (("89.9", "90", "90", "90"), "89.95", "90.0", "优秀"),
        (("90", "90", "90", "90"), "90.00", "90.0", "优秀"),
        # 43.94 + 16 + 12 + 8 = 79.94 → 79.9 → 合格
        (("79.89", "80", "80", "80"), "79.94", "79.9", "合格"),
        # 32.95 + 12 + 9 + 6 = 59.95 → 60.0 → 合格
        (("59.9", "60", "60", "60"), "59.95", "60.0", "合格"),
        # 31.35 + 11.60 + 8.55 + 5.95 = 57.45 → 57.5, never 57.4
        (("57", "58", "57", "59.5"), "57.45", "57.5", "不合格"),
        (("0", "0", "0", "0"), "0.00", "0.0", "不合格"),
        (("100", "100", "100", "100"), "100.00", "100.0", "优秀"),
    ],
)
def test_compute_total(raws, total, published, label):
    result = rules.compute_total(parties(*raws), BANDS)
    assert result.total == D(total)
    assert result.published == D(published)
    assert result.grade.label == label
    assert not result.provisional


def test_contributions_are_rounded_half_up_per_party():
    result = rules.compute_total(parties("89.9", "90", "90", "90"), BANDS)
    assert [r.contribution for r in result.parties] == [
        D("49.45"),
        D("18.00"),
        D("13.50"),
        D("9.00"),
    ]


def test_a_sheet_need_not_total_100():
    # A third-party sheet worth 120: 102 / 120 × 55 = 46.75
    result = rules.compute_total(
        [
            rules.PartyInput("third_party", D(55), D(120), D(102)),
            *parties(None, "85", "83", "86")[1:],
        ],
        BANDS,
    )
    assert result.parties[0].contribution == D("46.75")


def test_a_missing_party_contributes_nothing_and_makes_the_total_provisional():
    result = rules.compute_total(parties("86", "85", None, "86"), BANDS)
    assert result.missing == ("supervision",)
    assert result.provisional
    assert result.parties[2].contribution == 0
    assert result.total == D("72.90")


@pytest.mark.parametrize(
    "weights",
    [
        {"third_party": D(55), "buyer": D(20), "supervision": D(15), "bureau": D(5)},
        {"third_party": D(60), "buyer": D(20), "supervision": D(15), "bureau": D(10)},
        {"third_party": D(110), "buyer": D(-10), "supervision": D(0), "bureau": D(0)},
    ],
)
def test_weights_that_do_not_sum_to_100_are_refused(weights):
    assert rules.weight_errors(weights)
    inputs = [rules.PartyInput(p, w, D(100), D(80)) for p, w in weights.items()]
    with pytest.raises(ValueError, match=r"negative_weight|weights_not_100"):
        rules.compute_total(inputs, BANDS)


def test_a_raw_score_above_the_maximum_is_refused():
    with pytest.raises(ValueError, match=r"raw score 101 outside 0\.\.100"):
        rules.compute_total(parties("101", "85", "83", "86"), BANDS)


@pytest.mark.parametrize(
    ("values", "method", "expected", "dropped"),
    [
        (["88", "86.5", "86", "85.5", "84"], "trimmed_mean", "86", {0, 4}),
        (["70", "90", "80"], "trimmed_mean", "80", {0, 1}),
        (["80", "80", "80"], "trimmed_mean", "80", {0, 2}),
        (["70", "90"], "trimmed_mean", "80", set()),  # too few to trim: the mean
        (["88", "86.5", "86", "85.5", "84"], "mean", "86", set()),
        (["70", "90", "95"], "mean", "85", set()),
        (["70", "90", "95"], "median", "90", set()),
        (["70", "90", "95", "100"], "median", "92.5", set()),
    ],
)
def test_panel_aggregation(values, method, expected, dropped):
    result = rules.aggregate([D(v) for v in values], method)
    assert result.value == D(expected)
    assert set(result.dropped) == dropped
    assert set(result.used) == set(range(len(values))) - dropped


def test_trimming_two_experts_falls_back_to_the_mean_and_says_so():
    assert rules.aggregate([D(70), D(90)], "trimmed_mean").note == "too_few_to_trim"
    assert rules.aggregate([], "trimmed_mean").value is None


@pytest.mark.parametrize(
    ("published", "next_label", "to_next", "above"),
    [
        ("85.4", "优秀", "4.6", "5.4"),
        ("90.0", None, None, "0.0"),
        ("59.9", "合格", "0.1", "59.9"),
    ],
)
def test_distance_to_the_nearest_boundaries(published, next_label, to_next, above):
    distance = rules.boundary_distance(D(published), BANDS)
    assert (distance.next_band.label if distance.next_band else None) == next_label
    assert distance.points_to_next == (D(to_next) if to_next else None)
    assert distance.above_lower_by == D(above)


def test_outliers_are_further_than_the_tolerance_from_the_median():
    values = {1: D("8"), 2: D("8.5"), 3: D("7.5"), 4: D("5")}
    # median 7.75; 20 % of 10 = 2 → only 5 (2.75 away) is flagged
    assert rules.outliers(values, D(10), D(20)) == {4}
    assert rules.outliers({1: D(3)}, D(10), D(0)) == set()


def test_band_errors():
    assert rules.band_errors(BANDS) == []
    assert "lowest_band_not_at_0" in rules.band_errors([rules.Band("合格", D(60))])
    assert "duplicate_lower_bound" in rules.band_errors(
        [rules.Band("甲", D(0)), rules.Band("乙", D(0))]
    )


def test_plain_numbers():
    assert [numbers.plain(D(x)) for x in ["8.00", "0.50", "100", "85.40"]] == [
        "8",
        "0.5",
        "100",
        "85.4",
    ]


# --- Properties --------------------------------------------------------------------------------

maxima = st.decimals(min_value=1, max_value=200, places=1)


@st.composite
def party_inputs(draw):
    weights = draw(
        st.lists(st.integers(min_value=0, max_value=100), min_size=3, max_size=3).filter(
            lambda w: sum(w) <= 100
        )
    )
    weights.append(100 - sum(weights))
    result = []
    for party, weight in zip(
        ["third_party", "buyer", "supervision", "bureau"], weights, strict=True
    ):
        maximum = draw(maxima)
        raw = draw(st.none() | st.decimals(min_value=0, max_value=maximum, places=2))
        result.append(rules.PartyInput(party, D(weight), maximum, raw))
    return result


@given(party_inputs())
def test_the_total_stays_within_0_and_100(inputs):
    result = rules.compute_total(inputs, BANDS)
    assert 0 <= result.total <= 100
    assert 0 <= result.published <= 100
    assert result.grade == rules.grade(result.published, BANDS)


@given(
    party_inputs(),
    st.integers(min_value=0, max_value=3),
    st.decimals(min_value=0, max_value=50, places=2),
)
def test_raising_a_score_never_lowers_the_total(inputs, index, increase):
    before = rules.compute_total(inputs, BANDS)
    party = inputs[index]
    raised_raw = min((party.raw or D(0)) + increase, party.maximum)
    raised = list(inputs)
    raised[index] = rules.PartyInput(party.party, party.weight, party.maximum, raised_raw)
    after = rules.compute_total(raised, BANDS)
    assert after.total >= before.total
    assert after.published >= before.published


@given(
    st.lists(st.decimals(min_value=0, max_value=100, places=1), min_size=1, max_size=9),
    st.sampled_from(["mean", "median", "trimmed_mean"]),
    st.integers(min_value=0, max_value=8),
    st.decimals(min_value=0, max_value=10, places=1),
)
def test_raising_one_experts_total_never_lowers_the_panel_score(values, method, index, increase):
    index %= len(values)
    before = rules.aggregate(values, method).value
    raised = list(values)
    raised[index] += increase
    assert rules.aggregate(raised, method).value >= before
