"""Fictional, already anonymized testimonies that fill the demo archive (none is a real account)."""

from __future__ import annotations

import datetime

from django.db import transaction

from farewell.archive import generation
from farewell.archive.models import Testimony, TestimonyTheme
from farewell.archive.search.query import reindex

DEMO_TESTIMONIES = [
    {
        "public_id": "demo-ru-1",
        "themes": ["mobilization", "desertion"],
        "language": "ru",
        "published_on": datetime.date(2026, 3, 14),
        "title": "Повестку принесли на работу",
        "body": (
            "Повестку мне вручили прямо на проходной завода в [МЕСТО 1]. Сказали: на уточнение данных, "
            "к вечеру отпустят. Домой я уже не вернулся.\n\n"
            "Через неделю нас было сорок человек в палатке под [МЕСТО 2]. Командир, [ИМЯ 1], сразу "
            "сказал, что обучения не будет: «там научитесь». Половина ни разу не стреляла.\n\n"
            "Я не герой. Я просто понял, что меня везут убивать людей, которых я не знаю, за то, чего "
            "я не понимаю. Когда появилась возможность уйти, я ушёл. Если ты сейчас там и думаешь о том "
            "же — выход есть. Я живу, работаю и не жалею."
        ),
    },
    {
        "public_id": "demo-ru-2",
        "themes": ["family", "desertion"],
        "language": "ru",
        "published_on": datetime.date(2026, 5, 2),
        "title": "Письмо матери",
        "body": (
            "Мой сын [ИМЯ 1] ушёл по мобилизации в [ДАТА 1]. Первые месяцы он звонил каждое воскресенье. "
            "Потом звонки стали короткими, он говорил только «всё нормально, мам».\n\n"
            "Когда он решился уйти из части, он позвонил с чужого номера. Я не знала, правильно ли это, "
            "пока не услышала, как он плачет. Теперь он далеко и в безопасности, а мы говорим раз в месяц.\n\n"
            "Матерям я хочу сказать: не уговаривайте их терпеть. Живой сын лучше медали."
        ),
    },
    {
        "public_id": "demo-en-1",
        "themes": ["front", "desertion"],
        "language": "en",
        "published_on": datetime.date(2026, 4, 9),
        "title": "We were told it would take three days",
        "body": (
            "In [DATE 1] our unit was moved to [PLACE 1]. The officers said the operation would take "
            "three days and that we would be greeted with flowers.\n\n"
            "Nobody greeted us. By the second week we had lost contact with [NAME 1]'s group, and the "
            "supplies stopped. We ate what we could find in abandoned houses.\n\n"
            "I left because I did not want to become what they were asking us to become. Telling this "
            "is the only thing I can do for the ones who stayed."
        ),
    },
    {
        "public_id": "demo-en-2",
        "themes": ["escape", "exile"],
        "language": "en",
        "published_on": datetime.date(2026, 6, 21),
        "title": "Crossing the border at night",
        "body": (
            "A friend, [NAME 1], gave me the name of a volunteer who helps men who refuse to fight. "
            "We never met in person; everything went through messages that disappeared after a day.\n\n"
            "The crossing took eleven hours. I had one bag and a printed map, because my phone could "
            "not be trusted. At the checkpoint I said I was going to visit relatives.\n\n"
            "Today I am safe, but not free: I cannot go home, and my papers run out soon. Still, I "
            "would make the same choice again."
        ),
    },
    {
        "public_id": "demo-fr-1",
        "themes": ["front"],
        "language": "fr",
        "published_on": datetime.date(2026, 7, 5),
        "title": "Ce que j'ai vu à l'hôpital de campagne",
        "body": (
            "J'étais infirmier dans un hôpital de campagne près de [LIEU 1]. Chaque nuit arrivaient des "
            "garçons de dix-neuf ans, parfois moins.\n\n"
            "Un soir, [NOM 1] m'a demandé d'écrire une lettre à sa mère. Il n'a pas pu la signer.\n\n"
            "Je suis parti parce que je ne pouvais plus soigner des gens pour qu'on les renvoie mourir. "
            "Je raconte cela pour ceux qui hésitent encore : vous avez le droit de refuser."
        ),
    },
    {
        "public_id": "demo-fr-2",
        "themes": ["exile", "desertion"],
        "language": "fr",
        "published_on": datetime.date(2026, 9, 18),
        "title": "L'exil n'est pas une fin",
        "body": (
            "Depuis [DATE 1], je vis à [LIEU 1] avec d'autres hommes qui ont quitté l'armée. Nous nous "
            "entraidons pour les papiers, le travail, la langue.\n\n"
            "Beaucoup pensent que déserter, c'est trahir. Pour moi, trahir aurait été de rester et de "
            "tirer sur des gens qui défendaient leur maison.\n\n"
            "Si vous lisez ceci depuis une caserne : il existe des gens prêts à vous aider."
        ),
    },
]


# Every demo testimony went through the whole checklist and two approvals, as a real one does.
CHECKS = ["identity_consistent", "risk_flags_resolved", "timeline_consistent", "unit_plausible"]


@transaction.atomic
def load_demo_testimonies() -> int:
    """Adds the demo testimonies that are not there yet; returns how many were added."""
    existing = set(Testimony.objects.filter(public_id__startswith="demo-").values_list("public_id", flat=True))
    added = 0
    for item in DEMO_TESTIMONIES:
        if item["public_id"] in existing:
            continue
        fields = {key: value for key, value in item.items() if key != "themes"}
        testimony = Testimony.objects.create(**fields, checks=CHECKS, approvals=2)
        TestimonyTheme.objects.bulk_create(TestimonyTheme(testimony=testimony, slug=slug) for slug in item["themes"])
        reindex(testimony)
        added += 1
    generation.bump()
    return added
