#!/usr/bin/env python3
"""Regenerate the codename word lists in ``farewell/intake/wordlists/``.

Farewell gives every submitter a codename of 7 or more words drawn at random
from a list of exactly 7,776 (= 6**5) words, so each word carries
log2(7776) ~= 12.925 bits and 7 words carry ~= 90.47 bits.  This script
builds the two lists and checks them.  It is a maintainer's tool: nothing in
the project imports it, and the lists it writes are committed to the
repository, so the application never needs the packages below at run time.

en.txt -- English
    The EFF "large" diceware word list, less the words of an exclusion list,
    refilled to 7,776 with common English words ranked by wordfreq:

    1. The EFF large list (7,776 words), by the Electronic Frontier
       Foundation (Joseph Bonneau et al., 2016), licensed CC BY 3.0 US,
       https://www.eff.org/dice.  It is copied from the copy shipped in the
       PyPI package ``diceware`` (``diceware/wordlists/wordlist_en_eff.txt``)
       or, if that is not installed, ``xkcdpass`` (``xkcdpass/static/eff-long``);
       the two are identical.  The dice numbers are dropped.  Four entries
       contain a hyphen (drop-down, felt-tip, t-shirt, yo-yo); they are
       replaced by common English words that are not already in the list (see
       EN_REPLACEMENTS) so that every word matches ``^[a-z]+$``.
    2. Drop every word in EXCLUDED_EN, the English counterpart of EXCLUDED_RU:
       words that would be distressing or dangerous in a deserter's codename
       (war and the military, weapons, violence, crime, police, courts and
       prison, borders, flight, desertion and treason, death, illness and
       disaster, politics, nationalities and ethnic terms, religion, drugs
       and alcohol, sex, insults).  The list was made by reading the whole
       EFF list and every candidate of step 3 that came up.
    3. Refill to 7,776 from ``wordfreq.top_n_list("en", ...)``, most frequent
       first (wordfreq as for ru.txt below; for English its frequencies
       combine Wikipedia, subtitles, news, books, web text, Twitter and
       Reddit).  A candidate is taken if it is 4-9 letters of ``a-z``, is not
       in the list yet and not in EXCLUDED_EN, and neither is a prefix of a
       word in the list nor has one as a prefix.  The EFF list has that last
       property (no word is the start of another, so there is no ``year`` /
       ``years`` or ``color`` / ``colored`` pair) and it is kept.  Every
       candidate that came up was read: proper nouns, abbreviations, slang,
       offensive words, British spellings of American ones and homophones of
       words already in the list are in EXCLUDED_EN too, so the next
       candidate takes their place and the output stays reproducible.  Only
       the frequency *ranking* is used; the additions are attributed to
       wordfreq under CC BY-SA 4.0 like ru.txt (see the README).
    4. Sort alphabetically.

ru.txt -- Russian
    7,776 common Russian nouns, built here:

    1. Candidates, most frequent first: ``wordfreq.top_n_list("ru", ...)``
       (wordfreq by Robyn Speer, https://github.com/rspeer/wordfreq; code
       Apache-2.0, data CC BY-SA 4.0.  For Russian its frequencies combine
       Wikipedia, subtitles (OPUS OpenSubtitles 2018), news (NewsCrawl,
       GlobalVoices), Google Books Ngrams and Twitter.)  Only the frequency
       *ranking* is used, to choose which words to keep; no frequency values
       are written out.  The resulting list is attributed to wordfreq and,
       as a precaution, offered under CC BY-SA 4.0 (see the README).
    2. Keep a word only if it is 3-10 letters of ``а-я``.  Words with ``ё`` are
       skipped, not rewritten, so that typing ``е`` for ``ё`` is never
       ambiguous.  Because pymorphy3 restores ``ё`` in normal forms, a word
       that wordfreq spells with ``е`` but whose dictionary spelling has
       ``ё`` (``елка`` -> ``ёлка``) fails step 3 and is skipped as well.
    3. Morphology with ``pymorphy3`` and the ``pymorphy3-dicts-ru`` dictionary
       (built from the OpenCorpora dictionary, http://opencorpora.org, whose
       data is CC BY-SA 3.0; pymorphy3 and the packaging code are MIT).
       Nothing of the dictionary is copied: it only decides which words
       pass.  The word must be in the dictionary (no guessed parses), and
       its most probable parse must be a NOUN, singular, whose normal form
       (the nominative singular) is the word itself.  The tag of that parse may say ``accs`` or ``gent``
       rather than ``nomn`` where those forms are spelt like the nominative
       (``день``, ``ночь``, indeclinable ``кофе``); such words are still
       nominative singular forms and are kept.  A word is dropped if that
       parse carries any of EXCLUDED_GRAMMEMES: proper names, surnames,
       patronymics, place names, organisations, abbreviations, initials,
       trade marks, slang, informal, archaic, dialect and misspelt words.
    4. Drop every word in EXCLUDED_RU: words that would be distressing or
       dangerous in a deserter's codename (war, the military, weapons,
       violence, death, prison and the police, politics, nationalities,
       drugs, sex, illness and injury, insults) and words found odd on
       review (not everyday nouns, rare senses, surnames the dictionary does
       not tag).  Add a word there and re-run to replace it: the list is
       regenerated from the next candidates, so the output stays
       reproducible.
    5. Take the first 7,776 survivors in frequency order, then sort them
       alphabetically (``а``-``я`` without ``ё`` is in code-point order).

Both files are UTF-8, one lower-case word per line, ending in a newline.

Checks made before writing: 7,776 lines each, no duplicates (after
lower-casing), every English line matches ``^[a-z]+$`` and every Russian one
``^[а-я]+$``, no English word is a prefix of another, and no word is in both
lists.

How to run, from the repository root, in a throwaway virtualenv (not the
project's own environment)::

    python3 -m venv /tmp/wordlists-venv
    /tmp/wordlists-venv/bin/pip install wordfreq pymorphy3 pymorphy3-dicts-ru diceware
    /tmp/wordlists-venv/bin/python tools/make_wordlists.py          # write
    /tmp/wordlists-venv/bin/python tools/make_wordlists.py --check  # compare only

``xkcdpass`` may be installed instead of ``diceware``.  The lists committed
were made with wordfreq 3.1.1, pymorphy3 2.0.6, pymorphy3-dicts-ru
2.4.417150.4580142 and diceware 1.0.1; other versions of wordfreq or of the
dictionary can give different lists, which ``--check`` reports.  New
candidates that such a version brings up must be read and, if unfit, added to
EXCLUDED_EN or EXCLUDED_RU.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import importlib.metadata
import importlib.resources
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "farewell" / "intake" / "wordlists"
EN_PATH = OUT_DIR / "en.txt"
RU_PATH = OUT_DIR / "ru.txt"

N_WORDS = 6**5  # 7776

# sha256 of the EFF list's word column (dice numbers dropped, one word per
# line, "\n"-terminated) as shipped by diceware 1.0.1 and xkcdpass 1.30.0.
EFF_WORDS_SHA256 = "6d557f0693958fb5e650b68b5bee585eb82cf4da32965505c789e924743bc522"

# Hyphenated EFF entries and the a-z words that replace them.
EN_REPLACEMENTS = {
    "drop-down": "meadow",
    "felt-tip": "compass",
    "t-shirt": "orchard",
    "yo-yo": "sparrow",
}

EN_RE = re.compile(r"^[a-z]+$")
EN_CANDIDATE_RE = re.compile(r"^[a-z]{4,9}$")
RU_RE = re.compile(r"^[а-я]+$")
RU_CANDIDATE_RE = re.compile(r"^[а-я]{3,10}$")

# pymorphy3 / OpenCorpora grammemes that disqualify the most probable parse.
EXCLUDED_GRAMMEMES = frozenset(
    {
        "Name",  # first name
        "Surn",  # surname
        "Patr",  # patronymic
        "Geox",  # place name
        "Orgn",  # organisation
        "Trad",  # trade mark
        "Abbr",  # abbreviation
        "Init",  # initial
        "Slng",  # slang
        "Infr",  # informal
        "Arch",  # archaic
        "Dist",  # dialect
        "Erro",  # misspelling
    }
)

# Words never to put in a codename.  Grouped for review; order is irrelevant.
EXCLUDED_RU_GROUPS: dict[str, str] = {
    "war and the military": """
        война армия солдат солдатик оружие бой боец воин войско воинство вояка
        военный военком военкомат военкор штаб генштаб генерал лейтенант
        полковник капитан майор сержант офицер командир комбат комбриг комдив
        командарм командор коммандер команданте адмирал маршал мичман капрал
        ефрейтор прапорщик прапор поручик подпоручик ротмистр есаул хорунжий
        старшина унтер рядовой часовой юнкер кадет курсант новобранец рекрут
        призыв призывник повестка мобилизация дезертир присяга контракт
        контрактник служба сослуживец звание чин орден медаль погон шеврон
        фронт фронтовик тыл окоп блиндаж бункер казарма гарнизон застава
        блокпост форпост плацдарм рубеж редут бастион крепость цитадель острог
        дот полк батальон рота взвод дивизия дивизион бригада отряд легион
        легионер эскадра эскадрон эскадрилья флотилия армада орда рать дружина
        гвардия гвардеец спецназ десант десантник пехота пехотинец кавалерия
        кавалерист конница артиллерия авиация авианосец авиабаза авиаудар
        артобстрел обстрел флот эсминец крейсер фрегат линкор корвет миноносец
        броненосец подлодка субмарина торпеда бронепоезд бронежилет броневик
        броня танк танкист ракета бомба бомбардир бомбардировщик снаряд мина
        граната патрон пуля гильза обойма калибр порох боеприпас боезапас
        взрывчатка взрыватель детонатор динамит автомат пистолет револьвер
        винтовка карабин маузер браунинг кольт наган дробовик пушка орудие
        оружейник винчестер прицел снайпер стрельба стрельбище выстрел залп
        канонада меч шпага сабля кинжал клинок штык тесак мачете кортик булава
        палица арбалет лучник стрела томагавк щит шлем кольчуга доспех забрало
        знаменосец оруженосец камуфляж каска униформа мундир китель фуражка
        шинель противогаз экипировка снаряжение маскировка полигон учения
        штурм штурмовик атака нападение наступление оборона вторжение
        нашествие оккупация оккупант аннексия блокада осада окружение захват
        взятие завоевание покорение покоритель контратака контрудар диверсия
        диверсант саботаж разведка разведчик шпион шпионаж шпионка дозор
        патруль караул конвой эвакуация капитуляция перемирие ультиматум
        эскалация конфликт сражение битва бойня побоище схватка стычка
        поединок дуэль набег рейд абордаж вылазка засада отпор реванш потеря
        потери трофей победа поражение враг противник неприятель агрессор
        агрессия каратель наводчик ветеран герой героиня геройство героизм
        подвиг знамя стяг штандарт вымпел салют парад ополчение ополченец
        партизан беспилотник дрон химоружие милитаризм вермахт гестапо рейх
        рейхстаг блицкриг фюрер нацизм нацист наци фашизм фашист антифашист
        холокост геноцид концлагерь самурай ниндзя викинг гладиатор центурион
        янычар витязь ратник воевода атаман казак казачество гетман гайдук
        драгун улан рейнджер коммандос катапульта таран армагеддон
        приказ указ декрет директива рапорт донесение сводка радист связист
        камикадзе зачистка отстрел облава сирена тревога укрытие
        замполит интендант дислокация дальномер бластер ассасин харакири
        рикошет осечка приклад вербовка перебежчик информбюро
        агент адъютант арсенал вооружение главком боевик затвор вертушка курок
        мишень полководец отсрочка охранение плац переправа перехват осколок
        отбой подрыв разгром натиск прикрытие тир тол трезубец уаз сотник
        уклонение бронь обоз киборг обрез операция
        агентура адъюнкт детонация захватчик пальба пугач фугас фаланга
        нашивка
        гаубица
        миротворец рация союзник
    """,
    "violence, crime, police, courts and prison": """
        убийство убийца самоубийство самоубийца суицид насилие насильник
        избиение драка резня расстрел казнь палач эшафот гильотина виселица
        повешение пытка удушение расправа погром самосуд похищение похититель
        заложник заложница ограбление грабитель разбой разбойник бандит банда
        бандитизм мафия мафиози гангстер киллер маньяк садист садизм
        преступник преступление уголовник рецидивист рецидив вор воровка
        воришка воровство кража угон угонщик взлом взломщик мошенник
        мошенница аферист афера поджог хулиган шантаж взятка подкуп коррупция
        хищение контрабанда рэкет террор террорист терроризм теракт экстремизм
        сепаратизм тюрьма тюремщик зэк зек узник арестант карцер каторга
        колония лагерь зона изолятор срок судимость приговор арест задержание
        обыск досмотр допрос розыск слежка улика подозрение подсудимый
        обвинение обвинитель прокурор следователь следствие суд судья
        мосгорсуд трибунал правосудие вердикт апелляция присяжный истец
        ответчик адвокат наказание кара расплата возмездие штраф полиция
        полицай милиция милиционер мент участковый автозак надзор охрана
        охранник донос стукач информатор провокатор фоторобот нарушитель
        ордер инквизиция инквизитор депортация высылка выселение изгнание
        изгнанник эмиграция эмигрант иммигрант иммиграция мигрант беженец
        беженка убежище побег беглец бегство предатель изменник измена
        отступник трус трусость позор плен пленник пленница сообщник
        соучастник соучастие подельник пособник криминал беспредел
        досье удар нож ножик топор лезвие дубинка дубина кнут хлыст плеть
        кляп травля погоня таможня граница
        громила изгой виновность дознание пиратство оцепление подлог шпана
        нелегал жандарм констебль стражник таможенник гаишник поимка заточение
        сходка самозащита пинок порка вендетта забой потасовка глумление
        отмщение шулер браконьер самиздат
        амнистия главарь жулик заговор беззаконие опознание осуждение подполье
        покушение произвол растрата разборка сговор сокрытие свидетель
        спецслужба фигурант шайка шериф компромат пресечение наезд мясорубка
        мститель наркодилер ликвидация клевета обманщик дебош вандализм
        злодейство рейдер откат фингал сожжение подстава
        заточка омоновец проходимец экстремист скальп
        общак урядник каннибал тунеядство
        оборотень
        картель
    """,
    "death, injury, illness and disaster": """
        смерть смертность смертник мертвец покойник труп гроб могила надгробие
        кладбище погост могильник могильщик склеп морг крематорий похороны
        погребение панихида отпевание траур вдова вдовец сирота некролог
        эпитафия кончина гибель погибель жертва жертвенник катастрофа
        трагедия авария крушение бедствие катаклизм наводнение цунами пожар
        взрыв разрушение разруха рана ранение травма увечье инвалид калека
        перелом ожог кровь гематома синяк шрам боль страдание мучение агония
        эвтаназия ампутация протез паралич кома инсульт инфаркт рак онкология
        онколог опухоль болезнь недуг хворь эпидемия пандемия инфекция вирус
        чума холера тиф оспа малярия гепатит сифилис диабет пневмония менингит
        энцефалит гангрена сепсис цирроз лейкоз абсцесс тромб тромбоз
        шизофрения шизофреник психоз паранойя параноик психопат психопатка
        социопат депрессия истерия истерика невроз слабоумие маразм
        деградация аутизм эпилепсия слепота диарея понос рвота тошнота
        геморрой грыжа язва аборт выкидыш бесплодие импотент радиация
        облучение скелет череп прах падаль тлен гниль гной ад госпиталь
        лазарет реанимация хоспис карантин туберкулез ужас кошмар страх
        паника отчаяние горе беда скорбь ненависть месть злоба гнев ярость
        жестокость унижение угроза опасность голод нищета вонь отрыжка прыщ
        плевок слизь отрава отравление яд токсин
        амнезия артрит аппендицит мигрень тахикардия гипертония аритмия некроз
        киста денге желтуха нарыв панкреатит глаукома анорексия герпес гастрит
        бронхит корь биопсия патогенез этиология дисфункция коронер катафалк
        гробовщик саркофаг саван пепелище некрополь некромант удушье мышьяк
        хлороформ полоний плутоний заика слепец альбинос
        гробница анемия астма атрофия бешенство гипоксия дистрофия диагноз
        синдром заражение запор вскрытие лихорадка криз патология припадок
        приступ прострел радикулит ревматизм склероз сотрясение травматизм
        утрата ожирение мученик упокой клизма
        артроз дерматит колит крапивница ремиссия цианид кастрация сиротка
        псориаз столбняк
        заикание заклание
    """,
    "politics and the state": """
        президент министр премьер правительство государство власть партия
        политика политик политолог политрук политбюро парламент депутат
        нардеп сенат сенатор дума кремль майдан рада вече сейм конгресс съезд
        пленум президиум кабмин исполком обком горком райком ревком
        совнарком наркомат нарком горсовет сельсовет генсек канцлер спикер
        губернатор мэр мэрия замглавы зампред заммэра постпред посол
        посольство консул атташе дипломат дипломатия саммит санкция эмбарго
        бойкот избиратель избирком электорат бюллетень референдум плебисцит
        праймериз явка импичмент мандат оппозиция диссидент активист
        активистка протест митинг пикет забастовка стачка голодовка шествие
        революция переворот путч мятеж бунт бунтарь восстание свержение
        отречение режим диктатор диктатура тиран тирания деспот узурпатор
        монарх монархия император империя империал империализм царь царица
        царевич цесаревич царство царствие государь государыня держава
        престол трон кайзер дуче вождь олигарх олигархия пропаганда агитация
        агитатор лозунг манифест идеология идеолог национал нация патриот
        патриотизм родина отечество отчизна гимн флаг герб триколор коммунист
        коммунизм коммуна коммунар комсомол комсомолец комсомолка большевик
        большевизм марксизм марксист ленинизм ленинец социализм социалист
        сталинизм капитализм капиталист либерал либерализм демократ
        демократия анархия анархист анархизм радикал радикализм
        федерализм сионизм шовинизм расизм расист сексизм гомофоб феминизм
        феминистка единоросс эсер пролетарий буржуазия цензура цензор
        люстрация гласность лубянка чекист омбудсмен халифат джихад шахид
        шариат федерация республика союз альянс коалиция фракция территория
        чиновник чиновница бюрократ бюрократия декабрист стахановец первомай
        пятилетка партбилет парторг госплан госзаказ госбанк госдолг
        госбюджет нацбанк спецотдел мавзолей патриарх митрополит гегемония
        слава
        вотум бундестаг капитолий ставленник патриархат популизм демагогия
        плюрализм регионал диктат смута масон масонство домострой халиф шляхта
        иго
        гетто меморандум мемориал меджлис макрон компартия полпред хунта тори
        подавление провокация раскол рознь разжигание контра мета
        меньшевик гайдамак скреп русофобия гомофобия
        антисемит ксенофобия
        батька
    """,
    "nationalities and ethnic terms": """
        немец немка россиянин россиянка украинец украинка американец
        американка француз британец британка англичанин англичанка итальянец
        итальянка испанец испанка китаец китаянка японец японка кореец
        кореянка араб еврей еврейка иудей поляк полька чех швед финн финка
        норвежец голландец бельгиец швейцарец австриец австралиец канадец
        мексиканец бразилец аргентинец ирландец шотландец датчанин португалец
        грек болгарин серб хорват румын венгр латыш эстонец литовец белорус
        казах узбек таджик киргиз туркмен азиат афро африканец индеец индус
        индиец армянин грузин азербайджанец чеченец татарин татарка бурят
        якут осетин чуваш мордва калмык монгол тюрк тюрок скиф сармат хазар
        варяг мавр римлянин египтянин палестинец славянин славянка русич
        русин русс росс москаль хохол жид негр кацап бандеровец афганец
        москвич москвичка киевлянин одессит крымчанин челябинец томич
        сибиряк южанин европеец иностранец иностранка кубинец кубинка карел
        манси зулу навахо сиу маори бритт галл прус булгар иврит идиш
        хинди фарси суахили гендер
        полукровка сван лях чумак джигит волгарь горец тат гот гирей дари
        диаспора метис орк перс фриц цыганка чудь шлях раса черноморец бош
        волох еврейство кавказец курд негритянка черкес этноним кариока
        кировец
        киевлянка шведка
    """,
    "sacred names and religious polemic": """
        бог боженька господь христос аллах будда всевышний богородица
        богоматерь антихрист сатана дьявол бес демон мессия иисус ирод иуда
        каин библия евангелие коран талмуд ислам иудаизм христианство
        христианин христианка католицизм буддизм атеизм атеист распятие
        свастика лукавый
        шайтан нежить понтифик вертеп
        анафема исчадие кощунство иезуит
        аум
    """,
    "drugs and alcohol": """
        наркотик наркоман наркомания наркоманка наркота наркоз кокаин героин
        марихуана конопля гашиш опиум морфий морфин амфетамин экстази кокс
        травка доза дурь кайф ломка притон допинг самогон алкоголь алкоголик
        алкоголизм алкаш пьяница пьянство пьянка пьяный опьянение похмелье
        бухло выпивка водка спирт спиртное виагра
    """,
    "sex and the body": """
        секс порно порнография эротика оргазм оргия проститутка шлюха шлюшка
        блудница куртизанка бордель стриптиз стрип эскорт любовник любовница
        наложница член пенис влагалище клитор анус сперма эрекция вибратор
        презерватив эрос похоть разврат развратник распутство блуд либидо
        инцест педофил извращенец извращение фетиш девственница сожитель
        лесбиянка гарем засос сношение спаривание грудь лифчик зачатие
        нимфоманка плейбой бабник ловелас соска матка яичко попка задница зад
        отсос стояк влечение ориентация нагота обнажение раздевание
        растление гей кал моча
        интим неверность вирт гейша
        евнух обрезание плоть сортир кобель содом
        порнуха фаллос
        вазелин
    """,
    "insults, vulgar and slang words": """
        дерьмо говно хрен хрень сука сучка жопа хер тварь мразь сволочь
        скотина ублюдок урод уродина уродец уродство подонок негодяй мерзавец
        гад гадина гнида выродок отребье быдло шваль сброд придурок идиот
        идиотка идиотизм дебил дегенерат кретин дурак дура дурочка дурачок
        дурень болван балбес тупица лох чмо козел петух петушок курва паскуда
        стерва шавка крыса свинья свинство зараза дрянь гадость мерзость
        засранец какашка параша рожа рыло морда брехня фига отстой лажа облом
        халява бабло бакс братан братва браток гопник чувак телок баба девка
        хам хамство наглец нахал лжец неудачник неудачница бомж нищенка
        попрошайка даун слабак очкарик толстяк толстушка горбун карлик
        коротышка псих лентяй бездельник зануда нытик плакса балда обжора
        жадина злодей злодейка лицемер невежда глупец чертовка чертовщина
        чудак тачка прикол тусовка бардак глюк телек училка пузо брюхо
        фраер пацан парнишка мамка батя папаша мамаша бабка жратва шалава
        пидор падла лошара говнюк злодеяние нечисть упырь людоед
        бестия изверг отродье выскочка бастард ватник бугай малолетка чернь
        холоп совка фрик кек отжиг пук
        варвар варварство злость злорадство зло подлец подлость паразит
        посмешище пьянь истерик истеричка пойло отпад чернуха кули раб рабство
        рабыня
        вонючка жлоб каюк шкет зверюга вырождение зловоние смрад
        ишак шухер
        карга замес
        кляча
        срам
    """,
    "names, brands, fragments and odd entries found on review": """
        главное старое целое должное чужое холодное угловой малый старший
        второе наружное пережитое нажитое кратное подлежащее прошедшее
        блаженная людская посевная придворный гласный тысячная экс спец зам
        зав летие полмира полметра полминуты полкило полдюжины полтонны
        полстакана полгорода полжизни полмесяца полчасика полсотни динамо
        сбербанк вконтакте фифа приморье цезарь форд сити реал дон хан пак кон
        чан гран сан поп мат кол удэ рен стоун шри таймс изабелла вика марго
        ана кун чон сомали боинг аэрофлот барби линкольн мадонна эрмитаж
        голливуд ньютон харт малик торо роуд сьерра тан тор бай биг гуд бол
        ост бон тук рей кларк перри мерседес рено камаз хаус твиттер уорд клер
        борн мартен гага кото хонда тойота ниссан шевроле вольво бентли ауди
        мицубиси филипс шкода ферми лего пепси айфон инстаграм википедия
        рамблер кодак ксерокс кинотавр байконур левада лэнгли уимблдон аргус
        адонис пегас мцыри айболит мурзилка незнайка снегурочка золушка
        рапунцель колобок геркулес титаник фигаро квазимодо голиаф пальмира
        малага макао вятка волга суоми вайоминг ланка альбион элизиум
        эльдорадо эдем кощей мойра валькирия левиафан молох диабло рэн тэмми
        сонька любка маринка милка амелия глория донна дора диас морин лян
        хван хон кох калюжный руцкой сердюк третьяк щербина перм камерон
        ришелье эйзенхауэр макинтош честерфилд геллер ламберт деррик митчелла
        найл хоган бальбоа юлиус айра тандер стинг честер дорн крафт шарп
        флинт джет кларенс бишоп мессер фукс корн аба ама акс ака анк ант бат
        бер бри вар гази дем дим дос дук идо инк инион икт каф кло кил кэмп
        лан лей ном нит нок пек рол рух сит силь сап таг така текс тэк тун фай
        фот хара хадж хаджи хань эйч эрл эст ярл зет кью вест норд вок
        пин пул гон гун гит кэш твит хештег коммент мейл стрит брейк кик скип
        флэш флип трип твин бэби бэнд чарт чайлд гейм пойнт линк маркет прайс
        фест тред стрим спот лог спин сет топ веб икс инь дао дзен дзэн пан
        пани герр фрау месье синьор сеньор донья милорд миледи падре фра сэр
        мисс миссис мистер мадам главред худрук спецкор оргкомитет оргбюро
        рафик вира гиль дых кипу лал наход мочь хабар вади бодо рэп
        бэр крэк гбайт мобайл
        сема лемма имаго голотип агар спирит нака сак кош кус кут колет аск
        нона копал карра кива гем рил пейс дежа орс жиро жако милль кастор
        ферт ять войт айван корсак линди гак гута како банди таль фру лого
        сапр зиг твэл слэш неф малка каки кава экю турман хоппер меццо ласт
        наиб банг дайка зоря калинка кура див арден оболонь коммунарка ромэн
        кресс порто розетта фиат краз кадиллак ровер шелл саган сабо нейл блюм
        лапина белоус зозуля ковач колесник черняк маклай грабарь шпак ракель
        славка середа хакан кюре дож интурист улус эфенди членик тартар микадо
        калипсо отаку риал скопье веда эмо асс шейк бейт понг хедж мус злато
        десница перст глас рожон полымя зев падь гущина паль
        амт бабай баг бан баш башка бел бель буна гарт гик гросс бич брань дек
        дол главк голь иже кали кап капо кат кбит ква коло копа лор маз маки
        маш массандра манер моа муромец новик носка око одночасье интенсив лек
        ладо орт патер пери персея перекоп пинг питта попович поул свами
        свитка становой старка стелла темпл тонг торн треста устрой фалькон
        фок хайд хала ходжа худо черныш шинник яга сома
        альпари благородие боло валка гарсон голгофа далия колодезь комби
        лагер листер монд саз соника тысячник фогт фурман хина чань шандор
        камала ува
        бод
        коб
        ультра индастриал
    """,
}

EXCLUDED_RU = frozenset(word for group in EXCLUDED_RU_GROUPS.values() for word in group.split())

# English words never to put in a codename: they are dropped from the EFF list
# and never taken as additions.  Grouped for review; order is irrelevant.  The
# last groups hold wordfreq candidates found unfit on review (names, brands,
# abbreviations, British spellings, homophones of listed words); none of them
# is in the EFF list.
EXCLUDED_EN_GROUPS: dict[str, str] = {
    "war and the military": """
        army military soldier soldiers troops battle battalion brigade squad
        division corps fleet navy marine ranger cadet corporal captain colonel
        commodore general veteran veterans warriors comrade recruit recruits
        enlisted undrafted draft reserve volunteer mobilize muster deploy
        duty duties directive doctrine debrief operation operative espionage
        spied sabotage combat attack attacks attacked ambush blitz breach
        onslaught offensive outflank flanked flanking flank overkill
        skirmish fight fighting fought conflict enemy enemies foe opponent
        allies alliance defeat victory surrender retreat truce ultimatum
        recapture occupy occupied occupier reoccupy escalate evacuate
        evacuee vanquish defend defence defense defensive defender embattled
        strategic tactical target targets aviation aviator aircraft
        parachute submarine tank tanks turret humvee jeep drone unmanned
        unpiloted armored unarmored armory arsenal armed arming armband
        helmet shield uniformed barrack barricade citadel outpost fort trench
        entrench dugout sandbag spearhead spearman scouting scouts gladiator
        ninja cavalry catapult chevron medal trophy parade salute pentagon
        postwar prewar unwarlike hero heroes heroics heroism raider rocket
        shelter spoils strike strikes contract contracts force forces grunt
        broadside bullseye disarm guard mutiny volley wars
    """,
    "weapons and explosives": """
        weapon weapons arms gun guns handgun rifle rifles pistol cannon
        bazooka musket revolver cartridge caliber buckshot bullet bullets
        shrapnel ramrod rifling reload silencer silenced trigger stinger
        bomb bombs blast dynamite detonate detonator defuse explode landmine
        mine missile grenade nuclear uranium plutonium blade dagger sword
        lance mace jackknife penknife outshoot unsheathe
        knife
    """,
    "violence and cruelty": """
        kill kills killed killing killer murder violence violent assault
        abuse shoot shooting shot shots fire fired firing hurt hurts hitting
        blow burn burning destroy destroyed victim victims suicide execution
        executed hanging slave forced terrorist amuck barbed battered
        battering bruising brute brutishly bully carnage chokehold choking
        clobber clubbed clubbing cruelly cruelness cruelty flogging gore
        gory hatchet hazing headlock headsman henchman impale lash bullwhip
        maimed manhandle marauding mutilated mutilator pummel ravage
        scalping skinning slain slapping slashed slashing smite stoning
        strangle suffocate threaten whacking avenge avenging revenge
        retaliate payback vendetta vengeful gag backstab eliminate eradicate
        strongman rubble
        blood roulette
    """,
    "crime, police, courts and prison": """
        crime crimes criminal illegal police cops court courts judge judges
        judgment judicial judiciary jury juror jurist justice lawyer lawyers
        attorney trial trials retrial tribunal verdict guilty innocent
        accused alleged charges charged witness arrest arrested prison
        prisoners jail jailbird jailbreak jailer jailhouse cell cells
        inquiry inspector detective constable flatfoot precinct badge baton
        handcuff custody detention captive captivity capture captured
        imprison confined confining parole probation pardon amnesty penalty
        penalize punisher reprimand offense steal theft thieving thievish
        robbing footpad prowler ransack plunder fraud defraud scam bribe
        embezzle extortion launder smuggler smuggling cartel mobster dealer
        stash bootleg arson graffiti deface defacing defame slander perjury
        perjurer affidavit alias alibi apprehend exonerate extradite
        implicate impound frisk polygraph manhunt roundup suspect culprit
        culpable crook crowbar jimmy joyride shoplift hacker hacking hacked
        illicitly unlawful violate violation violator wrongdoer trespass
        evidence confess conceal coerce duress curfew entrap enforced
        enforcer getaway tipoff snitch squealer shank litigate litigator
        statutory recant evict delouse zone
        bust cheating defendant wanted unshackle
    """,
    "borders, flight, desertion and treason": """
        deserter deserters deserted desertion desert abandoned border abroad
        foreign overseas customs passport visa aliens refugees exile exodus
        deport expel expulsion escape escapable escapade escapist evade
        evasion evasive dodge fled hiding hide hidden safehouse stowaway
        straggler absentee exemption discharge disobey disloyal defection
        renegade renounce traitor treason treachery vagabond vagrancy
        vagrantly
    """,
    "death, illness, injury and disaster": """
        death deaths dead died dies dying deceased demise departed perish
        afterlife funeral buried reburial casket coroner mortician mortuary
        mortality mortally morbidity morbidly obituary memorial mourner
        mournful widow wreath graves graveyard headstone catacomb entomb
        exhume gallows skeleton skeletal bodies bones ashes mummified
        mummify undead zombie disease diseases illness sick cancer symptoms
        syndrome infection virus epidemic pandemic outbreak injury injuries
        injured wound wounded suffer suffered pain mental anxiety stroke
        crash accident flood loss losses crisis disaster calamity tragedy
        emergency mayday ambulance paramedic triage casualty famine
        avalanche hurricane wildfire radiation poison hemlock abrasion
        afflicted aftermath aids anemia anemic aneurism atrophy autism
        autistic cardiac cataract catatonic cauterize chemo coma contusion
        coronary cranial cranium deafness blind decompose delirious delirium
        delusion deranged diabetes diabetic diagnoses diagnosis disabled
        disfigure dislocate disorder drown dyslexia dyslexic embolism
        epilepsy epileptic fracture frostbite gallstone gangrene glaucoma
        gout hunchback jaundice jugular lunacy mumps neurosis neurotic
        pacemaker paralyses paralysis paralyze polio pox prognosis rabid
        relapse relapsing remission rupture scurvy septic strep surgery
        surgical symptom mammogram headless armless endanger danger
        dangerous siren panic
    """,
    "politics and the state": """
        politics political vote voted votes voter voters voting election
        elections elected electable unelected candidate poll campaign
        council committee minister ministry president governor mayor senate
        senator congress capitol caucus republic democracy democrat
        democrats liberal radical communist marxism fascism dictator regime
        empire emperor imperial territory colony colonial colonist colonize
        annex embassy envoy embargo sanction decree mandate veto impeach
        legislate depose deputy deputize faction ideology manifesto slogan
        anthem patriot tricolor trident trump activism activist feminism
        feminist suffrage petition protest rally riot revolt rebel uprising
        unrest overthrow purge purging oppressed oppressor persecute
        repressed enslave supremacy reformist federal tribune pacifism
        pacifist pacify freemason fanatic nations
        peace regalia
    """,
    "nationalities, ethnic terms and religious groups": """
        american americans english british scottish irish french german
        dutch spanish italian greek russian chinese japanese korean asian
        indian african mexican canadian european turkish israeli arab jewish
        jews muslim muslims islamic islamist catholic christian buddhism
        buddhist agnostic pagan puritan gentile apache caucasian celtic
        creole eskimo siamese siberian roman latin yiddish tribesman turban
        pureblood mongrel savage ethnic racial racism racist
    """,
    "religion and the sacred": """
        church temple priest bishop pray prayer praying preacher preaching
        sermon holy sacred saint sacrament salvation savior sanctity
        sanctuary shrine faith religion religious gods lord christ jesus
        bible islam angels devil worship worshiper almighty anointer apostle
        blaspheme blasphemy cardinal chalice chaplain clergyman convent
        crusader deacon deity desecrate defile diabolic diocese divinity
        easter exorcism exorcist kosher monastery monkhood nativity
        occultist parish passover pastor patriarch pentagram pope purgatory
        repent reverend sabbath sinless sinner theology trinity ungodly
        unholy zen
    """,
    "drugs and alcohol": """
        drug drugs alcohol drunk drinks drinking beer wine weed crack joint
        absinthe acid amaretto boozy cannabis coke freebase hangover hash
        junkie keg liqueur margarita moonshine morphine nicotine opium prozac
        pusher rehab ritalin schnapps scotch sedation sedative sherry
        stimulant stupor valium
    """,
    "sex and the body": """
        sexual sexy porn rape naked breast oral strip bang suck sucks
        virgin abortion affair affairs arousal catcall cathouse celibacy
        celibate chaste chastity fondling frigidity gigolo gonad grope
        hardcore humped impotence impotency impotent jockstrap lustfully
        lustily lustiness lusty mammary mating naturist negligee neuter ogle
        ovary procreate procurer seduce seducing sensually sensuous sterility
        swinger thong unclothed undress unclad unrobed underage urologist
        urology vaseline laxative upchuck excretion excretory rectal
    """,
    "insults, vulgar and distressing words": """
        shit fuck fucked fucking damn hell bitch dick bullshit asshole crap
        pissed screw stupid dumb ugly idiot insane fool imbecile idiocy oaf
        chump buffoon bonehead dingbat nutcase dork dweeb nerd twerp wimp
        goon stooge scoundrel villain hypocrite egomaniac brownnose badass
        douche moocher tightwad scrooge glutton runt slacker dwarf vixen
        parasite outcast gutless cussed curse evil hate hatred rage raging
        enrage wrath anger angry angrily angriness animosity despise detest
        agony agonize agonizing anguished grief grieving grievous despair
        desperate destitute poverty hunger fear horror threat warning alert
        alarm boom shame disgrace humiliate demeaning degrading depraved
        depravity deviant deviancy deceit deceiver deceiving deception
        suffering sufferer atrocious destruct
        screaming
    """,
    "brands and trade marks": """
        cadillac chevy dropbox ebay facebook frisbee google ipad iphone ipod
        itunes kleenex lego muppet myspace nintendo plexiglas popsicle
        sharpie skype superbowl superman tabasco twitter velcro walmart
        wikipedia xbox xerox yahoo youtube instagram amazon microsoft disney
        bitcoin
    """,
    "names of people and places": """
        john timothy olympics olympic david michael george paul peter william
        thomas louis mike richard mary charles frank henry martin harry
        johnson scott steve taylor tony alex daniel ryan jackson adam andrew
        clinton kevin obama wilson edward joseph jordan ford miller davis
        eric lewis sarah simon brian elizabeth donald jason alan jeff harris
        kelly victoria andy charlie jane morgan anthony gary roger ross allen
        clark anna gordon matthew patrick phil wayne anderson austin jean
        walter carter chelsea johnny josh bruce kate maria russell anne
        justin hamilton jonathan lawrence lincoln oscar sean graham lisa
        kennedy larry moore thompson murray alice barry cameron cooper jerry
        warren danny khan albert laura marshall howard jones chris williams
        alexander francis dave america europe africa asia london york
        england britain scotland ireland wales china india japan korea
        russia germany france spain italy greece sweden canada mexico brazil
        australia zealand israel iran iraq syria egypt pakistan nigeria
        indonesia malaysia singapore ukraine vietnam texas florida virginia
        ohio michigan illinois georgia kansas iowa arizona wisconsin
        minnesota kentucky oregon oklahoma alabama chicago boston paris
        angeles francisco sydney hollywood kong hong toronto miami dallas
        houston moscow vegas columbia cambridge berlin atlanta diego
        melbourne detroit madrid delhi edinburgh tokyo cleveland saudi
        harvard soviet isis nazi rome november february wednesday sunday
        christmas
    """,
    "abbreviations, slang and non-words": """
        gonna gotta kinda dont lets nope haha lmao http https info apps stats
    """,
    "British spellings and homophones of words in the list": """
        centre colour favourite labour behaviour honour theatre realise
        there write wear weight scene weak weather wood hole roll mail meat
        sight sole plain knight threw cents principle manner forth
    """,
}

EXCLUDED_EN = frozenset(word for group in EXCLUDED_EN_GROUPS.values() for word in group.split())


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


# --------------------------------------------------------------------------
# English


def read_eff_list() -> tuple[list[str], str]:
    """Return the EFF large list's words (in order) and where they came from."""
    sources = [
        ("diceware", "wordlists/wordlist_en_eff.txt"),
        ("xkcdpass", "static/eff-long"),
    ]
    for package, name in sources:
        try:
            resource = importlib.resources.files(package).joinpath(name)
            text = resource.read_text(encoding="utf-8")
        except (ModuleNotFoundError, FileNotFoundError):
            continue
        words = []
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            # diceware's copy is "11111\tabacus"; xkcdpass's is "abacus".
            words.append(line.split()[-1])
        return words, f"{package} {version(package)}: {name}"
    sys.exit("error: install `diceware` or `xkcdpass` to get the EFF word list")


