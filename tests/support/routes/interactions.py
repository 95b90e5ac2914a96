"""Interaction responses: the callback, the original response, follow-ups and their edits."""

from __future__ import annotations

import time
from typing import Any

from tests.support import limits
from tests.support.fake_discord import (
    EPHEMERAL,
    LOADING,
    THREAD_TYPES,
    DiscordError,
    FakeDiscord,
    Handler,
    InteractionRecord,
    Upload,
    invalid,
    not_found,
)
from tests.support.routes.common import Body, bot_id, validate_message
from tests.support.routes.messages import remove_message


def interaction_record(fake: FakeDiscord, token: str) -> InteractionRecord:
    record = fake.interactions.get(token)
    if record is None:
        raise not_found("Webhook", 10015)
    return record


def interaction_message(fake: FakeDiscord, record: InteractionRecord, message_id: int) -> dict[str, Any]:
    if message_id in record.ephemeral_messages:
        return record.ephemeral_messages[message_id]
    message = fake.message_index.get(message_id)
    if message is None:
        raise not_found("Message", 10008)
    return message


def _new_interaction_message(
    fake: FakeDiscord, record: InteractionRecord, body: Body, up: list[Upload], *, loading: bool = False
) -> dict[str, Any]:
    guild = fake.guilds.get(record.guild_id) if record.guild_id else None
    flags = int(body.get("flags") or 0) | (LOADING if loading else 0)
    ephemeral = bool(flags & EPHEMERAL)
    if guild is not None and not ephemeral and record.channel_id is not None:
        channel = guild.channels.get(record.channel_id) or guild.threads.get(record.channel_id)
        if channel is not None and channel["type"] in THREAD_TYPES and channel["thread_metadata"]["archived"]:
            channel["thread_metadata"]["archived"] = False
            fake.emit("THREAD_UPDATE", fake._thread_for(channel, bot_id(fake)))
    message = fake.build_message(
        record.channel_id or 0,
        fake.bot_user,
        {**body, "flags": flags},
        guild=guild,
        uploads=up,
        webhook_id=fake.application_id,
        interaction=record,
    )
    message["webhook_id"] = str(fake.application_id)
    message["application_id"] = str(fake.application_id)
    if ephemeral:
        record.ephemeral_messages[int(message["id"])] = message
    else:
        fake.store_message(message)
    return message


