"""Qt only: windows, pages, widgets. Nothing here builds queries; it calls services."""

import sys

if sys.version_info < (3, 12):  # pragma: no branch
    import ctypes

    # shiboken6 6.12.0 drops references to None, True and False on calls between Qt and
    # Python (every paintEvent of our own widgets, many setters). On Python 3.11 a count
    # eventually reaches zero and the interpreter aborts ("none_dealloc", "bool_dealloc");
    # Python 3.12 and newer made these objects immortal, so the bug is harmless there.
    # We give them the same immortality: their counts start so high they cannot run out.
    for _singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40
