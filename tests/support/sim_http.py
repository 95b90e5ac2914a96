"""The bot's side of the wire: dpytest's FakeHttp, extended so every REST call reaches the simulated Discord.

dpytest's FakeHttp answers a few calls itself by reading its caller's stack frames and keeps a global
state of its own. We keep its class (and its error-response type) but send every call, unchanged, to
:class:`tests.support.fake_discord.FakeDiscord`, so discord.py builds each request exactly as it does in
production: one ``request(route, ...)`` per REST call, with the real payloads. Interaction responses and
webhooks go through discord.py's ``AsyncWebhookAdapter``, which :func:`patch_webhook_adapter` redirects.
"""

from __future__ import annotations

import asyncio
import json
import mimetypes
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import discord
import discord.http as dhttp
from discord.ext.test import backend as dpytest_backend
from discord.webhook import async_ as webhook_async

from tests.support.fake_discord import DiscordError, FakeDiscord, Upload

SERVER_ERROR_ATTEMPTS = 5


def _uploads(files: Sequence[discord.File] | None) -> list[Upload]:
    uploads = []
    for file in files or []:
        file.reset()
        data = file.fp.read()
        file.reset()
        content_type = mimetypes.guess_type(file.filename or "")[0]
        uploads.append(Upload(file.filename or "file", data, content_type, file.description))
    return uploads


def _payload_from_form(form: Iterable[dict[str, Any]] | None) -> Any:
    for part in form or []:
        if part.get("name") == "payload_json":
            return json.loads(part["value"])
    return None


def _raise(error: DiscordError) -> None:
    response = dpytest_backend.FakeRequest(error.status, error.message)
    body = error.body()
    if error.status == 403:
        raise discord.Forbidden(response, body)  # type: ignore[arg-type]
    if error.status == 404:
        raise discord.NotFound(response, body)  # type: ignore[arg-type]
    if error.status >= 500:
        raise discord.DiscordServerError(response, body)  # type: ignore[arg-type]
    if error.status == 429:
        raise discord.RateLimited(error.retry_after or 0.0)
    raise discord.HTTPException(response, body)  # type: ignore[arg-type]


async def call_fake(
    fake: FakeDiscord,
    route: Any,
    *,
    json_body: Any,
    uploads: list[Upload],
    params: dict[str, Any] | None,
    reason: str | None,
) -> Any:
    """One REST call as discord.py makes it: 5xx answers are retried (POSTs too), then raised."""
    for attempt in range(SERVER_ERROR_ATTEMPTS):
        try:
            result = await fake.handle(
                route.method,
                route.path,
                route.url,
                json_body=json_body,
                uploads=uploads,
                params=params,
                reason=reason,
            )
        except DiscordError as error:
            if error.status >= 500 and attempt < SERVER_ERROR_ATTEMPTS - 1:
                await asyncio.sleep(0)
                continue
            _raise(error)
        # A copy, as a real answer would be: the bot must not share the world's dicts.
        return None if result is None else json.loads(json.dumps(result))
    raise AssertionError("unreachable")


class SimHTTP(dpytest_backend.FakeHttp):
    """HTTPClient whose transport is the simulated Discord."""

    def __init__(self, fake: FakeDiscord, loop: asyncio.AbstractEventLoop | None = None) -> None:
        super().__init__(loop=loop or asyncio.get_running_loop())
        self.fake = fake

    async def request(  # type: ignore[override]
        self,
        route: dhttp.Route,
        *,
        files: Sequence[discord.File] | None = None,
        form: Iterable[dict[str, Any]] | None = None,
        **kwargs: Any,
    ) -> Any:
        json_body = kwargs.get("json")
        if form:
            json_body = _payload_from_form(form)
        return await call_fake(
            self.fake,
            route,
            json_body=json_body,
            uploads=_uploads(files),
            params=kwargs.get("params"),
            reason=kwargs.get("reason"),
        )

    async def get_from_cdn(self, url: str) -> bytes:
        try:
            return await self.fake.cdn_download(url)
        except DiscordError as error:
            _raise(error)
            raise

    async def static_login(self, token: str) -> Any:  # type: ignore[override]
        self.token = token
        return await self.request(dhttp.Route("GET", "/users/@me"))

    async def close(self) -> None:
        return None


# dpytest answers these itself from its own global state; send them through request() like discord.py does.
for _name, _value in list(vars(dpytest_backend.FakeHttp).items()):
    if _name.startswith("_") or _name in ("request",) or not callable(_value):
        continue
    if hasattr(dhttp.HTTPClient, _name) and _name not in vars(SimHTTP):
        setattr(SimHTTP, _name, getattr(dhttp.HTTPClient, _name))


def patch_webhook_adapter(fake: FakeDiscord) -> Callable[[], None]:
    """Send interaction responses, follow-ups and webhook calls to ``fake``; returns the undo."""
    original = webhook_async.AsyncWebhookAdapter.request

    async def request(
        self: Any,
        route: Any,
        session: Any = None,
        *,
        payload: dict[str, Any] | None = None,
        multipart: list[dict[str, Any]] | None = None,
        files: Sequence[discord.File] | None = None,
        reason: str | None = None,
        auth_token: str | None = None,
        params: dict[str, Any] | None = None,
        **_: Any,
    ) -> Any:
        body = _payload_from_form(multipart) if multipart else payload
        return await call_fake(
            fake, route, json_body=body, uploads=_uploads(files), params=params, reason=reason
        )

    webhook_async.AsyncWebhookAdapter.request = request  # type: ignore[method-assign]

    def undo() -> None:
        webhook_async.AsyncWebhookAdapter.request = original  # type: ignore[method-assign]

    return undo