def eff_words() -> list[str]:
    """The EFF large list, hyphenated entries replaced, in the EFF's order."""
    words, source = read_eff_list()
    print(f"en: EFF large list from {source}")
    if len(words) != N_WORDS:
        sys.exit(f"error: EFF list has {len(words)} words, expected {N_WORDS}")
    digest = hashlib.sha256("".join(w + "\n" for w in words).encode()).hexdigest()
    if digest != EFF_WORDS_SHA256:
        print(f"en: warning: EFF list sha256 {digest} differs from the known copy")
    present = set(words)
    for old, new in EN_REPLACEMENTS.items():
        if old not in present:
            sys.exit(f"error: expected EFF entry {old!r} is missing")
        if new in present:
            sys.exit(f"error: replacement {new!r} is already in the EFF list")
        if new in EXCLUDED_EN:
            sys.exit(f"error: replacement {new!r} is in the exclusion list")
    out = [EN_REPLACEMENTS.get(w, w) for w in words]
    for old, new in EN_REPLACEMENTS.items():
        print(f"en: replaced {old!r} with {new!r}")
    bad = [w for w in out if not EN_RE.match(w)]
    if bad:
        sys.exit(f"error: EFF entries outside a-z with no replacement: {bad}")
    return out


def prefix_clash(word: str, words: list[str]) -> bool:
    """Whether ``word`` is a prefix of a word of ``words`` or has one as a prefix.

    ``words`` must be sorted and prefix-free.  A word having ``word`` as a
    prefix sorts right at ``word``'s insertion point; a word that is a prefix
    of ``word`` sorts right before it (anything between them would start with
    it too, which prefix-freeness rules out).
    """
    i = bisect.bisect_left(words, word)
    return (i < len(words) and words[i].startswith(word)) or (i > 0 and word.startswith(words[i - 1]))


