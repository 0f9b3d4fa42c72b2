"""The word lists every reader shares, written once: numbers, ranks, months and weekdays as the articles
write them."""

from __future__ import annotations

NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50,
                                                    "hundred": 100}
ORDINAL_WORDS = {w: n for n, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth".split())}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
MONTHS = tuple("January February March April May June July August September October November December".split())
WEEKDAYS = tuple("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
GENRES = tuple("thriller horror coming-of-age survival comedy romance action fantasy mystery apocalyptic "
               "post-apocalyptic sci-fi crime".split())
# Countries fans ask about, often in lower case ("what rank did it hit in japan"): a name all the same.
COUNTRIES = tuple("afghanistan argentina australia austria bangladesh belgium brazil britain canada chile china "
                  "colombia denmark egypt england finland france germany greece india indonesia iran iraq ireland "
                  "israel italy japan kenya korea malaysia mexico morocco netherlands nigeria norway pakistan peru "
                  "philippines poland portugal russia scotland singapore spain sweden switzerland taiwan thailand "
                  "turkey uk ukraine usa vietnam".split())
