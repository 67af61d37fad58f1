#!/usr/bin/env python3
"""Regenerate the person-name lexicons in ``farewell/anonymize/text/lexicons/``.

English has no NER model in Farewell, and the Russian and French ones miss names, so Russian
person names are also looked up in lexicons, in Cyrillic and in the Latin spellings that
English and French texts use for them.  This is a maintainer's tool: the application reads
the text files it writes (through ``farewell.anonymize.text.lexicons``) and never imports it.

Sources
    * The pymorphy3 dictionary (``pymorphy3-dicts-ru``, built from OpenCorpora,
      http://opencorpora.org, data CC BY-SA 3.0): every lexeme tagged ``Name`` (first names,
      with their gender), ``Patr`` (patronymics) or ``Surn`` (surnames).  Its paradigms are
      read directly (``MorphAnalyzer().dictionary``), which takes about 40 s.
    * The hand lists below: common diminutives, common Russian surnames the dictionary lacks
      (it has no «Сомов»), and first names and surnames of Ukrainians, Belarusians, Tatars,
      Bashkirs, Kazakhs, Central Asians, Caucasians, Buryats, Tuvans, Yakuts and Koreans of
      Russia, written as a Russian text writes them.
    * For ``latin_ambiguous.txt`` only (nothing of them is copied into the name lists): the
      lower-case entries of Debian's spell-checking word lists (packages wamerican, wbritish,
      wfrench: /usr/share/dict/american-english, british-english, french; capitalized entries,
      which are names, are not used), the English and French stop words of spaCy (MIT), the
      project's own common-English codename list (``farewell/intake/wordlists/en.txt``), and
      STOP_EN / STOP_FR below.

Outputs (UTF-8, one entry a line, sorted, lower case, «ё» written «е»)
    ru_first_names.txt   ``name<TAB>gender``; gender is ``masc``, ``femn`` or ``ms-f`` (either:
                         Саша, Женя, or a spelling that is a man's and a woman's name).
    ru_patronymics.txt   nominative singular, both genders (петрович, петровна).
    ru_surnames.txt      nominative singular of both genders (иванов, иванова, достоевская).
    ambiguous.txt        entries of the three lists above that are also an ordinary word form
                         for pymorphy3 (a dictionary parse that is not a name: волков, роман,
                         вера, ли), so a caller can insist on a capital letter.
    latin_names.txt      Latin spellings of all of the above (see Transliteration).
    latin_ambiguous.txt  entries of latin_names.txt that are an ordinary English or French word.

Transliteration (all spellings of every system are kept, deduplicated; ``ё`` is read as
``ё`` and as ``е``, so both «Fyodor» and «Fedor» come out)
    * BGN/PCGN 1947 (ye initially and after vowels and signs, ë, y for й and ы, kh, ts, ch,
      sh, shch, zh; the ʹ ʺ marks dropped).
    * ICAO Doc 9303, Part 3 (the table of Russian passports since 2013): e for е and ё, i for й,
      iu, ia, ie for ъ, zh kh ts ch sh shch, y for ы; ь dropped.  ICAO has no «ie» for «е».
    * Russian passports 1997-2010 (ye after vowels, y for й, yu, ya) and 2010-2013
      (GOST R 52535.1-2006: tc for ц, i for й, iu, ia).
    * Scholarly (ž, č, š, šč, x for х, c for ц, j, ju, ja, è for э; signs dropped).
    * Common English spellings: endings -y, -i, -iy, -ii (Dmitry, Dmitri, Dmitriy, Dmitrii),
      -ey/-ei, x for кс (Alexey, Maxim), yo for ё (Pyotr, Semyon), j for дж, -sky/-ski, -aya.
    * Common French spellings: ou, iou, ia, io, j (Joukov), ch (Sacha), tch (Tchebarkoul),
      chtch, kh, gu before e/i/y (Sergueï, Guennadi), ss between vowels (Vassili), ï after a
      vowel (Alexeï, Nikolaï, Tolstoï, Dostoïevski, Raïssa), -i for -ий (Dmitri, Iouri), dj.
      Every ï also comes out as i (Serguei).
    * The émigré / German ending -off / -eff for -ов / -ев / -ёв surnames (Sokoloff, Lebedeff).
    * A few conventional forms (Alexander, Alexandre, Dimitri, Maxime, ...): LATIN_EXTRA.
    * Ukrainian names and surnames: the Ukrainian national system of 2010 (h for г, y for и,
      i for і, ye/ie, yi/i, iu/yu, ia/ya) with its common variants (-ii/-iy), from the
      Ukrainian spellings in UKRAINIAN_*.  Belarusian ones: hand-written BELARUSIAN_LATIN.
Latin spellings with č š ž keep them; ï ë è é also appear without the accent.

How to run, from the repository root::

    .venv/bin/python tools/make_lexicons.py           # write the files
    .venv/bin/python tools/make_lexicons.py --check   # compare with the files, write nothing

It needs pymorphy3, pymorphy3-dicts-ru and spacy, which the project's own environment has, and
Debian's word lists: ``apt-get install wamerican wbritish wfrench``.  The files committed were
made with pymorphy3 2.0.6, pymorphy3-dicts-ru 2.4.417150.4580142, wamerican and wbritish
2020.12.07-2 and wfrench 1.2.7-2; other versions give other lists, which ``--check`` reports.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import itertools
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "farewell" / "anonymize" / "text" / "lexicons"
EN_CODENAMES = ROOT / "farewell" / "intake" / "wordlists" / "en.txt"
# Debian's spell-checking word lists (packages wamerican, wbritish, wfrench).
WORD_LISTS = tuple(Path("/usr/share/dict") / name for name in ("american-english", "british-english", "french"))

MAX_BYTES = 5 * 1024 * 1024
MAX_VARIANTS = 24  # spellings one system may give one word (the product of its choices is cut there)

CYRILLIC_WORD = re.compile(r"^[а-яё]+(?:-[а-яё]+)*$")
LATIN_WORD = re.compile(r"^[a-zäëïöüéèčšžŝ]+(?:-[a-zäëïöüéèčšžŝ]+)*$")
VOWELS = set("аеёиоуыэюя")
SIGNS = set("ъь")
SIBILANTS = set("жшчщц")

# ---------------------------------------------------------------------------------------------
# Hand lists.  Cyrillic as a Russian text spells it, with «ё» where it is pronounced, so that
# the Latin spellings come out right (Серёжа → Seryozha); the lists written fold «ё» to «е».
# ---------------------------------------------------------------------------------------------

# Diminutives and familiar forms, most of them common in soldiers' speech.
DIMINUTIVES_MASC = """
сашка сашок санёк шурик алик лёша лёха лёшка алёша алёшка алёха серёжа серёга серёжка серый серж дима
димка димон димас димыч митя митька митяй ваня ванька ванёк ванюша ванюха вова вовка вован вовчик володя
володька колян коля колька николаша миша мишка мишаня мишутка миха петя петька петруха пашка пашок павлик
павлуха гоша гошка жора жорик юра юрка юрок юрец юрик витя витёк витька витюша витёля вася васька васёк
васян толя толик толян костя костик костян игорёк гарик игорюха олежка олежек славик славка стас стасик
вадик вадя валера валерка влад владик владос гена генка геша рома ромка ромчик андрюша андрюха андрюшка
дюша федя федька федюня гриша гришка гришаня боря борька лёва лёня лёнька макс максик максимка тёма тёмка
тёмыч тима тимоха тимка стёпа стёпка степаша никитка никитос кирюша кирюха киря кирка данька даня дениска
ден егорка илюша илюха ильюша сёма сёмка фима яша ярик эдик эдя сева тоша антоша антоха аркаша захарка
филя веня веничка ося изя додик вадька глебушка глебка женёк жека жэка кеша кешка кузя лёвушка матвейка
мишук моня назарка никитушка никиша пантюша прохорка рудик русик рустик савушка сеня сенька славчик
стасян тёмушка тимофейка тоха тошка федюша хома эдуардик юраша валёк валик генаша гордейка гошан дэн
ерёма ефимка жорка лёвчик максюша родя сергуня сержик стёпыч толька филипок юрочка
"""

DIMINUTIVES_FEMN = """
маша машка машенька маня манька маруся муся даша дашка дашенька дашуля катя катька катюша катюха наташа
наташка таша таня танька танюша танечка оля олька оленька лена ленка леночка алёнка алёнушка света светка
светик светочка люда людка люся мила ира ирка иришка ирочка надя надька наденька верочка верка люба
любаша любка галя галка галочка нинка ниночка тома зина зинка зоя аня анька анечка анюта нюра нюша нюся
юля юлька юлечка ксюша ксюха ксюшка настя настька настёна настюша поля полинка соня сонька сонечка лиза
лизка лизонька вика викуля викуся аллочка оксанка олеська лара лора рита ритка ритуля варя варька варюша
уля уляша аля ася тася стася дуня дуняша фрося глаша лида лидка лидочка тоня тонька тонечка кира кирочка
алинка яночка ланочка мариша маринка кристя кристинка злата лиля лилька эля элечка ната натуся натулечка
ирусик валюша маргоша марго ритуся оксаночка светуля тамарочка томочка люсенька людочка галюша леся
лесенька инночка жанночка дина диночка зойка зоенька клава клавка клаша луша маняша мурочка мусенька
надюша нелька поленька раечка рая розочка симочка стеша стешка таечка тая феня фенечка христя юленька
янка
"""

# Either a man's or a woman's (Александр / Александра, Евгений / Евгения, Валентин / Валентина, ...).
DIMINUTIVES_MSF = """
саша саня шура шурка шурочка сашенька сашуля женя женечка женька валя валечка слава сима мотя лёля паша
"""

# First names common among soldiers of Russia who are not ethnic Russians, spelled the Russian
# way.  Most are in the dictionary already; those that are not are added.
EXTRA_FIRST_NAMES_MASC = """
тарас остап богдан петро павло мыкола микола дмытро дмитро олекса олесь олександр олексий андрий васыль
василь грыцько грицько мыхайло михайло ярослав святослав мирослав степан назар устим охрим опанас панас
зиновий орест левко матвий федир юрко ярема данило гнат яким марко тимофий
нурлан ерлан ержан асхат айдар бауыржан бауржан даурен жанибек нурсултан арман серик болат кайрат мурат
алибек данияр ерболат еркебулан ерасыл ернар ерик асан абай азамат бекзат бахытжан бахыт габит дархан
дастан жандос жасулан канат мирас нурбол нуржан олжас рахат санжар талгат тимур улан шынгыс чингиз
айбек айдос аскар бекжан берик галым жаксылык куаныш мейрам нургали самат адиль алмас амир арсен
алишер бахтиёр бахтияр бобур джамшед джамшид фаррух шерзод улугбек азиз рустам рашид равшан шухрат
ильхом жасур отабек сардор тохир умид хуршид шавкат абдулла акмал бекзод дилшод достон зафар икром
мансур мухаммад мухаммед нодир одил рахмон сухроб фирдавс хасан хусан шахзод эркин эльдор джасур ислом
комил мирзо нурали парвиз рахим саид сино талант бакыт нурбек кубат эрлан алмаз марлен максат мирлан
эрмек бектур курманбек алмазбек жоомарт садыр темирлан тимурлан
магомед магомедали ахмед ахмад рамзан шамиль умар хусейн ислам мурад ибрагим руслан заур хабиб камиль
адам апти асламбек бислан ваха джохар зелимхан иса идрис казбек муса мовсар нурди султан турпал хамзат
эльдар анзор аслан алихан ахмат мага гаджи гаджимурад гасан гусейн газимагомед джабраил заурбек
залимхан исмаил магомедрасул нариман омар расул сулейман тагир хизри юсуп
армен ашот вардан гагик давид карен левон тигран рубен самвел сурен ара арам ваге ваграм гор норайр
гиви гия гоча гурам заза зураб иракли кахабер леван мераб нодар отар реваз тамаз тенгиз шалва шота
вахтанг автандил бесик бадри эльчин эмин фарид фуад рашад орхан рауф вугар ильхам тогрул эльнур
самир рамиль джавид
ринат ренат ильдар айрат ильнур радик фарит азат марсель ильшат динар альберт рафаэль рафаил ильгиз
ильназ ильмир ирек марат наиль нияз рамис раиль рифат салават фанис булат ильфат альфред ильяс рустем
рушан зуфар гумер ильвир линар ленар ранис ришат фаиль ильдус газинур
баир баяр бато батор баатар жаргал доржи цыден даши намжил аюр очир тумэн бэлигто дамдин цырен
цыремпил дугар буянто солбон чингис эрдэни батожаргал айдыс алдын-оол аяс начын шолбан саян буян
аян эрес айдын чойган мерген херел айсен айтал ньургун тускул эрчим мичил алгыс дьулус айаал эрхан бата
санджи бадма дорджи эрдни бембя
"""

EXTRA_FIRST_NAMES_FEMN = """
оксана олеся олена ганна галына наталка мирослава соломия христина ярослава богдана одарка маричка
марийка параска горпына зоряна уляна оленка леся тетяна людмыла ирына
айгуль гульнара динара асель айгерим салтанат гульмира айжан алия дана жанар жулдыз куралай мадина
меруерт назгуль сауле томирис акмарал айдана айнур асем гаухар дильназ камила сабина умит шолпан
эльмира гульнар айсулу ботагоз карлыгаш лаура
дильноза дилноза гулнора гульнора малика мохира нигора нилуфар севара шахноза зарина мунира фарангиз
феруза гулчехра дилфуза нодира умида мавлюда зульфия айнура айпери бермет чолпон нургуль жылдыз айзада
патимат хадижат айшат зарема хава седа петимат марьям асият заира зухра луиза милана райсат сакинат
хеда фатима аминат джамиля
нино кетеван нана натела манана этери лали айтен гюнель лейла севиндж нигяр
резеда алсу гузель ляйсан лейсан айсылу гульшат ильмира ильсияр наиля рамиля румия эльвира фания фарида
альфия гульнур диляра лиана зиля
баирма сэсэг сэржэма туяна дарима долгорма цыцыгма баярма аюна сарюна сайаана айыына сардаана чечек
шончалай
"""

# Common surnames, masculine form (the feminine is derived).  The dictionary has most of them;
# these are here so that the few it lacks are not missed.
EXTRA_SURNAMES = """
смирнов иванов кузнецов соколов попов лебедев козлов новиков морозов петров волков соловьёв васильев зайцев
павлов семёнов голубев виноградов богданов воробьёв фёдоров михайлов беляев тарасов белов комаров орлов
киселёв макаров андреев ковалёв ильин гусев титов кузьмин кудрявцев баранов куликов алексеев степанов
яковлев сорокин сергеев романов захаров борисов королёв герасимов пономарёв григорьев лазарев медведев
ершов никитин соболев рябов поляков цветков данилов жуков фролов журавлёв николаев крылов максимов
сидоров осипов белоусов федотов дорофеев егоров матвеев бобров дмитриев калинин анисимов петухов антонов
тимофеев никифоров веселов филиппов марков большаков суханов миронов ширяев александров коновалов
шестаков казаков ефимов денисов громов фомин давыдов мельников щербаков блинов колесников карпов
афанасьев власов маслов исаков тихонов аксёнов гаврилов родионов котов горбунов кудряшов быков зуев
третьяков савельев панов рыбаков суворов абрамов воронин мухин архипов трофимов мартынов емельянов
горшков чернов овчинников селезнёв панфилов копылов михеев галкин назаров лобанов лукин беляков потапов
некрасов хохлов жданов наумов шилов воронцов ермаков дроздов игнатьев савин логинов сафонов капустин
кириллов моисеев елисеев кошелев костин горбачёв орехов ефремов исаев евдокимов калашников кабанов
носков юдин кулагин лапин прохоров нестеров харитонов агафонов муравьёв ларионов федосеев зимин пахомов
шубин игнатов филатов крюков рогов кулаков терентьев молчанов владимиров артемьев гурьев зиновьев
гришин кононов дементьев ситников симонов мишин фадеев комиссаров мамонтов носов гуляев шаров устинов
вишняков евсеев лаврентьев брагин константинов корнилов авдеев зыков бирюков шарапов никонов щукин
дьячков одинцов сазонов якушев красильников гордеев самойлов князев беспалов уваров шашков бобылёв
доронин белозёров рожков самсонов мясников лихачёв буров сысоев фомичёв русаков стрелков гущин тетерин
колобов субботин фокин блохин селиверстов пестов кондратьев силин меркушев лыткин туров сомов налимов
окунев карасёв судаков осетров раков чижов скворцов синицын грачёв воронов ястребов лисицын барсуков
кротов пчёлкин ежов тюленев сазанов ершов карпенко шойгу пригожин уткин суровикин гуров белоусов
мишустин патрушев лавров песков кириенко володин матвиенко собянин кадыров чемезов бортников нарышкин
золотов колокольцев бастрыкин евкуров дворников мордвичев лапин теплинский сердюков рудской
шевченко бондаренко коваленко ткаченко кравченко олейник мельник коваль бойко ткачук савчук полищук
марченко лысенко руденко петренко клименко павленко кравчук шевчук гриценко литвиненко приходько
гончаренко савченко левченко мазур билык зинченко кузьменко пономаренко захарченко тимошенко
яценко порошенко зеленский кличко симоненко иваненко сидоренко романенко василенко дмитренко костенко
мирошниченко кондратенко нестеренко диденко бабенко сердюк пилипенко мартыненко ковальчук кушнир
остапенко ляшко грищенко науменко юрченко швец мельниченко волошин герасименко демченко хоменко
лукашенко тихановский бабарико беляцкий шушкевич короткевич макей лукашевич новик ковалевич жук кот
гончар лапко климович богданович марцинкевич войтович ярошевич савицкий
назарбаев токаев ахметов жумабаев сейтказиев искаков сулейменов абдуллаев исмаилов каримов рахимов
юсупов алиев мамедов гасанов магомедов рашидов делимханов алаудинов даудов умаров масхадов басаев
дудаев хасанов хусаинов байрамов гусейнов ибрагимов ахмедов абдулаев мусаев алибеков гаджиев омаров
расулов сулейманов курбанов рамазанов шамилов арсланов байсаров тимирбулатов нурмагомедов хабибов
мирзоев шарипов рахмонов мирзиёев турсунов усманов юлдашев эргашев султанов насимов давлатов сафаров
бобоев холов алимов саидов хакимов азимов маматов токтогулов жапаров атамбаев бакиев ташиев садыков
асанов осмонов кыдыров бекназаров кенжебаев абенов бекмуратов байтурсынов жаксыбеков кунаев мусин
оспанов сагинтаев ташенов тулегенов утегенов есенов нуриев
дашиев цыренов дондоков бадмаев будаев доржиев гармаев намсараев цыбиков аюшеев базаров батуев
бальжинимаев дамбаев жамсаранов санжиев цыдыпов бадмацыренов ринчинов очиров монгуш ооржак куулар
ондар донгак хертек салчак саая тюлюш кужугет кара-сал иргит севек чамзырын маады тулуш оюн кыргыс
ховалыг чооду доржу
хабибуллин гарипов сафин галиев ахметзянов хайруллин файзуллин мухаметов валиев гильманов закиров
зарипов хамитов минниханов шаймиев гайнутдинов габдуллин сабиров хисамов гатауллин фаттахов мингазов
камалов шакиров латыпов гайнуллин зиннатуллин мухаметшин хуснутдинов шафиков ахмадуллин гимадиев
зайнуллин ибатуллин
"""

# Korean surnames of Russia's Koreans (Koryo-saram): the same for men and women.
KOREAN_SURNAMES = "ким пак ли цой хан тен шин югай лим хван пай нам тян огай тягай мин кан"

# Ukrainian spellings, transliterated with the Ukrainian national system (Oleksandr, Serhii, Mykola,
# Shevchenko, Oliinyk).  Those spelt with Russian letters only also go into the Cyrillic lists.
UKRAINIAN_MASC = """
олександр олексій андрій сергій юрій дмитро микола михайло володимир василь григорій віталій віктор
ігор олег петро павло тарас богдан остап степан ярослав євген іван максим денис артем анатолій валерій
геннадій леонід федір тимофій матвій назар роман руслан станіслав вадим костянтин кирило ілля данило
вʼячеслав святослав валентин борис олекса мирослав зіновій орест
"""
UKRAINIAN_FEMN = """
олена оксана ірина тетяна наталія наталя юлія людмила світлана галина ганна катерина марія софія
анастасія вікторія дарина дарʼя ольга надія любов валентина лариса алла інна христина соломія олеся
уляна зоряна мирослава ярослава богдана віра
"""
UKRAINIAN_SURNAMES = """
шевченко бондаренко коваленко ткаченко кравченко олійник мельник коваль бойко ткачук савчук поліщук
марченко мороз лисенко руденко петренко клименко павленко кравчук шевчук гриценко литвиненко приходько
гончаренко савченко левченко карпенко мазур білик зінченко кузьменко пономаренко захарченко тимошенко
яценко порошенко зеленський кличко симоненко іваненко сидоренко романенко василенко дмитренко костенко
мірошниченко кондратенко нестеренко діденко бабенко сердюк пилипенко мартиненко ковальчук кушнір
остапенко ляшко грищенко науменко юрченко швець мельниченко волошин герасименко демченко хоменко
залужний сирський буданов резніков кулеба єрмак стефанчук шмигаль
"""

# Belarusian names and surnames as Belarusian official Latin spellings and passports give them.
BELARUSIAN_LATIN = """
aliaksandr aliaksandra aliaksei alyaksandr alyaksey siarhei syarhei siarhey uladzimir uladzimer dzmitry
dzmitryi mikalai mikalay yauhen yauheni pavel paval andrei andrey viktar viktor zmitser ales yanka
kastus ihar ivan iosif mikhail mikhas aleh raman ruslan vital vitali yury yuri hanna hena katsiaryna
katsyaryna maryia maryja natallia natalia tatsiana tatsyana volha volga iryna sviatlana sviatlana
liudmila alena alesia yulia yuliya valiantsina valyantsina tsikhanouskaya tsikhanouski tsikhanovskaya
lukashenka lukashenko babaryka kalesnikava bialiatski byaliatski kavalenka shushkevich karatkevich
bykau bykaw kavalyou kavaliou novik zhuk hanchar martsinkevich kalinouski kupala kolas
"""

# Spellings no rule makes, or only one system makes: conventional and Western forms.
LATIN_EXTRA = """
alexander alexandre alexandr alexandra alexei alexey alexeï aleksei alexis alexeyev
dimitri dimitry dimitriy dimitrij dmitrij maxime maxim maksim mikhail michail mikhaïl nicolai nicolaï
nikolaï nikolai nikolay gueorgui guéorgui evguéni evgueni evgeniy yevgeny yevgeniy eugeny evgeny
fédor fiodor fyodor fedor piotr pyotr petr semion semyon semen artiom artyom artem alyona aliona
yelena elena natalia natalya nathalia tatiana tatyana tatjana ioulia yulia julia iouri yuri
yury youri iouriy ekaterina yekaterina katerina katia katya kate ksenia xenia kseniya oksana vladimir
wladimir volodymyr sergueï serguei sergei sergey sergej serge tchebarkoul tchernov tchaïkovski
tchaikovsky chaikovsky dostoïevski dostoevsky dostoyevsky tolstoï tolstoy gorbatchev gorbachev
khrouchtchev khrushchev brejnev brezhnev poutine putin navalny navalnyi navalni choïgou shoigu
prigojine prigozhin sourovikine surovikin guerassimov gerasimov medvedev medvedeff kadyrov kadyroff
zelensky zelenski zelenskyy zelenskiy zelenskyi joukov zhukov sokoloff smirnoff popoff ivanoff petroff
orloff romanoff lee li kim pak park tsoi tsoy choi khan han ahn
"""

# English words that a Latin spelling may equal, besides the stop words, Debian's lists and the
# codename list: short common words and military words, so that they count whatever the lists hold.
STOP_EN = """
a ad ah am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we
ace act add age ago aid aim air all and ant any ape arc are ark arm art ash ask ate awe axe bad bag ban
bar bat bay bed bee beg bet bib bid big bin bit boa bob bog boo bow box boy bra bud bug bum bun bus but
buy bye cab cad cam can cap car cat cod cog con cop cot cow coy cry cub cud cue cup cur cut dab dad dam
day den dew did die dig dim din dip doe dog don dot dry dub dud due dug dun duo dye ear eat ebb eel egg
ego elf elk elm emu end era eve ewe eye fad fan far fat fax fed fee fen few fib fig fin fir fit fix flu
fly foe fog for fox fry fun fur gag gal gap gas gay gel gem get gig gin gnu god got gum gun gut guy gym
had ham has hat hay hem hen her hew hex hid him hip his hit hob hog hop hot how hub hue hug hum hut ice
icy ill imp ink inn ion ire irk its ivy jab jag jam jar jaw jay jet jig job jog jot joy jug jut keg ken
key kid kin kit lab lad lag lap law lax lay lea led leg let lid lie lip lit log lot low lug mad man map
mar mat maw may men met mew mid mix mob mod mom mop mow mud mug mum nab nag nap nay net new nib nil nip
nit nod nor not now nun nut oaf oak oar oat odd ode off oft oil old one opt orb ore our out owe owl own
pad pal pan pap par pat paw pay pea peg pen pep per pet pew pie pig pin pit ply pod pop pot pox pro pry
pub pun pup pus put rag ram ran rap rat raw ray red ref rib rid rig rim rip rob rod roe rot row rub rug
rum run rut rye sac sad sag sap sat saw say sea see set sew sex she shy sin sip sir sis sit six ski sky
sly sob sod son sop sow soy spa spy sty sub sue sum sun sup tab tad tag tan tap tar tat tax tea tee ten
the tic tie tin tip toe tom ton too top tot tow toy try tub tug two urn use van vat vet vex via vie vow
wad wag war was wax way web wed wee wet who why wig win wit woe wok won woo wow yak yam yap yaw yea yen
yes yet yew you zap zen zip zoo
army bomb corps gun guns kill mine rifle shell shot tank tanks troop troops war wars soldier major
general colonel private sergeant marine navy drone drones
will mark grant rose may nick bill pat rob sue dan don ray roman serge
gore rust bond lance dash dean earl frank gene hunt jack jay joe kit lily mike miles penny pierce
ralph rich rocky sandy skip stone wade ward wood max tim tom bob
"""

# French words that a Latin spelling may equal, besides spaCy's stop words and Debian's list.
STOP_FR = """
a à au aux ce ces de des du elle en et il ils je la le les leur lui ma mais me mes moi mon ne ni nos
notre nous on ou où par pas pour qu que qui sa se ses si son sur ta te tes toi ton tu un une vos votre
vous y
ami an bas bon bu chat cher dit dos du eu fil fin fit fou gars gris ici jus lac lit loi long lu mal mer
mur nu nul oui pain paix pire plat pot pré pu rat rien riz roi rue sac sel seul sol sot sous tant tard
tas tir toit tôt tout trop vie vin vol vu
armée guerre soldat char fusil obus mine bombe drone
"""


def words(text: str) -> list[str]:
    return text.split()


def fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


# ---------------------------------------------------------------------------------------------
# The dictionary.
# ---------------------------------------------------------------------------------------------


def read_dictionary():
    """First names (lemma → genders), patronymics, surnames from the pymorphy3 dictionary."""
    import pymorphy3

    analyzer = pymorphy3.MorphAnalyzer()
    dictionary = analyzer.dictionary
    wanted = {}  # paradigm id → {form index: tag}
    for para_id, paradigm in enumerate(dictionary.paradigms):
        n = len(paradigm) // 3
        tags = {}
        for idx in range(n):
            tag = str(dictionary.gramtab[paradigm[n + idx]])
            if "Name" in tag or "Surn" in tag or "Patr" in tag:
                tags[idx] = tag
        if tags:
            wanted[para_id] = tags

    first: dict[str, set[str]] = defaultdict(set)
    patronymics: set[str] = set()
    surnames: set[str] = set()
    for word, (para_id, idx) in dictionary.words.iteritems():
        tags = wanted.get(para_id)
        if tags is None or idx not in tags:
            continue
        grammemes = set(re.split(r"[ ,]", tags[idx]))
        if "Name" in grammemes and idx == 0:
            first[word].update(grammemes & {"masc", "femn", "ms-f"})
        nominative = {"sing", "nomn"} <= grammemes
        if "Patr" in grammemes and nominative:
            patronymics.add(word)
        if "Surn" in grammemes and nominative:
            surnames.add(word)
    return analyzer, first, patronymics, surnames


def feminine_surname(surname: str) -> str | None:
    """Иванов → Иванова, Достоевский → Достоевская, Толстой → Толстая; None for Шевченко, Ким."""
    for masc, femn in (
        ("ский", "ская"),
        ("цкий", "цкая"),
        ("ской", "ская"),
        ("цкой", "цкая"),
        ("ой", "ая"),
        ("ый", "ая"),
    ):
        if surname.endswith(masc):
            return surname[: -len(masc)] + femn
    if re.search(r"(ов|ев|ёв|ин|ын)$", surname):
        return surname + "а"
    return None


def gender_of(genders: set[str]) -> str:
    if genders == {"masc"}:
        return "masc"
    if genders == {"femn"}:
        return "femn"
    return "ms-f"


# ---------------------------------------------------------------------------------------------
# Transliteration.
# ---------------------------------------------------------------------------------------------


class System:
    """A transliteration system: each Cyrillic letter, cluster or ending gives one or more spellings.

    ``letters`` maps a letter to its spellings after a consonant; ``iotated`` to its spellings at
    the start of a word and after a vowel or a sign (е ё ю я); ``after_vowel`` to those after a
    vowel only (й и in French); ``clusters`` are read before single letters (кс, дж, ье); ``endings``
    are tried, longest first, at the end of the word.  ``hook`` may rewrite a letter's spellings
    from its neighbours (French gu, ss).
    """

    def __init__(
        self,
        name,
        letters,
        iotated=None,
        after_vowel=None,
        clusters=(),
        endings=(),
        hook=None,
        after_sibilant=None,
        iotate_inside=True,
    ):
        self.name = name
        self.iotate_inside = iotate_inside
        self.letters = letters
        self.iotated = iotated or {}
        self.after_vowel = after_vowel or {}
        self.after_sibilant = after_sibilant or {}
        self.clusters = sorted(clusters, key=lambda kv: -len(kv[0]))
        self.endings = sorted(endings, key=lambda kv: -len(kv[0]))
        self.hook = hook

    def spell(self, word: str) -> list[str]:
        parts = [self._spell_part(part) for part in word.split("-")]
        out = []
        for combo in itertools.islice(itertools.product(*parts), MAX_VARIANTS):
            out.append("-".join(combo))
        return out

    def _spell_part(self, word: str) -> list[str]:
        ending_alts = ("",)
        stem = word
        for ending, alts in self.endings:
            if word.endswith(ending) and len(word) > len(ending):
                stem, ending_alts = word[: -len(ending)], alts
                break
        slots = []
        i = 0
        while i < len(stem):
            prev = stem[i - 1] if i else None
            for cluster, alts in self.clusters:
                if stem.startswith(cluster, i):
                    slots.append(alts)
                    i += len(cluster)
                    break
            else:
                letter = stem[i]
                nxt = word[i + 1] if i + 1 < len(word) else None  # the ending's first letter counts (Сергей)
                if prev is None or (self.iotate_inside and (prev in VOWELS or prev in SIGNS)):
                    alts = self.iotated.get(letter)
                    if prev is not None and prev in VOWELS and letter in self.after_vowel:
                        alts = self.after_vowel[letter]
                else:
                    alts = None
                if alts is None and prev is not None and prev in SIBILANTS:
                    alts = self.after_sibilant.get(letter)
                if alts is None:
                    alts = self.letters[letter]
                if self.hook:
                    alts = self.hook(letter, prev, nxt, alts)
                slots.append(alts)
                i += 1
        slots.append(ending_alts)
        spellings = []
        for combo in itertools.islice(itertools.product(*slots), MAX_VARIANTS):
            spellings.append("".join(combo))
        return spellings


def table(text: str) -> dict[str, tuple[str, ...]]:
    """'а a, б b, е e|ye' → {'а': ('a',), 'б': ('b',), 'е': ('e', 'ye')}; '-' is the empty spelling."""
    out = {}
    for item in text.split(","):
        key, _, value = item.strip().partition(" ")
        out[key] = tuple("" if v == "-" else v for v in value.split("|"))
    return out


BASE = table(
    "а a, б b, в v, г g, д d, е e, ё e, ж zh, з z, и i, й y, к k, л l, м m, н n, о o, п p, р r, с s, т t, "
    "у u, ф f, х kh, ц ts, ч ch, ш sh, щ shch, ъ -, ы y, ь -, э e, ю yu, я ya"
)


def with_(base, text):
    return {**base, **table(text)}


BGN = System(
    "BGN/PCGN",
    with_(BASE, "ё ë|e"),
    iotated=table("е ye, ё yë|ye, ю yu, я ya"),
)
ICAO = System("ICAO 9303", with_(BASE, "й i, ъ ie, ю iu, я ia"))
PASSPORT_1997 = System("passport 1997", BASE, iotated=table("е e|ye, ё e|ye"))
PASSPORT_2010 = System("passport 2010", with_(BASE, "й i, ц tc, ю iu, я ia"))
SCHOLARLY = System(
    "scholarly",
    with_(BASE, "ё ë, ж ž, й j, х x, ц c, ч č, ш š, щ šč, э è, ю ju, я ja"),
    iotated=table("е e|je, ё ë|jë"),
)


def english_hook(letter, prev, nxt, alts):
    if letter == "ю" and prev == "л":
        return (*alts, "u")  # Ludmila, Luba
    return alts


ENGLISH = System(
    "English",
    with_(BASE, "ё yo|io|e, ю yu|iu, я ya|ia"),
    iotated=table("е ye|e, ё yo|e, ю yu, я ya"),
    after_sibilant=table("ё o|e, ю u|yu, я a|ya"),
    clusters=[
        ("кс", ("x", "ks")),
        ("дж", ("j", "dzh")),
        ("ье", ("ye", "ie", "e")),
        ("ьи", ("yi", "i")),
        ("ья", ("ya", "ia")),
        ("ьё", ("yo", "io")),
        ("ью", ("yu", "iu")),
        ("йя", ("ya", "yya")),
    ],
    endings=[
        ("ий", ("y", "i", "iy", "ii")),
        ("ый", ("y", "iy", "yy")),
        ("ой", ("oy", "oi")),
        ("ей", ("ey", "ei")),
        ("ай", ("ai", "ay")),
        ("уй", ("uy", "ui")),
        ("ия", ("ia", "iya")),
        ("ья", ("ya", "ia", "iya")),
        ("ский", ("sky", "ski", "skiy", "skii")),
        ("цкий", ("tsky", "tski", "tskiy", "tskii")),
        ("ская", ("skaya", "skaia")),
        ("цкая", ("tskaya", "tskaia")),
        ("ая", ("aya",)),
    ],
    hook=english_hook,
)


def french_hook(letter, prev, nxt, alts):
    if letter == "г" and nxt in ("е", "и", "ы", "э", "й"):
        return ("gu",)
    if letter == "с" and prev in VOWELS and nxt in VOWELS:
        return ("ss", "s")
    if prev in ("и", "ы") and letter == "е":
        return ("e",)  # Dmitrievitch
    if prev in ("и", "ы"):
        return tuple(alt for alt in alts if "ï" not in alt) or alts  # Dmitrievitch, not Dmitriïevitch
    return alts


FRENCH = System(
    "French",
    table(
        "а a, б b, в v, г g, д d, е e, ё io|e, ж j, з z, и i, й i, к k, л l, м m, н n, о o, п p, р r, с s, "
        "т t, у ou, ф f, х kh, ц ts, ч tch, ш ch, щ chtch, ъ -, ы y|i, ь -, э e, ю iou, я ia"
    ),
    iotated=table("е e|ie, ё io|e, ю iou, я ia"),
    after_vowel=table("е ïe|ie|e, и ï|i, й ï|i, я ïa|ia"),
    after_sibilant=table("ё o|e, ю ou, я a|ia"),
    clusters=[
        ("кс", ("x", "ks")),
        ("дж", ("dj",)),
        ("ье", ("ie",)),
        ("ья", ("ia",)),
        ("ьё", ("io",)),
        ("ью", ("iou",)),
        ("ьи", ("i",)),
        ("йя", ("ïa", "ia")),
    ],
    endings=[
        ("ий", ("i",)),
        ("ый", ("y", "i")),
        ("ой", ("oï", "oi")),
        ("ей", ("eï", "ei")),
        ("ай", ("aï", "ai")),
        ("уй", ("ouï", "oui")),
        ("ия", ("ia",)),
        ("ья", ("ia",)),
        ("ский", ("ski",)),
        ("цкий", ("tski",)),
        ("ская", ("skaïa", "skaia")),
        ("цкая", ("tskaïa", "tskaia")),
        ("ая", ("aïa", "aia")),
    ],
    hook=french_hook,
)

RUSSIAN_SYSTEMS = (BGN, ICAO, PASSPORT_1997, PASSPORT_2010, SCHOLARLY, ENGLISH, FRENCH)

UKRAINIAN = System(
    "Ukrainian 2010",
    table(
        "а a, б b, в v, г h, ґ g, д d, е e, є ie, ж zh, з z, и y, і i, ї i, й i|y, к k, л l, м m, н n, о o, "
        "п p, р r, с s, т t, у u, ф f, х kh, ц ts, ч ch, ш sh, щ shch, ь -, ю iu|yu, я ia|ya, ʼ -"
    ),
    iotated=table("є ye, ї yi, й y, ю yu, я ya"),
    clusters=[("зг", ("zgh", "zh")), ("ʼя", ("ia", "ya")), ("ʼє", ("ie", "ye"))],
    endings=[("ій", ("ii", "iy")), ("ий", ("yi", "y", "iy", "yy"))],
    iotate_inside=False,
)


def strip_accents(text: str) -> str:
    """ï ë è é → i e e e (not č š ž, which scholarly spellings keep)."""
    out = []
    for ch in text:
        if ch in "ïëèéêäöü":
            ch = unicodedata.normalize("NFD", ch)[0]
        out.append(ch)
    return "".join(out)


def latin_spellings(word: str, *, surname: bool = False) -> set[str]:
    """Every Latin spelling of a Cyrillic (Russian) name, ё read as ё and as е."""
    forms = {word, word.replace("ё", "е")}
    out = set()
    for form in forms:
        for system in RUSSIAN_SYSTEMS:
            out.update(system.spell(form))
    if surname:
        for spelling in list(out):
            if spelling.endswith(("ov", "ev")) and re.search("(ов|ев|ёв)$", word):
                out.add(spelling[:-1] + "ff")
    out |= {strip_accents(s) for s in out}
    return {s for s in out if len(s) >= 2}


# ---------------------------------------------------------------------------------------------
# Ambiguity.
# ---------------------------------------------------------------------------------------------

PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"}
POSSESSIVE = re.compile(r"^(.+?)(ов|ев|ин|ын)$")


def ordinary_word(analyzer, word: str, first_names: set[str]) -> bool:
    """Whether pymorphy3's dictionary has a parse of the word that is not a proper name.

    A possessive adjective made from a first name (иванов, ильин, сашин: Ivan's, Ilya's, Sasha's)
    is written with a capital letter like the name, so it does not count; one made from a common
    noun (бабушкин, кошкин) does.
    """
    from pymorphy3.units import DictionaryAnalyzer

    for parse in analyzer.parse(word):
        if len(parse.methods_stack) != 1 or not isinstance(parse.methods_stack[0][0], DictionaryAnalyzer):
            continue  # a guess from the word's ending, not a dictionary word
        if PROPER & parse.tag.grammemes:
            continue
        if "Poss" in parse.tag.grammemes:
            match = POSSESSIVE.match(fold(parse.normal_form))
            if match and any(match[1] + end in first_names for end in ("", "а", "я", "ь", "й")):
                continue
        return True
    return False


def system_words(path: Path) -> set[str]:
    """The lower-case entries of a Debian word list: ordinary words, not names (those are capitalized)."""
    if not path.exists():
        sys.exit(f"{path} is missing: apt-get install wamerican wbritish wfrench")
    return {w for w in path.read_text(encoding="utf-8").split("\n") if w and w == w.lower() and "'" not in w}


def latin_stopwords() -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    stop = set(EN) | set(FR) | set(words(STOP_EN)) | set(words(STOP_FR))
    stop |= set(EN_CODENAMES.read_text(encoding="utf-8").split())
    for path in WORD_LISTS:
        stop |= system_words(path)
    stop = {w.casefold() for w in stop}
    stop |= {strip_accents(w) for w in stop}
    return stop


# ---------------------------------------------------------------------------------------------
# Build and write.
# ---------------------------------------------------------------------------------------------


def build() -> dict[str, list[str]]:
    started = time.monotonic()
    analyzer, first, patronymics, surnames = read_dictionary()
    print(
        f"dictionary: {len(first)} first names, {len(patronymics)} patronymics, {len(surnames)} surnames "
        f"({time.monotonic() - started:.0f} s)",
        file=sys.stderr,
    )

    for text, gender in ((DIMINUTIVES_MASC, "masc"), (DIMINUTIVES_FEMN, "femn"), (DIMINUTIVES_MSF, "ms-f")):
        for word in words(text):
            first[word].add(gender)
    # The dictionary makes some women's names of the Caucasus and Central Asia masculine (Айсылу,
    # Ляйсан, Этери) and some men's feminine (Адиль): the hand list decides for the names it has.
    for text, gender in ((EXTRA_FIRST_NAMES_MASC, "masc"), (EXTRA_FIRST_NAMES_FEMN, "femn")):
        for word in words(text):
            first[word] = {gender}
    for text, gender in ((UKRAINIAN_MASC, "masc"), (UKRAINIAN_FEMN, "femn")):
        for word in words(text):
            if CYRILLIC_WORD.match(word):
                first[word].add(gender)
    for word in words(EXTRA_SURNAMES):
        surnames.add(word)
        feminine = feminine_surname(word)
        if feminine:
            surnames.add(feminine)
    surnames.update(words(KOREAN_SURNAMES))
    surnames.update(w for w in words(UKRAINIAN_SURNAMES) if CYRILLIC_WORD.match(w))

    # Keep Cyrillic words of two letters or more; fold ё, merging genders of «лёва» and «лева».
    genders: dict[str, set[str]] = defaultdict(set)
    spelled: dict[str, set[str]] = defaultdict(set)  # folded → spellings with ё, for transliteration
    for word, gs in first.items():
        if CYRILLIC_WORD.match(word) and len(word) >= 2:
            genders[fold(word)] |= gs
            spelled[fold(word)].add(word)
    patr = {}
    for word in patronymics:
        if CYRILLIC_WORD.match(word) and len(word) >= 4:
            patr.setdefault(fold(word), set()).add(word)
    surn = {}
    for word in surnames:
        if CYRILLIC_WORD.match(word) and len(word) >= 2:
            surn.setdefault(fold(word), set()).add(word)

    first_lines = sorted(f"{w}\t{gender_of(gs)}" for w, gs in genders.items())
    cyrillic = set(genders) | set(patr) | set(surn)
    ambiguous = sorted(w for w in cyrillic if ordinary_word(analyzer, w, set(genders)))
    print(f"ambiguous Cyrillic: {len(ambiguous)} ({time.monotonic() - started:.0f} s)", file=sys.stderr)

    latin = set()
    for forms in spelled.values():
        for form in forms:
            latin |= latin_spellings(form)
    for forms in patr.values():
        for form in forms:
            latin |= latin_spellings(form)
    for forms in surn.values():
        for form in forms:
            latin |= latin_spellings(form, surname=True)
    for word in words(UKRAINIAN_MASC) + words(UKRAINIAN_FEMN) + words(UKRAINIAN_SURNAMES):
        latin |= set(UKRAINIAN.spell(word))
    latin |= set(words(BELARUSIAN_LATIN)) | set(words(LATIN_EXTRA))
    latin = {fold(s) for s in latin if LATIN_WORD.match(fold(s)) and len(s) >= 2}
    latin |= {strip_accents(s) for s in latin}

    stop = latin_stopwords()
    latin_ambiguous = sorted(s for s in latin if s in stop or strip_accents(s) in stop)
    print(
        f"Latin: {len(latin)} spellings, {len(latin_ambiguous)} ambiguous ({time.monotonic() - started:.0f} s)",
        file=sys.stderr,
    )

    return {
        "ru_first_names.txt": first_lines,
        "ru_patronymics.txt": sorted(patr),
        "ru_surnames.txt": sorted(surn),
        "ambiguous.txt": ambiguous,
        "latin_names.txt": sorted(latin),
        "latin_ambiguous.txt": latin_ambiguous,
    }


def check(lists: dict[str, list[str]]) -> None:
    for name, lines in lists.items():
        assert lines == sorted(set(lines)), f"{name}: not sorted or has duplicates"
        assert all(line == fold(line) and line.strip() == line and line for line in lines), name
        size = sum(len(line.encode()) + 1 for line in lines)
        assert size < MAX_BYTES, f"{name}: {size} bytes"
    latin = set(lists["latin_names.txt"])
    assert set(lists["latin_ambiguous.txt"]) <= latin
    cyrillic = {line.split("\t")[0] for line in lists["ru_first_names.txt"]}
    cyrillic |= set(lists["ru_patronymics.txt"]) | set(lists["ru_surnames.txt"])
    assert set(lists["ambiguous.txt"]) <= cyrillic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = parser.parse_args(argv)

    lists = build()
    check(lists)
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in ("pymorphy3", "pymorphy3-dicts-ru"))
    differ = []
    for name, lines in lists.items():
        path = OUT_DIR / name
        text = "".join(line + "\n" for line in lines)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                differ.append(name)
        else:
            path.write_text(text, encoding="utf-8")
        print(f"{name}: {len(lines)} entries, {len(text.encode())} bytes", file=sys.stderr)
    print(f"made with {versions}", file=sys.stderr)
    if differ:
        print("differ: " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