def make_en(verbose: bool = False) -> list[str]:
    try:
        import wordfreq
    except ModuleNotFoundError as exc:
        sys.exit(f"error: {exc.name} is missing; see the module docstring for the venv")

    eff = eff_words()
    chosen = sorted(w for w in eff if w not in EXCLUDED_EN)
    n_excluded = len(eff) - len(chosen)
    print(f"en: {n_excluded} EFF words are in the exclusion list and dropped")
    if prefix_pairs(chosen):
        sys.exit(f"error: the EFF list is not prefix-free: {prefix_pairs(chosen)[:10]}")
    print(f"en: wordfreq {version('wordfreq')}")
    present = set(chosen)
    added: list[str] = []
    excluded_seen: set[str] = set()
    last_rank = 0
    for rank, word in enumerate(wordfreq.top_n_list("en", 10**7), start=1):
        if len(chosen) == N_WORDS:
            break
        if not EN_CANDIDATE_RE.match(word) or word in present:
            continue
        if word in EXCLUDED_EN:
            excluded_seen.add(word)
            continue
        if prefix_clash(word, chosen):
            continue
        bisect.insort(chosen, word)
        present.add(word)
        added.append(word)
        last_rank = rank
    if len(chosen) != N_WORDS:
        sys.exit(f"error: only {len(chosen)} English words, need {N_WORDS}")
    print(
        f"en: {len(added)} words added from wordfreq, down to rank {last_rank}; "
        f"{len(excluded_seen)} words of the exclusion list were skipped on the way"
    )
    if verbose:
        print(f"en: added: {' '.join(added)}")
        unused = sorted(EXCLUDED_EN - set(eff) - excluded_seen)
        print(f"en: {len(unused)} exclusion-list words did not come up: {' '.join(unused)}")
    return chosen


