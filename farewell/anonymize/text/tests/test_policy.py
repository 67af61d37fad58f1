import pytest

from farewell.anonymize.text.policy import decide
from farewell.anonymize.text.types import KEEP, REDACT, Entity


@pytest.mark.parametrize(
    "label, text, action",
    [
        ("LOCATION", "России", KEEP),
        ("LOCATION", "Украиной", KEEP),
        ("LOCATION", "Соединённых Штатах", KEEP),
        ("LOCATION", "les États-Unis", KEEP),
        ("LOCATION", "Kazakhstan", KEEP),
        ("LOCATION", "Чебаркуле", REDACT),
        ("LOCATION", "Челябинской области", REDACT),
        ("LOCATION", "Moscow", REDACT),  # below country level
        ("PERSON", "Путина", KEEP),
        ("PERSON", "Владимир Путин", KEEP),
        ("PERSON", "Poutine", KEEP),
        ("PERSON", "Шойгу", KEEP),
        ("PERSON", "Игорь Сомов", REDACT),
        ("PERSON", "Анна", REDACT),
        ("ORGANIZATION", "Россия", REDACT),  # the policy keeps places, not organizations named so
    ],
)
def test_countries_and_public_figures_stay_everything_else_is_redacted(label, text, action):
    assert decide(Entity(0, len(text), label, text)).action == action
