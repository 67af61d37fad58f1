"""People clustered across accounts: inflection, transliteration, namesakes, first names alone."""

import pytest

from farewell.verify import people


def clustered(*mentions: tuple[str, str]) -> list[set[str]]:
    """Clusters as sets of surface forms, from (file, text containing the name in [brackets])."""
    found = []
    for file, marked in mentions:
        start = marked.index("[")
        end = marked.index("]") - 1
        text = marked.replace("[", "").replace("]", "")
        found.append(people.mention(file, text, start, end))
    return [{m.text for m in c.mentions} for c in people.cluster(found, {})]


@pytest.mark.parametrize(
    "mentions, expected",
    [
        # One man in four spellings and two cases.
        (
            [
                ("a", "[Дмитрий Соколов] ушёл"),
                ("b", "[Dmitri Sokolov] left"),
                ("c", "[Dmitrii Sokolov] a quitté"),
                ("a", "я видел [Соколова] там"),
            ],
            [{"Дмитрий Соколов", "Dmitri Sokolov", "Dmitrii Sokolov", "Соколова"}],
        ),
        # His wife is another person.
        (
            [("a", "[Дмитрий Соколов] ушёл"), ("a", "жена [Анна Соколова] плакала")],
            [{"Дмитрий Соколов"}, {"Анна Соколова"}],
        ),
        # A first name alone joins the only person it fits.
        (
            [("a", "[Юрий Волков] служил"), ("b", "[Iouri] a dit"), ("c", "[Yury Volkov] said")],
            [{"Юрий Волков", "Yury Volkov", "Iouri"}],
        ),
        # ... and not when two people share it.
        (
            [
                ("a", "[Сергей Орлов] и [Сергей Белов]".replace("[Сергей Белов]", "Сергей Белов")),
                ("a", "Сергей Орлов и [Сергей Белов]"),
                ("b", "[Сергей] сказал"),
            ],
            [{"Сергей Орлов"}, {"Сергей Белов"}, {"Сергей"}],
        ),
        # Unrelated surnames stay apart.
        (
            [("a", "майор [Лебедев] кричал"), ("b", "Major [Lebedev] shouted"), ("b", "[Petrov] said")],
            [{"Лебедев", "Lebedev"}, {"Petrov"}],
        ),
    ],
)
def test_it_clusters_names(mentions, expected):
    got = clustered(*mentions)
    assert sorted(map(sorted, got)) == sorted(map(sorted, expected))


def test_it_notes_self_naming_and_pseudonyms():
    text = "Меня зовут Дмитрий Соколов. Андрей (имя изменено) рассказал."
    own = people.mention("a", text, 11, 26)
    other = people.mention("a", text, 28, 34)
    assert own.self_named and not own.pseudonym
    assert other.pseudonym and not other.self_named
    clusters = people.cluster([own, other], {"a": True})
    assert [c.narrator for c in clusters] == [True, False]


@pytest.mark.parametrize(
    "a, b, close",
    [
        ("sokolov", "sokolov", True),
        ("sokolov", "sokolof", True),
        ("sokolov", "sokolova", False),
        ("ivan", "ivak", False),
        ("", "x", False),
    ],
)
def test_close_keys(a, b, close):
    assert people.close(a, b) is close
