"""A second demo channel, "help" (requests for help), held by bob alone: the demo shows that a
reviewer group reads exactly its channel's cases. Fictional content; demo only."""

from __future__ import annotations

from farewell.accounts.models import Reviewer
from farewell.cases import channels
from farewell.cases.actions import do_receive_testimony
from farewell.cases.models import Case, Channel

HELP = "help"
HELP_NAMES = {"ru": "Просьба о помощи", "en": "Request for help", "fr": "Demande d'aide"}
HELP_MEMBER = "bob"
HELP_REQUEST = (
    "Я ушёл из части две недели назад и сейчас нахожусь у знакомых. Документы остались у командира. "
    "Подскажите, к кому можно обратиться за юридической помощью и как безопасно пересечь границу."
)


def ensure_help_channel() -> bool:
    """Creates the help channel with bob as its only member, and one request for help in it,
    unless it exists (or bob does not); True when it was created now."""
    if Channel.objects.filter(slug=HELP).exists():
        return False
    if not Reviewer.objects.filter(name=HELP_MEMBER, status=Reviewer.Status.ACTIVE).exists():
        return False
    channels.do_add_channel(HELP, HELP_NAMES, members=[HELP_MEMBER], position=1)
    do_receive_testimony(story=HELP_REQUEST, consent=Case.Consent.VERIFICATION_ONLY, language="ru", channel=HELP)
    return True