# --------------------------------------------------------------------------
# Russian


def ru_candidates():
    """Yield (rank, word) for Russian nouns passing the morphology filters."""
    try:
        import pymorphy3
        import wordfreq
    except ModuleNotFoundError as exc:
        sys.exit(f"error: {exc.name} is missing; see the module docstring for the venv")

    morph = pymorphy3.MorphAnalyzer()
    ranked = wordfreq.top_n_list("ru", 10**7)
    for rank, word in enumerate(ranked, start=1):
        if not RU_CANDIDATE_RE.match(word):
            continue  # also rejects ё, Latin letters, digits, hyphens
        if not morph.word_is_known(word):
            continue  # only dictionary words, no guessed parses
        parse = morph.parse(word)[0]  # most probable parse
        tag = parse.tag
        if tag.POS != "NOUN" or tag.number != "sing":
            continue
        if parse.normal_form != word:
            continue  # an inflected form, or the lemma is spelt with ё
        if EXCLUDED_GRAMMEMES & tag.grammemes:
            continue
        nominative = parse.inflect({"nomn", "sing"})
        if nominative is None or nominative.word != word:
            continue
        yield rank, word


def make_ru(verbose: bool = False) -> list[str]:
    print(
        "ru: wordfreq {}, pymorphy3 {}, pymorphy3-dicts-ru {}".format(
            version("wordfreq"), version("pymorphy3"), version("pymorphy3-dicts-ru")
        )
    )
    chosen: list[str] = []
    excluded_seen: set[str] = set()
    last_rank = 0
    for rank, word in ru_candidates():
        if word in EXCLUDED_RU:
            excluded_seen.add(word)
            continue
        chosen.append(word)
        last_rank = rank
        if len(chosen) == N_WORDS:
            break
    if len(chosen) != N_WORDS:
        sys.exit(f"error: only {len(chosen)} Russian candidates, need {N_WORDS}")
    print(
        f"ru: {N_WORDS} nouns down to wordfreq rank {last_rank}; "
        f"{len(excluded_seen)} words of the exclusion list were skipped on the way"
    )
    if verbose:
        unused = sorted(EXCLUDED_RU - excluded_seen)
        print(f"ru: {len(unused)} exclusion-list words did not come up: {' '.join(unused)}")
    return sorted(chosen)


