"""The exceptions that may leave the importer (lỗi nhập kế hoạch)."""


class DocumentError(Exception):
    """Input that cannot be read as a plan: missing, unreadable, unsupported, empty or hostile.

    The message is one short line meant for a person (Vietnamese first, English after a slash).
    Web pages and the API answer 422 (:attr:`status`); the CLI exits 2.
    """

    status = 422

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


class DocumentTooLarge(DocumentError):
    """Tài liệu vượt giới hạn: more bytes, characters, lines, table cells or PDF pages than the
    importer parses (the caps keep time linear and memory bounded). The API answers 413."""

    status = 413


class NotAPlan(DocumentError):
    """Không nhận ra kế hoạch: readable text with no heading, no activity and no duty."""

    status = 422
