"""The one exception that may leave the importer."""


class DocumentError(Exception):
    """Input that cannot be read as a plan: missing, unreadable, unsupported, empty or hostile.

    The message is one short line meant for a person (Vietnamese first, English after a slash).
    """

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))