def interaction_callback(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    record = interaction_record(fake, v["webhook_token"])
    if str(record.id) != v["webhook_id"]:
        raise not_found("Interaction", 10062)
    rtype = int(body["type"])
    data = body.get("data") or {}
    if record.acked_type is not None:
        error = DiscordError(400, 40060, "Interaction has already been acknowledged.")
        record.rejected.append(error)
        raise error
    elapsed = time.monotonic() - record.created
    if elapsed > fake.ack_deadline:
        error = DiscordError(404, 10062, "Unknown interaction")
        record.rejected.append(error)
        fake.violations.append(
            f"interaction {record.id} answered after {elapsed:.2f}s (limit {fake.ack_deadline}s)"
        )
        raise error
    allowed = {2: {4, 5, 9}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}[record.type]
    if rtype not in allowed:
        raise DiscordError(
            400, 40004, f"response type {rtype} is not valid for interaction type {record.type}"
        )
    if rtype in (4, 7):
        if rtype == 4:
            validate_message(data, up)
        else:
            source = fake.message_index.get(record.source_message_id or 0)
            validate_message({**(source or {}), **data}, up)
    if rtype == 9:
        try:
            limits.check_modal(data)
        except limits.PayloadError as exc:
            raise invalid(str(exc)) from None
    if rtype == 8:
        choices = data.get("choices") or []
        if len(choices) > 25:
            raise invalid("choices: must be 25 or fewer")
    record.acked_type = rtype
    record.ack_latency = elapsed
    record.ack_cpu = time.thread_time() - record.created_cpu
    record.responses.append({"type": rtype, "data": data})
    resource: dict[str, Any] = {"type": rtype}
    meta: dict[str, Any] = {"id": str(record.id), "type": record.type}
    if rtype == 4:
        message = _new_interaction_message(fake, record, data, up)
        record.original_message_id = int(message["id"])
        record.original_ephemeral = bool(message["flags"] & EPHEMERAL)
        resource["message"] = message
        meta.update(
            {
                "response_message_id": message["id"],
                "response_message_loading": False,
                "response_message_ephemeral": record.original_ephemeral,
            }
        )
    elif rtype == 5:
        message = _new_interaction_message(
            fake, record, {"content": "", "flags": data.get("flags", 0)}, [], loading=True
        )
        record.original_message_id = int(message["id"])
        record.original_ephemeral = bool(message["flags"] & EPHEMERAL)
        meta.update(
            {
                "response_message_id": message["id"],
                "response_message_loading": True,
                "response_message_ephemeral": record.original_ephemeral,
            }
        )
    elif rtype in (6, 7):
        record.original_message_id = record.source_message_id
        source = fake.message_index.get(record.source_message_id or 0)
        source_ephemeral = source is None
        if source_ephemeral:
            # a component on an ephemeral message: it lives in another interaction's record
            for other in fake.interactions.values():
                if record.source_message_id in other.ephemeral_messages:
                    source = other.ephemeral_messages[record.source_message_id]
                    record.ephemeral_messages[record.source_message_id] = source
                    break
        record.original_ephemeral = source_ephemeral
        if rtype == 7 and source is not None:
            fake.edit_message_payload(source, data, up)
            if not source_ephemeral:
                fake.emit("MESSAGE_UPDATE", source)
            resource["message"] = source
    elif rtype == 8:
        record.choices = data.get("choices") or []
    elif rtype == 9:
        record.modal = data
    return {"interaction": meta, "resource": resource}


def followup(fake: FakeDiscord, record: InteractionRecord, body: Body, up: list[Upload]) -> Any:
    if record.acked_type is None:
        raise DiscordError(400, 40060, "Interaction has not been acknowledged")
    validate_message(body, up)
    if record.acked_type == 5 and record.original_message_id is not None:
        original = interaction_message(fake, record, record.original_message_id)
        if original.get("flags", 0) & LOADING:
            # Discord turns the first follow-up after a thinking defer into the original response
            fake.edit_message_payload(original, body, up)
            if not record.original_ephemeral:
                fake.emit("MESSAGE_UPDATE", original)
            record.followup_ids.append(int(original["id"]))
            return original
    message = _new_interaction_message(fake, record, body, up)
    record.followup_ids.append(int(message["id"]))
    return message


def edit_interaction_message(
    fake: FakeDiscord, record: InteractionRecord, message_id: int, body: Body, up: list[Upload]
) -> Any:
    if record.acked_type is None:
        raise not_found("Message", 10008)
    message = interaction_message(fake, record, message_id)
    validate_message(
        {**message, **{k: val for k, val in body.items() if k in ("content", "embeds", "components")}}, up
    )
    fake.edit_message_payload(message, body, up)
    if int(message["id"]) not in record.ephemeral_messages:
        fake.emit("MESSAGE_UPDATE", message)
    return message


def get_original(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    record = interaction_record(fake, v["webhook_token"])
    if record.original_message_id is None:
        raise not_found("Message", 10008)
    return interaction_message(fake, record, record.original_message_id)


def edit_original(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    record = interaction_record(fake, v["webhook_token"])
    if record.original_message_id is None:
        raise not_found("Message", 10008)
    return edit_interaction_message(fake, record, record.original_message_id, body, up)


def delete_original(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    record = interaction_record(fake, v["webhook_token"])
    if record.original_message_id is None:
        raise not_found("Message", 10008)
    if record.ephemeral_messages.pop(record.original_message_id, None) is None:
        message = fake.message_index.get(record.original_message_id)
        if message is not None:
            remove_message(fake, message)


ROUTES: list[tuple[str, str, Handler]] = [
    ("POST", "/interactions/{webhook_id}/{webhook_token}/callback", interaction_callback),
    ("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", get_original),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", edit_original),
    ("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", delete_original),
]
