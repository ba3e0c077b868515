"""The review chain's ``eoffice admin`` commands: a unit's head, an organisation's chain.

Registered with ``eoffice.server.cli`` from ``eoffice.documents.capability``; the
server's command line names no capability.
"""

from __future__ import annotations

import argparse

from eoffice.errors import DomainError
from eoffice.server.cli import common_options, fail, open_store, register_admin_commands


def cmd_set_unit_head(args: argparse.Namespace) -> int:
    """Name the head of a unit (trưởng đơn vị), who reviews its drafts in a two-level chain."""
    from eoffice.documents.review import find_unit, set_unit_head
    from eoffice.server.admin import find_organisation, find_user

    store, _, _ = open_store(args)
    try:
        with store.write() as s:
            org = find_organisation(s, args.organ_id)
            unit = find_unit(s, org.id, args.unit)
            head = None if args.none else find_user(s, args.username)
            set_unit_head(s, unit.id, head.id if head else None)
            if head is None:
                print(f"Đơn vị {unit.code} không còn trưởng đơn vị. / Unit {unit.code} has no head now.")
            else:
                print(
                    f"{head.full_name} là trưởng đơn vị {unit.code} — {unit.name}. / "
                    f"{head.username} heads unit {unit.code}."
                )
    except DomainError as err:
        return fail(args, err)
    finally:
        store.dispose()
    return 0


def cmd_set_draft_review(args: argparse.Namespace) -> int:
    """Choose how many levels a draft goes through before it is signed."""
    from eoffice.documents.review import set_draft_review_levels
    from eoffice.server.admin import find_organisation

    store, _, _ = open_store(args)
    try:
        with store.write() as s:
            org = find_organisation(s, args.organ_id)
            set_draft_review_levels(s, org.id, args.levels)
            if args.levels == 2:
                print(
                    f"{org.organ_id}: dự thảo trình trưởng đơn vị cho ý kiến, rồi lãnh đạo ký. / "
                    "Drafts go to the head of unit, then to the leader."
                )
            else:
                print(f"{org.organ_id}: dự thảo trình thẳng lãnh đạo ký. / Drafts go straight to the leader.")
    except DomainError as err:
        return fail(args, err)
    finally:
        store.dispose()
    return 0


def add_admin_commands(admin_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = admin_sub.add_parser(
        "set-unit-head", help="name the head of a unit, who reviews its drafts before the leader (two-level chain)"
    )
    common_options(p)
    p.add_argument("--organ-id", required=True, help="the organisation's organ id")
    p.add_argument("--unit", required=True, help="unit code, e.g. VP")
    head = p.add_mutually_exclusive_group(required=True)
    head.add_argument("--username", help="the head of the unit")
    head.add_argument("--none", action="store_true", help="the unit has no head any more")
    p.set_defaults(func=cmd_set_unit_head)

    p = admin_sub.add_parser(
        "set-draft-review", help="how drafts reach the leader: 1 = straight, 2 = the head of unit reviews first"
    )
    common_options(p)
    p.add_argument("--organ-id", required=True, help="the organisation's organ id")
    p.add_argument("--levels", type=int, required=True, choices=(1, 2))
    p.set_defaults(func=cmd_set_draft_review)


register_admin_commands(add_admin_commands)