# --------------------------------------------------------------------------
# Checks and output


def check(name: str, words: list[str], pattern: re.Pattern[str]) -> None:
    if len(words) != N_WORDS:
        sys.exit(f"error: {name} has {len(words)} words, expected {N_WORDS}")
    if len({w.lower() for w in words}) != len(words):
        sys.exit(f"error: {name} has duplicate words")
    bad = [w for w in words if not pattern.match(w)]
    if bad:
        sys.exit(f"error: {name} has malformed words: {bad[:10]}")


def prefix_pairs(words: list[str]) -> list[tuple[str, str]]:
    """Pairs (a, b) of a sorted list where a is a prefix of b.

    If a word is a prefix of any other, it is a prefix of the word right
    after it, so neighbours are enough."""
    return [(a, b) for a, b in zip(words, words[1:], strict=False) if b.startswith(a)]


def render(words: list[str]) -> str:
    return "".join(w + "\n" for w in words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="regenerate in memory and compare with the committed files; write nothing",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list the English additions and unused exclusions")
    args = parser.parse_args(argv)

    en = make_en(verbose=args.verbose)
    ru = make_ru(verbose=args.verbose)
    check("en", en, EN_RE)
    check("ru", ru, RU_RE)
    if prefix_pairs(sorted(en)):
        sys.exit(f"error: en has words that are prefixes of others: {prefix_pairs(sorted(en))[:10]}")
    both = {w.lower() for w in en} & {w.lower() for w in ru}
    if both:
        sys.exit(f"error: words in both lists: {sorted(both)}")
    bits = 7 * math.log2(N_WORDS)
    print(f"ok: {N_WORDS} words each; 7 words = {bits:.2f} bits")

    outputs = {EN_PATH: render(en), RU_PATH: render(ru)}
    if args.check:
        stale = [p for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"differs: {p.relative_to(ROOT)}")
        return 1 if stale else 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
