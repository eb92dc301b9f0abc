"""Imported once by the crash harness's fork server, after the writer: a rehearsal of the
writer on a scratch copy of the club (named by the CLUBAPP_CRASH_REHEARSAL variable), so
that every writer forked from the server starts warm."""

from __future__ import annotations

import gc
import os
import traceback
from datetime import date
from pathlib import Path

from tests.crash import writer

_scratch = os.environ.get(writer.REHEARSAL)
if _scratch:
    _path, _today = _scratch.rsplit("|", 1)
    try:
        writer.rehearse(Path(_path), date.fromisoformat(_today))
    except Exception:  # the writers still work, only slower to start: say so and go on
        traceback.print_exc()

# Forked writers share the server's memory until they write to it; keep the garbage
# collector from walking (and so copying) everything the server imported.
gc.collect()
gc.freeze()
