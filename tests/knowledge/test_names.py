import pytest

from bot.knowledge.names import AliasBook, name_key, similar_keys
from bot.settings import Settings


@pytest.mark.parametrize(("a", "b"), [
    ("Cheong-san", "Chung-San"), ("Park Ji-hu", "Park Ji-hoo"), ("Park Ji-hu", "Park Ji-Hu"),
    ("Lee Jae-kyoo", "Lee Jae-Gyu"), ("Hyosan", "Hyozan"), ("Chun Sung-il", "Cheon Seong-il"),
    ("Lee You-mi", "Lee Yoo-mi"), ("Yoon Chan-young", "Yoon Chang-Young"),
])
def test_romanization_variants_are_one_name(a: str, b: str):
    assert similar_keys(name_key(a), name_key(b))


@pytest.mark.parametrize(("a", "b"), [
    ("Kim Nam-su", "Kim Nam-ra"), ("Park Ji-hu", "Park Solomon"), ("Lee Su-hyeok", "Lee Na-yeon"),
    ("Cho Yi-hyun", "Choi Nam-ra"),
])
def test_different_people_stay_apart(a: str, b: str):
    assert not similar_keys(name_key(a), name_key(b))


def test_the_alias_file_relates_what_no_rule_can():
    book = AliasBook.load(Settings().aliases_file)
    assert "Park Solomon" in book.variants("Lomon")
    assert "Lee JQ" in book.variants("Lee Jae-Gyu")  # a spelling variant of the listed Lee Jae-kyoo
    assert book.mentioned_in("who is lee jq?")
    assert book.variants("Yoo In-soo") == ()
