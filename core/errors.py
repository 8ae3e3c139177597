"""The one domain error of the write path: forms show it next to fields, the API answers 400 or 409."""


class DomainError(Exception):
    """Refused input. `errors` maps a field name ('' for the whole form) to Chinese messages."""

    status = 400

    def __init__(self, errors: dict[str, list[str]] | str, *, field: str = ""):
        if isinstance(errors, str):
            errors = {field: [errors]}
        self.errors = errors
        super().__init__("；".join(self.flat_messages()))

    def flat_messages(self) -> list[str]:
        """Every message, fields in order: what a command or a refusal list prints."""
        return [message for messages in self.errors.values() for message in messages]


class ConflictError(DomainError):
    """Someone else changed the same line since the page was loaded, or decided the same thing first."""

    status = 409

    def __init__(self, message: str, *, field: str = "", other=None):
        super().__init__(message, field=field)
        self.other = other
