from bot.knowledge.text import Thesaurus, same_family, term, terms, words
from bot.settings import Settings


def test_words_fold_hyphens_possessives_accents_and_shorthand():
    assert words("Cheong-san's") == ["cheong", "san", "cheongsan"]
    assert words("Café") == ["cafe"]
    assert words("top of the U.S. chart") == ["top", "of", "the", "usa", "chart"]
    assert words("all of us") == ["all", "of", "us"]
    assert words("is s2 out") == ["is", "season", "2", "out"]
    # A day of the month is no count: "January 28" shares no figure with "its first 28 days".
    assert words("out on January 28") == ["out", "on", "january"]
    assert words("out on 28 Jan.") == ["out", "on", "jan"]
    assert "28" in words("its first 28 days")


def test_terms_meet_across_spellings_numbers_and_inflections():
    assert terms("Hyozan") == terms("Hyosan")
    assert term("seven") == term("7")
    assert term("premiered") == term("premiere")
    assert terms("the and of") == []
    # "keep getting" only says how often: what is asked is the verb after it.
    assert terms("why does it keep getting delayed") == terms("why was it delayed")


def test_word_families_and_the_thesaurus():
    assert same_family(term("directors"), term("directed"))
    assert not same_family(term("play"), term("player"))
    thesaurus = Thesaurus.load(Settings().synonyms_file)
    assert thesaurus.related(term("premiere"), term("released"))
    assert thesaurus.related(term("actress"), term("cast"))
    assert not thesaurus.related(term("premiere"), term("cast"))
    assert thesaurus.related(term("without"), term("absence"))  # what they go without is what they lack
    assert thesaurus.related(term("main"), term("lead"))  # the main characters are the lead roles
    assert thesaurus.related(term("call"), term("claimed"))  # what fans called it is what they claimed it was
    assert thesaurus.related(term("weekend"), term("sunday"))  # over the weekend is on its days
    assert thesaurus.related(term("climbing"), term("increased"))  # points climbing are points increasing
    assert thesaurus.related(term("missing"), term("absence"))
    assert thesaurus.related(term("important"), term("central"))  # how important a character is: a central role
    assert thesaurus.related(term("safety"), term("quarantine"))  # making it to safety is reaching quarantine
