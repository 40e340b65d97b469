"""Running ``agnet`` and reading what it prints for programs (JSON Lines events)."""
from __future__ import annotations

import json
import subprocess
from typing import Any, Iterator, Sequence

from ._binary import find_binary
from .errors import AgnetError, InputError, UsageError

#: The JSON Lines schema version this reader was written for (docs/cli.md).
EVENT_SCHEMA = 1


def run(arguments: Sequence[str], input: str | None = None) -> str:
    """Run ``agnet ARGUMENTS`` and return its standard output.

    Exit status 64 raises :class:`UsageError`, 1 :class:`InputError`, any other non-zero status
    :class:`AgnetError`; the message is the CLI's error line without its ``agnet: `` prefix.
    """
    binary = find_binary()
    completed = subprocess.run([binary, *arguments], input=input, capture_output=True, text=True)
    if completed.returncode != 0:
        raise _error(completed.returncode, completed.stderr)
    return completed.stdout


def _error(status: int, stderr: str) -> AgnetError:
    lines = [line for line in stderr.splitlines() if line.strip()]
    if status == 64:
        # ArgumentParser prints "Error: …" followed by the usage; our own misuse is one "agnet: …" line.
        first = next((line for line in lines if line.startswith(("Error:", "agnet:"))), lines[0] if lines else "")
        return UsageError(_strip(first), status)
    message = _strip(lines[-1]) if lines else f"agnet exited with status {status}"
    if status == 1:
        return InputError(message, status)
    if status < 0:
        message = f"agnet was killed by signal {-status}" + (f": {message}" if lines else "")
    return AgnetError(message, status)


def _strip(line: str) -> str:
    for prefix in ("agnet: ", "Error: "):
        if line.startswith(prefix):
            return line[len(prefix):]
    return line


def events(text: str) -> Iterator[dict[str, Any]]:
    """The events of ``agnet``'s JSON Lines output, in order.

    Lines whose ``schema`` is higher than :data:`EVENT_SCHEMA` are refused (something this reader
    relies on may be gone); unknown event types and keys are passed on for the caller to ignore.
    """
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        event = json.loads(line)
        if not isinstance(event, dict) or "event" not in event:
            raise AgnetError(f"agnet printed line {number} that is not an event: {line[:80]}")
        if event.get("schema", 0) > EVENT_SCHEMA:
            raise AgnetError(f"agnet writes event schema {event['schema']}; this package reads {EVENT_SCHEMA}: "
                             "upgrade the agnet Python package")
        yield event
