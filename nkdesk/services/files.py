"""Writing an output file so that a crash or a full disk never leaves half of it in place."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from nkdesk.rules.errors import InputError


def write_atomically(path: Path, data: bytes, field: str = "--out") -> None:
    """Write to a temporary file beside `path`, then rename it into place; InputError naming
    `field` (the option the user gave) on failure."""
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".part",
                                         delete=False) as handle:
            temporary = handle.name
            handle.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise InputError(field, f"cannot write {path}: {exc.strerror or exc}", code="not_writable") from None
