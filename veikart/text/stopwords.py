"""Words that carry no meaning for search or comparison.

The Norwegian list is Snowball's (bokmål and nynorsk, BSD licence); the
English one is a short common list. Both are compared after ``fold`` so that
"på" and "pa" are the same stop word.
"""

from __future__ import annotations

from veikart.text.normalise import fold

_NORWEGIAN_TEXT = """
og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om vi
min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv
sjøl her alle vil bli ble blei blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned
skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir
samme hvilken hvilke sånn inni mellom vår hver hvem vors hvis både bare enn fordi før mange også slik
vært båe begge siden dykk dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe
henne hennar hennes hoss hossen ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan
mi mine mykje no nokon noka nokor noko nokre sia sidan so somt somme um upp vere vore verte vort
varte vart seg sin sitt sine
"""

_ENGLISH_TEXT = """
a an and are as at be been but by for from has have he her his i in into is it its of on or our she
so than that the their them then there these they this to was we were what when where which who will
with would you your not no can may shall should do does did
"""

NORWEGIAN = _NORWEGIAN_TEXT.split()
ENGLISH = _ENGLISH_TEXT.split()

_STOP = {
    "norwegian": frozenset(fold(w) for w in NORWEGIAN),
    "english": frozenset(fold(w) for w in ENGLISH),
}


def is_stopword(folded_word: str, algorithm: str = "norwegian") -> bool:
    """True for a folded word that search and comparison ignore."""
    return folded_word in _STOP.get(algorithm, _STOP["norwegian"])
