"""The errors newstrace raises, each with a message that says what was wrong and how to fix it.

The library raises them; the CLI turns them into one line and an exit code, the web API into one JSON
error shape.
"""
from __future__ import annotations


class NewstraceError(Exception):
    """Base class of every error newstrace raises on purpose."""


class InputError(NewstraceError):
    """An input cannot be read as an article: names the input and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class InputDropped(InputError):
    """An input, or part of one, that is read but not kept as an article (a feed entry too short to be
    one, a duplicate): not a failure, but reported and counted so that nothing goes missing in silence."""


class ModelNotInstalled(NewstraceError):
    """No spaCy pipeline is installed under the configured name."""


class StoreError(NewstraceError):
    """The store cannot be opened or written."""


class StoreMissing(StoreError):
    """A read command was pointed at a store that does not exist (nothing is created)."""


class SettingsError(NewstraceError):
    """A setting has a bad value."""


class EvalFormatError(NewstraceError):
    """An evaluation path is not in the expected format."""


class LexiconError(NewstraceError):
    """A data file of the package (word list, lexicon, knowledge base) is missing or malformed: a packaging
    or editing mistake. The message names the file and what to fix."""


class DateError(NewstraceError, ValueError):
    """A date is malformed or impossible: names the value and the forms that are accepted.

    A ValueError too, so that a validator of the web API that raises it gives the API's 422 answer."""


class EntityNotFound(NewstraceError):
    """No stored entity has the id, name, alias or role asked for."""


class ExchangeNotFound(NewstraceError):
    """No stored exchange has the id asked for."""
