"""Synthetic published testimonies for the archive's benchmarks (issue 10).

Run: .venv/bin/python bench/archive_data.py --data-dir /tmp/archive-10k [--count 10000]
     [--database-url postgres://postgres@127.0.0.1:5432/farewell_bench] [--seed 10]

Runs `farewell migrate` on the data dir (and the database, when a URL is given), then fills it
with --count published testimonies: ~60 % Russian, 20 % English, 20 % French; bodies of 150–600
words in paragraphs, made of hand-written sentences and of words drawn with Zipf-like frequencies
from a vocabulary of real inflected words (every form pymorphy3 knows of ~250 Russian lemmas,
hand-listed forms of English and French ones), so that morphology matters to the search; 1–3
themes each; published between 2022-02-24 and 2026-11-30; the four checklist items; two approvals.
Rows go in with bulk_create in batches, the lemma column computed by the archive's own
lemmas.index_text (on SQLite the FTS5 table is kept by its triggers), then the generation is
bumped once, as bulk writes must. The same seed gives the same testimonies, public ids included,
on either backend. Ends by checking that a search finds what it should.

Other benchmarks import this module: environment() and load() are shared.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from farewell.testing.server import LOCAL_HTTP, clean_environment

BATCH = 1000
FIRST_DAY = datetime.date(2022, 2, 24)
LAST_DAY = datetime.date(2026, 11, 30)
CHECKS = sorted(["identity_consistent", "timeline_consistent", "unit_plausible", "risk_flags_resolved"])
LANGUAGE_SHARES = [("ru", 0.6), ("en", 0.2), ("fr", 0.2)]

# Russian lemmas: every noun, verb, adjective or adverb form pymorphy3 lists for them is used.
RU_LEMMAS = """
война армия солдат дезертир мобилизация мобилизовать повестка военкомат граница плен пленный
командир рота взвод батальон бригада полк часть позиция окоп блиндаж посадка село город дом
дорога машина танк миномёт артиллерия обстрел дрон снаряд патрон автомат бронежилет каска
контракт полигон учение приказ отказ отказник ранение госпиталь медик раненый погибший тело
местный житель подвал вода еда связь рация телефон мать жена ребёнок отец брат друг парень
старшина сержант лейтенант капитан майор полковник генерал особист комбат ротный взводный
утро вечер ночь день зима весна лето осень неделя месяц год сутки час минута
идти прийти стоять сидеть ждать ехать бежать копать спать есть пить говорить думать знать
видеть слышать понять хотеть мочь бояться уйти уехать сбежать вернуться попасть остаться
дезертировать отказаться служить воевать стрелять убить погибнуть ранить лечить кормить
граница паспорт самолёт поезд автобус таможня пограничник проверка допрос тюрьма суд статья
адвокат срок колония комендатура гауптвахта яма подразделение штурм штурмовик заградотряд
страх холод голод грязь кровь смерть жизнь правда ложь деньги выплата зарплата долг кредит
казахстан армения грузия россия украина франция европа убежище беженец виза депортация
сосед деревня область район граждан гражданский мирный шахед пехота пулемёт гранатомёт
координата карта маршрут лес поле река мост окраина склад магазин сигарета водка
старый новый молодой большой маленький страшный тяжёлый холодный голодный мёртвый живой
военный русский украинский чужой свой последний первый второй третий целый пустой
быстро медленно тихо громко страшно холодно тяжело плохо хорошо долго сразу потом снова
""".split()
RU_FUNCTION = """и в не на я что он с мы а как по это но они к у же вы за бы так от все она его
только было из мне о ещё нас нам когда там даже был тут были потом их кто уже вот может
если да или ни со раз очень до где него тоже этого надо сейчас без ничего ведь можно через
после опять просто совсем всех стали нет меня нами себя свою свои этот эти той тот""".split()
RU_SENTENCES = [
    "Меня мобилизовали в сентябре, повестку принесли прямо на работу.",
    "Нас привезли на полигон, командир сказал, что учений не будет.",
    "В роте было трое дезертиров, их искали неделю и потом посадили в яму.",
    "Я решил, что стану дезертиром, когда увидел, как отправляют на штурм без прикрытия.",
    "Дезертира из соседнего взвода поймали на вокзале и вернули в часть.",
    "До границы мы ехали двое суток, на таможне меня проверяли три часа.",
    "На границе с Казахстаном стояла очередь из машин на несколько километров.",
    "В плену меня держали в подвале, кормили раз в день.",
    "После плена я месяц лежал в госпитале, потом снова отправили на позиции.",
    "Мобилизация началась двадцать первого сентября, и уже через неделю нас было не узнать.",
    "Командир батальона говорил, что отказников расстреляют, но никого не расстреляли.",
    "Контракт продлили без моего согласия, рапорт об увольнении порвали.",
    "Мама звонила каждый вечер и просила вернуться домой живым.",
    "Ночью был обстрел, из нашего взвода погибли четверо.",
    "Я не хотел стрелять в людей, поэтому написал отказ.",
    "Особист допрашивал меня шесть часов и угрожал статьёй за дезертирство.",
    "Пограничник долго смотрел паспорт, а потом просто вернул его и отпустил.",
    "В Ереване мы сняли комнату на четверых и искали работу.",
    "Жена уехала к родителям, потому что к ней приходили из военкомата.",
    "Раненых не вывозили по три дня, медик у нас был один на роту.",
]
RU_TITLES = [
    "Как я ушёл из части",
    "Повестка пришла в сентябре",
    "Дорога до границы",
    "Три месяца в плену",
    "Мы были дезертирами",
    "Отказ идти на штурм",
    "Письмо матери",
    "Почему я уехал",
    "Зима в окопах",
    "Последний день в роте",
]

# English and French: every form listed is a word of the vocabulary.
EN_FORMS = """
war wars | army armies | soldier soldiers soldier's | desert deserted deserting deserts |
deserter deserters | desertion desertions | mobilize mobilized mobilizing mobilization |
draft drafted draftee | border borders | captivity captive captives captured capture |
prisoner prisoners | commander commanders commanded | company companies | platoon platoons |
battalion battalions | brigade brigades | unit units | position positions | trench trenches |
dugout dugouts | village villages | town towns | house houses | road roads | truck trucks |
tank tanks | mortar mortars | artillery | shelling shelled shells | drone drones | rifle rifles |
contract contracts | order orders ordered | refuse refused refusing refusal | wound wounds wounded |
hospital hospitals | medic medics | kill killed killing | die died dying dead death |
mother mothers | wife wives | child children | father fathers | brother brothers | friend friends |
officer officers | sergeant sergeants | lieutenant | captain | major | colonel | general generals |
morning mornings | evening | night nights | day days | winter | spring | summer | autumn |
week weeks | month months | year years | hour hours | minute minutes |
go went going gone | come came coming | stand stood standing | wait waited waiting |
drive drove driving | run ran running | dig dug digging | sleep slept sleeping | eat ate eating |
say said saying | think thought thinking | know knew knowing | see saw seen seeing |
hear heard hearing | understand understood | want wanted | fear feared afraid | leave left leaving |
flee fled fleeing | return returned returning | stay stayed staying | serve served serving |
fight fought fighting | shoot shot shooting | passport passports | plane trains train bus |
customs | guard guards | check checked checks | interrogation interrogated | prison prisons |
court courts | lawyer lawyers | sentence sentenced | pit | assault assaults | stormed storming |
fear cold hunger mud blood life truth lie lies money pay salary debt |
kazakhstan armenia georgia russia ukraine france europe | asylum refugee refugees | visa visas |
deportation deported | neighbour neighbours | civilian civilians | infantry | machine gun guns |
map maps | route | forest | field fields | river | bridge bridges | store | cigarettes | vodka |
old new young big small terrible heavy cold hungry alive russian ukrainian foreign last first
second third empty | quickly slowly quietly loudly badly well long immediately then again
"""
EN_FUNCTION = """the a an and of to in on at we i he they it was were is are not that with for
from by but as had have has been this there when so all no our my his their them us me then
after before into out up down only just even""".split()
EN_SENTENCES = [
    "I was mobilized in September; the draft notice came to my workplace.",
    "Three deserters from our company were caught and put in a pit for a week.",
    "I decided to desert when I saw them send men to assault without cover.",
    "The soldiers who deserted were brought back to the unit by the military police.",
    "It took us two days to reach the border, and customs checked me for three hours.",
    "In captivity I was held in a basement and fed once a day.",
    "The commander said refusers would be shot, but nobody was shot.",
    "My contract was extended without my consent.",
    "The wounded were not evacuated for three days.",
    "My mother called every evening and begged me to come home alive.",
]
EN_TITLES = [
    "How I left my unit",
    "The notice came in September",
    "The road to the border",
    "Three months in captivity",
    "We were deserters",
    "Refusing the assault",
]
FR_FORMS = """
guerre guerres | armée armées | soldat soldats | déserter déserté désertent déserteur déserteurs |
désertion désertions | mobiliser mobilisé mobilisés mobilisation | convocation convocations |
frontière frontières | captivité captif captifs capturé | prisonnier prisonniers |
commandant commandants | compagnie compagnies | section sections | bataillon bataillons |
brigade brigades | unité unités | position positions | tranchée tranchées | abri abris |
village villages | ville villes | maison maisons | route routes | camion camions | char chars |
mortier mortiers | artillerie | bombardement bombardements bombardé | drone drones | fusil fusils |
contrat contrats | ordre ordres ordonné | refuser refusé refus | blessure blessures blessé blessés |
hôpital hôpitaux | médecin médecins | tuer tué tués | mourir mort morts mortes mourait |
mère mères | femme femmes | enfant enfants | père pères | frère frères | ami amis |
officier officiers | sergent sergents | lieutenant | capitaine | colonel | général généraux |
matin soir nuit nuits jour jours hiver printemps été automne | semaine semaines | mois | an ans année
années | heure heures | minute minutes | aller allé allés allait | venir venu venus venait |
attendre attendu attendait | conduire conduit | courir couru | creuser creusé | dormir dormi |
manger mangé | dire dit disait | penser pensé | savoir su savait | voir vu voyait | entendre entendu |
comprendre compris | vouloir voulu voulait | peur | partir parti partis partait | fuir fui fuyait |
revenir revenu | rester resté | servir servi | combattre combattu | tirer tiré tirait |
passeport passeports | avion train bus | douane douanier douaniers | garde gardes | contrôle contrôlé |
interrogatoire interrogé | prison prisons | tribunal | avocat avocats | peine condamné | fosse |
assaut assauts | froid faim boue sang vie vérité mensonge argent solde dette |
kazakhstan arménie géorgie russie ukraine france europe | asile réfugié réfugiés | visa visas |
expulsion expulsé | voisin voisins | civil civils | infanterie | mitrailleuse | carte cartes |
forêt champ champs rivière pont ponts | magasin | cigarettes | vodka |
vieux nouveau jeune grand petit terrible lourd froid affamé vivant russe ukrainien étranger dernier
premier deuxième troisième vide | vite lentement doucement fort mal bien longtemps aussitôt encore
"""
FR_FUNCTION = """le la les un une des et de du à au aux en dans sur nous je il ils elle était
étaient est sont ne pas que qui avec pour par mais comme avait ont été ce cette quand alors tout
tous notre mon son leur nos mes ses après avant puis même""".split()
FR_SENTENCES = [
    "J'ai été mobilisé en septembre, la convocation est arrivée à mon travail.",
    "Trois déserteurs de notre compagnie ont été repris et jetés dans une fosse.",
    "J'ai décidé de déserter quand j'ai vu qu'on envoyait les soldats à l'assaut sans couverture.",
    "Il nous a fallu deux jours pour atteindre la frontière ; la douane m'a contrôlé trois heures.",
    "En captivité on me gardait dans une cave et on me nourrissait une fois par jour.",
    "Le commandant disait que ceux qui refusaient seraient fusillés.",
    "Mon contrat a été prolongé sans mon accord.",
    "Les blessés n'ont pas été évacués pendant trois jours.",
    "Ma mère appelait chaque soir et me suppliait de rentrer vivant.",
    "Les soldats désertent par dizaines, les officiers le savent.",
]
FR_TITLES = [
    "Comment j'ai quitté mon unité",
    "La convocation est arrivée en septembre",
    "La route jusqu'à la frontière",
    "Trois mois de captivité",
    "Nous étions déserteurs",
    "Refuser l'assaut",
]
# A rare word, in about one testimony in two thousand: the search must find those few.
RARE = {"ru": "Чебаркуль", "en": "Chebarkul", "fr": "Tchebarkoul"}
RARE_SHARE = 0.0005
SPEECH_PARTS = {"NOUN", "VERB", "INFN", "ADJF", "ADJS", "PRTS", "ADVB", "GRND"}


def _russian_forms() -> list[list[str]]:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang="ru")
    lexemes = []
    for lemma in dict.fromkeys(RU_LEMMAS):
        forms = sorted(
            {
                form.word
                for form in morph.parse(lemma)[0].lexeme
                if form.tag.POS in SPEECH_PARTS and "-" not in form.word and form.word.isalpha()
            }
        )
        lexemes.append(forms or [lemma])
    return lexemes


def _listed_forms(text: str) -> list[list[str]]:
    return [group.split() for group in text.replace("\n", " ").split("|") if group.split()]


class Language:
    """What one language's testimonies are made of: lexemes drawn by Zipf weight, a form of the
    lexeme at random; function words; whole sentences; titles."""

    def __init__(self, code, lexemes, function_words, sentences, titles, rng: random.Random):
        self.code, self.rng = code, rng
        rng.shuffle(lexemes)  # which lexeme is common is left to chance, not to the list's order
        self.lexemes = lexemes
        self.weights = _cumulative([1 / (rank + 1) ** 0.9 for rank in range(len(lexemes))])
        self.function_words = function_words
        self.function_weights = _cumulative([1 / (rank + 1) ** 0.7 for rank in range(len(function_words))])
        self.sentences, self.titles = sentences, titles

    def word(self) -> str:
        if self.rng.random() < 0.4:
            return self.rng.choices(self.function_words, cum_weights=self.function_weights)[0]
        return self.rng.choice(self.rng.choices(self.lexemes, cum_weights=self.weights)[0])

    def sentence(self) -> str:
        if self.rng.random() < 0.15:
            return self.rng.choice(self.sentences)
        words = [self.word() for _ in range(self.rng.randint(6, 16))]
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def paragraph(self, words: int) -> str:
        out, count = [], 0
        while count < words:
            sentence = self.sentence()
            out.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(out)

    def title(self) -> str:
        if self.rng.random() < 0.5:
            return self.rng.choice(self.titles)
        return " ".join(self.word() for _ in range(self.rng.randint(3, 7))).capitalize()

    def body(self) -> str:
        total = self.rng.randint(150, 600)
        paragraphs = []
        while total > 0:
            length = min(total, self.rng.randint(40, 120))
            paragraphs.append(self.paragraph(length))
            total -= length
        if self.rng.random() < RARE_SHARE:
            where = self.rng.randrange(len(paragraphs))
            paragraphs[where] += f" {RARE[self.code]} — {self.word()} {self.word()}."
        return "\n\n".join(paragraphs)


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


class Generator:
    def __init__(self, seed: int = 10):
        self.rng = random.Random(seed)
        self.languages = {
            "ru": Language("ru", _russian_forms(), RU_FUNCTION, RU_SENTENCES, RU_TITLES, self.rng),
            "en": Language("en", _listed_forms(EN_FORMS), EN_FUNCTION, EN_SENTENCES, EN_TITLES, self.rng),
            "fr": Language("fr", _listed_forms(FR_FORMS), FR_FUNCTION, FR_SENTENCES, FR_TITLES, self.rng),
        }
        self.language_weights = _cumulative([share for _code, share in LANGUAGE_SHARES])
        self.days = (LAST_DAY - FIRST_DAY).days
        from farewell.archive.themes import THEMES

        self.themes = list(THEMES)

    def testimony(self) -> dict:
        code = self.rng.choices([code for code, _ in LANGUAGE_SHARES], cum_weights=self.language_weights)[0]
        language = self.languages[code]
        return {
            # Like secrets.token_urlsafe(8), but from the seed: both backends get the same ids.
            "public_id": base64.urlsafe_b64encode(self.rng.randbytes(8)).rstrip(b"=").decode(),
            "language": code,
            "title": language.title(),
            "body": language.body(),
            "published_on": FIRST_DAY + datetime.timedelta(days=self.rng.randint(0, self.days)),
            "themes": self.rng.sample(self.themes, self.rng.randint(1, 3)),
        }


def environment(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    """The environment of a `farewell` process on this data dir (and database)."""
    env = clean_environment(data_dir) | LOCAL_HTTP
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def farewell(data_dir: Path, database_url: str | None, *args: str) -> None:
    """Runs one `farewell` command in its own process (as an operator would)."""
    subprocess.run(
        [str(Path(sys.executable).with_name("farewell")), *args],
        env=environment(data_dir, database_url),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def setup_django(data_dir: Path, database_url: str | None = None) -> None:
    """Django in this process, on the data dir (and database) given."""
    os.environ.update(environment(data_dir, database_url))
    if not database_url:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "farewell.settings")
    import django

    django.setup()


def load(count: int, *, seed: int = 10, batch: int = BATCH, progress=print) -> float:
    """Adds count generated testimonies (Django must be set up); returns the seconds it took."""
    from django.db import connection, transaction

    from farewell.archive import generation
    from farewell.archive.models import Testimony, TestimonyTheme
    from farewell.archive.search.lemmas import index_text

    generator = Generator(seed)
    started = time.perf_counter()
    done = 0
    while done < count:
        rows = [generator.testimony() for _ in range(min(batch, count - done))]
        testimonies = [
            Testimony(
                public_id=row["public_id"],
                language=row["language"],
                title=row["title"],
                body=row["body"],
                published_on=row["published_on"],
                checks=CHECKS,
                approvals=2,
                lemmas=index_text(row["title"] + "\n\n" + row["body"], row["language"]),
            )
            for row in rows
        ]
        with transaction.atomic():
            created = Testimony.objects.bulk_create(testimonies)
            TestimonyTheme.objects.bulk_create(
                TestimonyTheme(testimony_id=testimony.pk, slug=slug)
                for testimony, row in zip(created, rows, strict=True)
                for slug in row["themes"]
            )
        done += len(rows)
        elapsed = time.perf_counter() - started
        progress(f"{done}/{count} testimonies, {elapsed:.0f} s ({done / elapsed:.0f}/s)")
    with transaction.atomic():
        generation.bump()  # bulk_create sends no signal
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE archive_testimony")  # what autovacuum does after a large load
            cursor.execute("ANALYZE archive_testimonytheme")
    return time.perf_counter() - started


def check_search() -> None:
    """A few searches that must find something; raises if a common word finds nothing."""
    from farewell.archive.models import Testimony
    from farewell.archive.search.query import Query, search

    total = Testimony.objects.count()
    for text in ["дезертиров", "дезертир", "deserters", "déserteurs", "мобилизовали", "Чебаркуль"]:
        found = search(Testimony.objects.all(), Query.parse(text)).count()
        print(f"search {text!r}: {found} of {total}")
        if not found and text != RARE["ru"]:
            raise SystemExit(f"search for {text!r} found nothing: the index is not working")
    # «дезертиров» and «дезертир» are the same lemma: the same testimonies.
    a = set(search(Testimony.objects.all(), Query.parse("дезертиров")).values_list("pk", flat=True))
    b = set(search(Testimony.objects.all(), Query.parse("дезертирами")).values_list("pk", flat=True))
    if a != b:
        raise SystemExit("«дезертиров» and «дезертирами» found different testimonies")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, required=True, help="FAREWELL_DATA_DIR (created if need be)")
    parser.add_argument("--database-url", help="DATABASE_URL (default: SQLite in the data dir)")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--batch", type=int, default=BATCH)
    parser.add_argument("--keys", action="store_true", help="also run `farewell keys init`")
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    farewell(args.data_dir, args.database_url, "migrate")
    if args.keys:
        farewell(args.data_dir, args.database_url, "keys", "init")
    print(f"migrated in {time.perf_counter() - started:.1f} s")
    setup_django(args.data_dir, args.database_url)
    seconds = load(args.count, seed=args.seed, batch=args.batch)
    print(f"loaded {args.count} testimonies in {seconds:.1f} s ({args.count / seconds:.0f}/s)")
    check_search()


if __name__ == "__main__":
    main()
