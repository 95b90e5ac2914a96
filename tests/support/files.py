"""Files in tests: a one-pixel PNG, and the files a bot attached to its answers."""

from __future__ import annotations

from tests.support.results import InteractionResult
from tests.support.sim import Sim

PIXEL_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
    b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND"
    b"\xaeB`\x82"
)


def files_of(sim: Sim, result: InteractionResult) -> dict[str, bytes]:
    """Every file the bot attached to its answers, by name."""
    found: dict[str, bytes] = {}
    for message in result.messages:
        for attachment in message.data.get("attachments") or []:
            found[attachment["filename"]] = sim.fake.cdn_get(attachment["url"])
    return found
