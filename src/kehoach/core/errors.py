"""Domain errors that pages and the API turn into clear messages and status codes."""


class DomainError(Exception):
    """A request that breaks a business rule (400)."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Invalid(DomainError):
    """Dữ liệu không hợp lệ: input naming unknown codes or impossible values (422).

    The one class for 422 in services, pages and the API; the message says which field and why.
    """

    status = 422


class NotFound(DomainError):
    """Không có: a named part (a section, a row) that does not exist, with a message saying which (404)."""

    status = 404


class Conflict(DomainError):
    """Stale version or an invalid state transition (409)."""

    status = 409


class Forbidden(DomainError):
    """The user may not do this for this unit or in this role (403)."""

    status = 403


class TooLarge(DomainError):
    """An upload over the size limit (413)."""

    status = 413


def check_version(obj, expected: int | None) -> None:
    """Refuse a write based on a stale read (optimistic locking)."""
    if expected is None:
        return
    try:
        expected = int(expected)
    except (TypeError, ValueError):
        raise DomainError("Phiên bản không hợp lệ; hãy tải lại trang và thử lại.")
    if expected != obj.version:
        raise Conflict(
            f"Dữ liệu đã được người khác cập nhật (phiên bản hiện tại {obj.version}, bạn gửi {expected}). "
            "Hãy tải lại trang và thử lại."
        )
