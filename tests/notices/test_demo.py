"""The demo leaves a sent 2021-H1 urging notice, opened by some of the urged units."""

from kehoach.notices import selectors
from kehoach.notices.models import Notice


def test_demo_urging_notice_is_on_units_homes_and_its_status_is_shown(demo, web):
    notice = Notice.objects.get(plan=demo, kind="urging", period="2021-H1")
    s = selectors.summary(notice)
    assert s["units"] >= 2 and s["delivered"] == s["units"] and 0 < s["read"] < s["units"]
    unread = notice.recipients.filter(read_at__isnull=True).select_related("user").first()
    html = web(unread.user.username).get("/").content.decode()
    assert notice.title in html and "Chưa đọc" in html
    html = web("noivu").get(f"/notices/{notice.pk}/").content.decode()
    assert "Tình trạng nhận theo đơn vị" in html and "Không có địa chỉ thư" in html
    from kehoach.demo.loader import run

    run(say=lambda *_: None)  # loading the demo again sends nothing more
    assert Notice.objects.filter(kind="urging").count() == 1
