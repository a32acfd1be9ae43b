"""The API (django-ninja): one router per domain, token auth, JSON errors with clear messages."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from kehoach.api import errors as messages
from kehoach.api.auth import BearerAuth, session_auth
from kehoach.core.errors import DomainError

api = NinjaAPI(
    title="Kehoach API",
    version="1",
    description="Kế hoạch, nhiệm vụ, việc phải nộp, sản phẩm tuyên truyền, kinh phí, báo cáo.",
    auth=[BearerAuth(), session_auth],
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _detail(request, message, status):
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return _detail(request, exc.message, exc.status)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return _detail(request, str(exc) or "Bạn không có quyền thực hiện thao tác này.", 403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _detail(request, "Không tìm thấy.", 404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return _detail(request, "Cần đăng nhập (Authorization: Bearer TOKEN).", 401)


@api.exception_handler(NinjaValidationError)
def invalid(request, exc: NinjaValidationError):
    """422 with one Vietnamese sentence per field (api/errors.py), and the structured list."""
    errors = [messages.translate(err) for err in exc.errors]
    return api.create_response(request, {"detail": messages.summary(errors), "errors": errors}, status=422)


@api.exception_handler(DjangoValidationError)
def django_invalid(request, exc: DjangoValidationError):
    return _detail(request, "; ".join(exc.messages), 422)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return _detail(request, "Dữ liệu gửi lên quá lớn.", 413)


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def out_of_range(request, exc):
    """The last net under the limits of core/validation.py: a value the database cannot hold
    (an integer beyond its range, text too long for its column, a date before year 1 in UTC)
    is the sender's mistake, not a server error. The transaction has already been rolled back."""
    return _detail(
        request, "Giá trị vượt giới hạn cho phép (số quá lớn, chuỗi quá dài hoặc ngày không hợp lệ).", 422
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return _detail(request, messages.http_message(str(exc), exc.status_code), exc.status_code)


def _add_routers() -> None:
    """Mount each domain's router; a domain owns its endpoints in ``kehoach.api.<domain>``."""
    from kehoach.api import auth, budgets, documents, indices, org, outputs, plans, public, reports, tracking

    api.add_router("/auth", auth.router)
    from kehoach.api import notices

    api.add_router("/", notices.router)
    from kehoach.api import jobs

    api.add_router("/", jobs.router)
    for module in (org, plans, tracking, outputs, budgets, reports, indices, public, documents):
        api.add_router("/", module.router)


_add_routers()
