"""Municipalities and counties (KS's members), current and former. Plain Python, no Django."""

from veikart.members.registry import (
    FIRST_DATE,
    BeforeMemberList,
    InvalidMemberCode,
    Member,
    MemberKind,
    UnknownMemberError,
    all_members,
    load_members,
    lookup,
    normalise_number,
    resolve,
)

__all__ = [
    "FIRST_DATE",
    "BeforeMemberList",
    "InvalidMemberCode",
    "Member",
    "MemberKind",
    "UnknownMemberError",
    "all_members",
    "load_members",
    "lookup",
    "normalise_number",
    "resolve",
]
