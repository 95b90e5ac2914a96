"""Making user text safe to show: no invisible or direction-changing characters, within a length."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

# Zero-width, direction marks/overrides/isolates, BOM, soft hyphen, word joiner, and other format characters.
_INVISIBLE = re.compile(
    r"[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]"
)
ELLIPSIS = "…"


def strip_invisible(text: str) -> str:
    """Remove zero-width, bidirectional-control and other format characters, and control characters."""
    if (
        text.isascii() and text.isprintable()
    ):  # nothing to remove: the common case, without a scan per character
        return text
    text = _INVISIBLE.sub("", text)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf"))


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when it was cut."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    return text[: limit - 1] + ELLIPSIS


def one_line(text: str) -> str:
    """Collapse all whitespace (newlines included) to single spaces."""
    return " ".join(text.split())


def discord_time(moment: datetime, style: str = "F") -> str:
    """A Discord timestamp (``<t:…:F>``): every reader sees it in their own time zone."""
    return f"<t:{int(moment.timestamp())}:{style}>"


MAX_ID = 2**63 - 1  # the largest id SQLite (and Discord) can hold


def as_id(text: str) -> int | None:
    """``text`` as an id (what autocomplete sends), or None when it is not one that can exist."""
    text = text.strip()
    if not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


FILENAME_MAX = 100
FALLBACK_FILENAME = "file"
_UNSAFE_IN_FILENAME = re.compile(r'(?:[<>:"|?*]|[^\S ])+')  # reserved on Windows; whitespace but spaces


def safe_filename(name: str, limit: int = FILENAME_MAX) -> str:
    """A file name that is safe in a zip or on any disk: only the last path segment, no ``..``, no
    control, invisible or reserved characters, at most ``limit`` characters (the extension kept), and
    ``file`` when nothing is left.
    """
    base = re.split(r"[/\\]", name)[-1]
    base = strip_invisible(unicodedata.normalize("NFC", base))
    base = _UNSAFE_IN_FILENAME.sub("_", base)
    base = re.sub(r"\.{2,}", ".", base).strip(" ._")
    if len(base) > limit:
        stem, dot, extension = base.rpartition(".")
        if dot and stem and 0 < len(extension) <= 16:
            base = stem[: limit - len(extension) - 1].rstrip(" ._") + "." + extension
        else:
            base = base[:limit].rstrip(" ._")
    return base or FALLBACK_FILENAME
