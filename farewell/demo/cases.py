"""A demo case to verify: the fictional Dmitri Sokolov of the verification gold data
(farewell/verify/gold/case-01), his testimony as the story and four more accounts (answers to
follow-up questions, an interview, a French and an English press article), in review by the
first demo reviewer. The demo's worker verifies it; its panel is on the case page."""

from __future__ import annotations

import datetime

from farewell.cases.actions import do_receive_testimony
from farewell.cases.models import Case
from farewell.review.actions import Desk, do_take
from farewell.review.case_accounts import do_add_account
from farewell.verify import accounts
from farewell.verify.evaluation import GOLD

SOURCE = GOLD / "case-01"
LABELS = {"answers": "Follow-up answers", "interview": "Call transcript", "press": "Press article"}


def load_demo_case(desk: Desk) -> Case:
    """Receives the testimony, takes the case and adds the other accounts through the same actions
    a submitter and a reviewer use (audited like theirs)."""
    files = sorted(SOURCE.glob("*.txt"))
    testimony = accounts.read_account(files[0])
    story = testimony.text.split("\n", 1)[1].strip()  # without its "Дата:" header line
    case, _codename = do_receive_testimony(story=story, consent=Case.Consent.TEXT_ONLY, language="ru")
    do_take(case.pk, desk)
    for path in files[1:]:
        account = accounts.read_account(path)
        day = datetime.date.fromisoformat(account.date) if account.date else None
        do_add_account(case.pk, desk, text=account.text, kind=account.kind, label=LABELS[account.kind], date=day)
    return case


CONVERSATION_STORY = (
    "Нас привезли на полигон под Тоцким в октябре. Командир роты Андрей Белов сказал, что через "
    "неделю мы будем на фронте. Я снял казарму на телефон, видео могу прислать."
)
QUESTION = "Спасибо за ваш рассказ. Можете ли вы прислать видео? Мы уберём с него лица и голоса."


def load_demo_conversation(desk: Desk) -> tuple[Case, str]:
    """A testimony whose reviewer asked a question: its codename is printed by `farewell demo`
    (demo only: a real codename is shown once and never again), to try the submitter's inbox."""
    from farewell.review.conversation import do_ask

    case, codename = do_receive_testimony(story=CONVERSATION_STORY, consent=Case.Consent.TEXT_AND_MEDIA, language="ru")
    do_take(case.pk, desk)
    do_ask(case.pk, desk, QUESTION)
    return case, codename
