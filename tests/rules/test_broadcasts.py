from datetime import UTC, date, datetime, time, timedelta

import pytest

from kehoach.rules.broadcasts import Airing, compliance_rate, week_compliance, weeks_range

# ISO week 2021-W05 is Monday 01/02 to Sunday 07/02/2021.
W05 = dict(start=date(2021, 2, 1), end=date(2021, 2, 7))


def one_week(*airings, **kw):
    [result] = week_compliance(list(airings), **W05, **kw)
    return result


def test_eight_minute_airing_does_not_make_week_comply():
    r = one_week(Airing(datetime(2021, 2, 3, 19, 0), 8))
    assert (r.week, r.count, r.minutes, r.compliant) == ("2021-W05", 0, 8, False)
    assert r.reason == "Chỉ có 1 lượt dưới 10 phút"


def test_twelve_minute_airing_makes_week_comply():
    r = one_week(Airing(datetime(2021, 2, 3, 19, 0), 12))
    assert (r.count, r.minutes, r.compliant, r.reason) == (1, 12, True, None)


def test_two_short_airings_do_not_add_up_to_ten_minutes():
    r = one_week(Airing(datetime(2021, 2, 1, 6), 6), Airing(datetime(2021, 2, 5, 6), 6))
    assert (r.count, r.minutes, r.compliant) == (0, 12, False)
    assert r.reason == "Chỉ có 2 lượt dưới 10 phút"


def test_week_without_airing_fails_with_reason():
    r = one_week()
    assert (r.count, r.minutes, r.compliant, r.reason) == (0, 0, False, "Không có lượt phát sóng nào")


def test_exactly_ten_minutes_qualifies():
    assert one_week(Airing(datetime(2021, 2, 7, 23, 59), 10)).compliant


def test_off_peak_airing_fails_when_peak_windows_are_given():
    peaks = [(time(5, 30), time(6, 30)), (time(17, 0), time(19, 0))]
    r = one_week(Airing(datetime(2021, 2, 3, 10, 0), 15), peak_windows=peaks)
    assert (r.compliant, r.reason) == (False, "Ngoài khung giờ cao điểm")
    assert one_week(Airing(datetime(2021, 2, 3, 17, 0), 15), peak_windows=peaks).compliant
    assert not one_week(Airing(datetime(2021, 2, 3, 19, 0), 15), peak_windows=peaks).compliant


def test_peak_window_may_cross_midnight():
    peaks = [(time(22, 0), time(1, 0))]
    assert one_week(Airing(datetime(2021, 2, 3, 0, 30), 15), peak_windows=peaks).compliant


def test_min_count_two_needs_two_qualifying_airings():
    r = one_week(Airing(datetime(2021, 2, 2, 18), 12), Airing(datetime(2021, 2, 4, 18), 5), min_count=2)
    assert (r.count, r.compliant, r.reason) == (1, False, "Chỉ có 1/2 lượt đạt yêu cầu")


def test_every_iso_week_overlapping_the_range_is_reported_in_order():
    airings = [Airing(datetime(2021, 1, 6, 18), 15), Airing(datetime(2021, 1, 13, 18), 8)]
    results = week_compliance(airings, start=date(2021, 1, 1), end=date(2021, 1, 17))
    assert [(r.week, r.compliant) for r in results] == [
        ("2020-W53", False),
        ("2021-W01", True),
        ("2021-W02", False),
    ]
    assert compliance_rate(results) == pytest.approx(0.3333)
    assert compliance_rate([]) is None


def test_aware_datetimes_are_judged_in_vietnam_time():
    # Sunday 07/02 18:00 UTC is Monday 08/02 01:00 in Vietnam: week 06, not week 05.
    aired = datetime(2021, 2, 7, 18, 0, tzinfo=UTC)
    results = week_compliance([Airing(aired, 15)], start=date(2021, 2, 1), end=date(2021, 2, 8))
    assert [(r.week, r.compliant) for r in results] == [("2021-W05", False), ("2021-W06", True)]


def test_weeks_range_spans_whole_iso_weeks():
    assert weeks_range(date(2021, 1, 1), date(2021, 1, 13)) == (date(2020, 12, 28), date(2021, 1, 17))


def test_negative_minutes_are_rejected():
    with pytest.raises(ValueError):
        Airing(datetime(2021, 2, 1), -1)


def test_full_year_has_52_results():
    start = date(2021, 1, 4)
    airings = [Airing(datetime.combine(start + timedelta(weeks=i, days=2), time(18)), 12) for i in range(52)]
    results = week_compliance(airings, start=start, end=date(2022, 1, 2))
    assert len(results) == 52 and all(r.compliant for r in results)
