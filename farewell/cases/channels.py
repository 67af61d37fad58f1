"""Channels: where cases are routed, each readable only by the reviewers holding its key.

A channel is a slug ("help"), its names in ru/en/fr (cases.Channel) and a key pair named
"channel:<slug>". The organization's channel, "default", always exists; a row only gives it names.
What a channel may read is decided by the key pair each item is sealed to, never by `Case.channel`
(a label for the queue): a reviewer reads a case when he holds a grant for its story's key pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from farewell.accounts import grants
from farewell.accounts.models import Reviewer
from farewell.audit.chain import record
from farewell.cases.models import Case, Channel
from farewell.vault.models import KeyPair

PREFIX = grants.CHANNEL_PREFIX
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
LANGUAGES = ("ru", "en", "fr")


def key_name(slug: str) -> str:
    return f"{PREFIX}{slug}"


def slug_of(name: str) -> str:
    return name.removeprefix(PREFIX)


def display_name(slug: str, names: dict | None, language: str | None = None) -> str:
    """The channel's name in this language (else Russian, English, French, the slug)."""
    names = names or {}
    language = (language or get_language() or "ru")[:2]
    for code in (language, *LANGUAGES):
        if names.get(code):
            return names[code]
    return _("the organization's channel") if slug == Channel.DEFAULT else slug


def names_by_slug() -> dict[str, dict]:
    return dict(Channel.objects.values_list("slug", "names"))


def name_of(slug: str, language: str | None = None) -> str:
    return display_name(slug, names_by_slug().get(slug), language)


# --- the intake ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeChannel:
    """A channel a submitter can send to, in his language."""

    slug: str
    name: str
    default: bool

    @property
    def key_name(self) -> str:
        return key_name(self.slug)

    @property
    def query(self) -> str:
        """What the form's URL carries ("" for the organization's channel)."""
        return "" if self.default else f"?channel={self.slug}"


def intake_channels() -> list[IntakeChannel]:
    """The organization's channel, then every channel offered on the intake whose key exists."""
    keyed = set(grants.active_channel_names())
    rows = [row for row in Channel.objects.filter(on_intake=True) if row.key_name in keyed]
    default = next((row for row in rows if row.slug == Channel.DEFAULT), None)
    choices = [IntakeChannel(Channel.DEFAULT, _intake_default_name(default), True)]
    choices += [IntakeChannel(row.slug, display_name(row.slug, row.names), False) for row in rows if row is not default]
    return choices


def _intake_default_name(row: Channel | None) -> str:
    if row is not None and row.names:
        return display_name(row.slug, row.names)
    return _("Testimony")


def for_intake(value: str | None, choices: list[IntakeChannel] | None = None) -> IntakeChannel:
    """The channel named in the form's URL, or the organization's when it names none, an unknown
    one or one not offered on the intake: a testimony is never refused for its routing (the form
    says where it goes)."""
    choices = choices if choices is not None else intake_channels()
    return next((choice for choice in choices if choice.slug == value), choices[0])


# --- reviewers ----------------------------------------------------------------------------------


def readable_cases(reviewer: Reviewer):
    """Cases whose story is sealed to a key pair (active or retired) the reviewer holds."""
    return Case.objects.filter(story__channel_id__in=reviewer.grants.values("key_pair_id"))


def can_read(reviewer: Reviewer, item) -> bool:
    """Whether the reviewer holds a grant for the key pair the sealed item is sealed to."""
    return reviewer.grants.filter(key_pair_id=item.channel_id).exists()


@dataclass(frozen=True)
class ChannelSummary:
    slug: str
    names: dict
    on_intake: bool
    members: int
    cases: int
    operator_copy: bool  # an operator-wrapped copy of the active key is kept


def summaries() -> list[ChannelSummary]:
    """Every channel with a key pair (the organization's first), for `farewell channel list`."""
    rows = {row.slug: row for row in Channel.objects.all()}
    out = []
    for name in grants.active_channel_names():
        slug = slug_of(name)
        row = rows.get(slug)
        out.append(
            ChannelSummary(
                slug,
                row.names if row else {},
                row.on_intake if row else True,
                len(grants.members(name)),
                Case.objects.filter(story__channel__name=name).count(),
                grants.has_bootstrap_copy(name),
            )
        )
    return out


