"""Exceptions raised by the package: the CLI's one-line messages, by exit status."""
from __future__ import annotations


class AgnetError(Exception):
    """Base class of every error this package raises.

    ``message`` is the CLI's own line (without the ``agnet: `` prefix), ``status`` the exit
    status of the ``agnet`` process (``None`` when no process was involved).
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class UsageError(AgnetError):
    """The command line was misused (``agnet`` exit status 64): an unknown method, space,
    benchmark or dataset, a bad ``--param``, a value out of range, options that contradict."""


class InputError(AgnetError):
    """Bad input (``agnet`` exit status 1): a file, table or run directory that cannot be read
    or is malformed, or a result ``tell`` refuses (unknown id, told twice, out of range)."""


class BinaryNotFound(AgnetError):
    """No ``agnet`` binary was found at any of the places the package looks."""


class StudyFinished(AgnetError):
    """``Study.ask()`` on a study whose every trial is finished: there is nothing to evaluate."""
