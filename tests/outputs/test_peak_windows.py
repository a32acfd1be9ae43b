"""V.1.đ asks for the column "vào thời điểm có nhiều người theo dõi": a configured peak window is enforced."""

import datetime

from django.contrib.auth import get_user_model

from kehoach.outputs.services import broadcast_compliance, log_broadcast


def test_off_peak_airing_does_not_count_when_windows_are_set(plan, org, settings):
    radio = get_user_model().objects.get(username="vhtt")
    log_broadcast(
        radio,
        {"unit_id": org["vhtt"].pk, "aired_at": "2021-03-09T14:00:00+07:00", "minutes": 15, "title": "CCHC"},
    )
    today = datetime.date(2021, 12, 31)

    def week():
        return next(w for w in broadcast_compliance(plan, today=today)["weeks"] if w["week"] == "2021-W10")

    assert week()["compliant"]  # no window configured: any hour counts
    settings.KEHOACH_PEAK_WINDOWS = [("05:00", "07:00"), ("17:00", "20:00")]
    off_peak = week()
    assert not off_peak["compliant"] and "cao điểm" in off_peak["reason"]
    log_broadcast(
        radio,
        {"unit_id": org["vhtt"].pk, "aired_at": "2021-03-10T18:00:00+07:00", "minutes": 12, "title": "CCHC"},
    )
    assert week()["compliant"]