class ChannelRefused(ValueError):
    """Why a channel could not be created (operator's words, English: a command-line verb)."""


def do_add_channel(
    slug: str, names: dict[str, str], *, members: list[str] = (), on_intake: bool = True, position: int = 0
) -> Channel:
    """Creates a channel: its row, and its key pair sealed straight to each member's public key.

    A channel starts with at least one active member and keeps no operator-wrapped copy of its key
    (only the organization's channel has one, until its first reviewer enrols). For "default" only
    the row is made: it names the organization's channel on the intake; its key exists already.
    """
    slug = slug.strip().lower()
    if not SLUG.match(slug):
        raise ChannelRefused("a slug is 1–32 lower-case letters, digits or hyphens, starting with a letter or digit")
    names = {code: " ".join(value.split()) for code, value in names.items() if value and value.strip()}
    if set(names) - set(LANGUAGES) or any(len(value) > 80 for value in names.values()):
        raise ChannelRefused("names are given in ru, en and fr, up to 80 characters each")
    if slug != Channel.DEFAULT and set(names) != set(LANGUAGES):
        raise ChannelRefused("give the channel's name in Russian, English and French (--name-ru, --name-en, --name-fr)")
    with transaction.atomic():
        if Channel.objects.filter(slug=slug).exists():
            raise ChannelRefused(f"the channel {slug!r} exists already")
        reviewers = list(Reviewer.objects.filter(name__in=members, status=Reviewer.Status.ACTIVE))
        missing = sorted(set(members) - {reviewer.name for reviewer in reviewers})
        if missing:
            raise ChannelRefused(f"not active reviewers: {', '.join(missing)}")
        if slug == Channel.DEFAULT:
            if reviewers:
                raise ChannelRefused("the organization's channel is granted on the team page, not here")
            key_pair = None
        else:
            if not reviewers:
                raise ChannelRefused("a channel needs at least one active member (--member NAME) to hold its key")
            if KeyPair.objects.filter(name=key_name(slug)).exists():
                raise ChannelRefused(f"a key pair {key_name(slug)} exists already")
            key_pair = grants.create_channel_key(key_name(slug), reviewers)
        channel = Channel.objects.create(slug=slug, names=names, on_intake=on_intake, position=position)
        record(
            "channel_added",
            actor=None,
            channel=slug,
            key_pair=key_pair.pk if key_pair else None,
            members=[reviewer.pk for reviewer in reviewers],
            on_intake=on_intake,
        )
    return channel


@dataclass(frozen=True)
class TeamRow:
    """A reviewer on the team page: the channels he holds, and those the viewer may grant him."""

    reviewer: Reviewer
    holds: list[tuple[str, str]]  # (slug, name)
    grantable: list[tuple[str, str]]


def _key_pairs_by_channel(reviewer: Reviewer) -> dict[str, set[int]]:
    held: dict[str, set[int]] = {}
    for name, key_pair_id in reviewer.grants.filter(key_pair__name__startswith=PREFIX).values_list(
        "key_pair__name", "key_pair_id"
    ):
        held.setdefault(name, set()).add(key_pair_id)
    return held


def team_rows(viewer: Reviewer) -> list[TeamRow]:
    """A member may grant exactly the channels he holds, and only to another active reviewer."""
    names = names_by_slug()
    mine = _key_pairs_by_channel(viewer)
    rows = []
    for reviewer in Reviewer.objects.order_by("name"):
        theirs = _key_pairs_by_channel(reviewer)
        holds = sorted(grants.held_channel_names(reviewer)) if reviewer.is_active else []
        grantable = []
        if reviewer.is_active and reviewer.pk != viewer.pk:
            grantable = sorted(name for name, ids in mine.items() if ids - theirs.get(name, set()))
        rows.append(
            TeamRow(
                reviewer,
                [(slug_of(n), display_name(slug_of(n), names.get(slug_of(n)))) for n in holds],
                [(slug_of(n), display_name(slug_of(n), names.get(slug_of(n)))) for n in grantable],
            )
        )
    return rows
