import time

import pytest
from django.core import signing

from kehoach.public.forms import _SALT


@pytest.fixture
def stamp():
    """A form render stamp from a minute ago (a person who took time to type)."""
    return signing.dumps(int(time.time()) - 60, salt=_SALT)


@pytest.fixture
def procedures(db):
    from kehoach.public.models import Procedure

    return [
        Procedure.objects.create(
            code="1.001990", name="Đăng ký đất đai lần đầu", field="Đất đai", level="huyen"
        ),
        Procedure.objects.create(code="1.001193", name="Đăng ký khai sinh", field="Hộ tịch", level="xa"),
        Procedure.objects.create(
            code="1.009994", name="Cấp giấy phép xây dựng nhà ở", field="Xây dựng", level="huyen"
        ),
    ]


@pytest.fixture
def feedback(org):
    from kehoach.public import services

    return services.submit_feedback(
        content="Hồ sơ của tôi nộp đã lâu mà chưa có kết quả.",
        name="Nguyễn Văn Bí Mật",
        contact="0909 000 111",
        ip="10.0.0.9",
    )
