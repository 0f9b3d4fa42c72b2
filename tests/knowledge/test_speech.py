"""Who said what, attributed at index time: surnames and pronouns resolved to the person introduced."""

from bot.knowledge.speech import attribute, speaker_of


def test_a_quote_names_its_speaker():
    assert speaker_of('"Our zombies are fast and furious," Lee said in an online conference.') == "Lee"
    assert speaker_of("Park said the isolation makes the series relatable.") == "Park"
    assert speaker_of("The series has been created by three writers.") is None


def test_surnames_and_pronouns_resolve_to_the_person_the_article_introduced():
    texts = ["It is helmed by Lee Jae-Gyu, known for Damo.",
             "Its main cast includes Park Ji-Hu and Lomon.",
             '"Ours have terror that drives them," Lee said.',
             "Park said the pandemic makes it relatable.",
             '"It will resonate with a lot of people," she said.',
             "Most of the cast are new actors."]
    assert attribute(texts) == [None, None, "Lee Jae-Gyu", "Park Ji-Hu", "Park Ji-Hu", None]


def test_an_outlet_is_the_speaker_of_what_it_reported():
    assert speaker_of("According to a report by Pinkvilla, the series has topped the rankings.") == "Pinkvilla"
    assert speaker_of("All of Us are Dead, as per a report on Deadline, has topped the Top 10 list.") == "Deadline"
    assert speaker_of("It took the No. 1 spot in 25 countries, Soompi reported.") == "Soompi"


def test_an_unattributed_quotation_goes_on_with_the_words_before():
    texts = ['"Ours have terror that drives them," Lee said.',
             '"They are scared that others might strike them."',
             "Most of the cast are new actors.",
             '"A quotation after no one\'s words."']
    assert attribute(texts) == ["Lee", "Lee", None, None]


def test_anonymous_speakers_are_speakers_too():
    assert speaker_of("Reviews poured in, with one user quipping that the cast was brilliant.") == "one user"
