"""Who may do what: staff are admin roles, staff roles, a group's support roles, or Manage Server."""

from __future__ import annotations

from collections.abc import Iterable


def is_admin(role_ids: Iterable[int], *, manage_guild: bool, admin_role_ids: Iterable[int]) -> bool:
    """Ticket admins configure the module: Manage Server, Administrator, or one of the admin roles."""
    return manage_guild or bool(set(role_ids) & set(admin_role_ids))


def is_staff(
    role_ids: Iterable[int],
    *,
    manage_guild: bool,
    admin_role_ids: Iterable[int],
    staff_role_ids: Iterable[int] = (),
    support_role_ids: Iterable[int] = (),
) -> bool:
    """Staff work tickets: admins, the guild's staff roles, or the group's support roles."""
    roles = set(role_ids)
    return (
        is_admin(roles, manage_guild=manage_guild, admin_role_ids=admin_role_ids)
        or bool(roles & set(staff_role_ids))
        or bool(roles & set(support_role_ids))
    )
