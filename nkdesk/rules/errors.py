"""The one error type for bad input: which field, what is wrong with it, and a hint.

Rules raise `InputError` with a field path (`labs.platelets`) and a problem code plus parameters,
so that the CLI can print one line and the window can show (and translate) a message next to the
field. `str(error)` is the English sentence the CLI prints after `nkdesk: `.
"""
from __future__ import annotations


class InputError(ValueError):
    """A value that cannot be used as it stands: no unit, wrong unit, implausible, malformed."""

    def __init__(self, field: str, message: str, *, code: str = "invalid", **params: object) -> None:
        self.field = field
        self.code = code
        self.params = params
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)

    def for_field(self, field: str) -> InputError:
        """The same problem, reported against the caller's name for the field."""
        return InputError(field, self.message, code=self.code, **self.params)
