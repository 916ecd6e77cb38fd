"""What the line model sees of a unit: layout, form, words, and where it stands.

Features are strings (present or absent), so the model is a table of weights
per feature and label that a person can read (``scripts/train_structure.py
--explain``). Four families:

- layout: the reader's kind (heading, paragraph, list item), heading level,
  bold, font size against the body's, a blank line before, a bullet cut out
  of a longer line, first or last on its page;
- form: length, capitals, numbering ("2.3", "A)", "Innsatsområde 2:"),
  closing punctuation, a lower-case start (a continued sentence), digits;
- words: the first two words and the first word's ending (Norwegian present
  tense "Sikrer", "Etablerer"; infinitive "å"; "Vi vil", "We will"), whether
  the first word is an infinitive of the general verb lexicon
  (``flat_verbs.GENERAL_VERBS``: "Utarbeide …", "Videreutvikle …"), the last
  word, the bag of words of the line, and its sentence form (a state set out,
  "Alle barn skal ha …", "Drammen har …", or an action, "Kommunen skal
  sikre …"; the same features in bokmål, nynorsk and English);
- context: the neighbours' form and first-word ending, the words of the nearest label above
  ("SLIK VIL VI HA DET:", "Tiltak", "Hovudmål") with how far away it is —
  what the heading over a list says is the strongest cue to what the list is
  (its words by their last three letters, the head of a Norwegian compound) —
  and the words of the next label below ("Hvordan gjør vi det?" under a goal),
  each word also together with the unit's sentence form.

The label of the unit before (``dynamic``), alone and together with whether the
unit is of the same kind as that one (``links``), is added while decoding, as in
a maximum-entropy Markov model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from veikart.ingest.document import Block, BlockKind
from veikart.ingest.structure.flat_verbs import VerbLexicon
from veikart.ingest.tools.sentences import wordset

# "label": a line that heads a list of items ("Mål:", "Tiltak"); text to the assembly (see gold.with_label_class)
LABELS = ("other", "heading", "goal", "commitment", "cont", "label")

_WORD = re.compile(r"[a-zæøåäöüéèA-ZÆØÅÄÖÜÉÈ]+")
_SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+\S")
_LETTER_NUMBER = re.compile(r"^[A-Z][.)]\s+\S")
_AREA_LABEL = re.compile(r"^[A-ZÆØÅa-zæøå]+\s+(?:\d{1,2}|[A-Z])\s*[:.–-]")
_CODE = re.compile(r"^[A-HJ-Z]\d{0,2}\s+(?=[A-ZÆØÅ])")  # "A2 Utvikler …", "C Drammen skal …": a goal table's codes
_ROMAN = re.compile(r"^(?:[ivx]{1,5}|[IVX]{1,5})[.)]\s")
_MODALS = frozenset(["skal", "vil", "må", "bør", "skall", "will", "shall", "must", "should"])
_FORM_CHARS = 200  # capitals and digits are judged on a unit's start: enough, and a long paragraph costs no more
_NOT_LETTER = re.compile(r"[^A-Za-zÀ-ÖØ-öø-ÿ]+")
_NOT_UPPER = re.compile(r"[^A-ZÀ-ÖØ-Þ]+")
_NOT_DIGIT = re.compile(r"\D+")
_LABEL_SCAN = 25  # how far back the nearest label is looked for
_AHEAD_SCAN = 8  # how far ahead the next label is looked for
_BAG_WORDS = 40
# Infinitives that plans use for what an organisation does ("Utarbeide", "Videreutvikle", "Ha"): the general
# lexicon only, nothing harvested from the document (harvesting, and finite verbs as a sign of a statement,
# were worse: cross-validated items F1 0.554 -> 0.536).
_LEXICON = VerbLexicon()
_is_infinitive = lru_cache(maxsize=4096)(_LEXICON.is_infinitive)  # first words repeat: look each up once
_is_finite = lru_cache(maxsize=4096)(_LEXICON.is_finite)

# Sentence form: a goal sets out how things shall be, a commitment says what someone will do. Closed word
# classes of bokmål, nynorsk and English give the same features, so a form learnt in one is known in the others.
# Verbs of being and having (and of experiencing): "skal være", "skal vere", "skal oppleve", "will be".
_STATE_VERBS = wordset("""
    være vere ha kunne oppleve få bli verte bo bu leve trives føle kjenne be have feel live become remain
""")
# The same verbs finite, after a subject: "Krødsherad er …", "Innbyggerne har …", "Barn opplever …".
_FINITE_STATE = wordset("""
    er har blir vert får opplever lever bor bur trives føler kjenner is are has have feel feels lives live
    remains becomes
""")
# A dummy subject opens a statement about the world, not a state set out: "Det er …", "There are …".
_EXPLETIVE = wordset("det dette der denne her it this there that these")
# English verbs that open an action with its subject left out ("Deliver …", "Support …"); the Norwegian ones
# are the verb lexicon's (flat_verbs.GENERAL_VERBS).
_ENGLISH_ACTIONS = wordset("""
    deliver support ensure provide promote develop work improve protect enhance increase reduce encourage
    maintain create establish strengthen continue explore review implement enable identify secure seek
    facilitate address invest plan build
""")
# A sentence that calls itself a goal: "Det er et mål at …", "Målet er …", "Hovudmålet …", "The objective".
# Norwegian compounds begin or end with the word: "målsetjing", "delmål".
# A sentence that sets out a goal in so many words: "Det er et mål at …", "Målet er …", "har som mål å …",
# "Målsettingen for … er at …", "eit mål om …"; a word "mål" alone also names the plan's goals in prose.
_GOAL_PHRASE = re.compile(
    r"\b(?:(?:et|eit|ein|klart|viktig|overordnet|overordna) mål(?:setting|setjing)? (?:at|å|om|for)"
    r"|som mål|mål om|mål(?:et|a|settingen|settinga|setjinga|setningen) (?:er|med|for)"
    r"|hovudmål(?:et|a)? (?:er|for)|hovedmål(?:et)? (?:er|for))\b"
)
_TO_THAT = wordset("til for")
_GOAL_WORDS = wordset("objective objectives outcome outcomes aim aims goal goals target targets ambisjon")


def static_features(units: list[Block]) -> Iterator[list[str]]:
    """The features of every unit that do not depend on the labels chosen, one unit at a time.

    A generator, so a long document never holds every unit's features at once.
    """
    body = _body_size(units)
    forms = [_form(u) for u in units]
    labels = _nearest_labels(units, forms)
    ahead = _next_labels(units, forms)
    pages_first, pages_last = _page_edges(units)
    endings = [_first_ending(u.text) for u in units]  # each unit's is asked up to six times: computed once
    n = len(units)
    for i, unit in enumerate(units):
        f = ["bias"]
        f += _layout(unit, body)
        f += forms[i]
        words = _words(unit.text)
        f += words
        f.append(f"pos={min(9, i * 10 // max(n, 1))}")
        if i in pages_first:
            f.append("page_first")
        if i in pages_last:
            f.append("page_last")
        f += [f"p.{x}" for x in (forms[i - 1] if i else ["none"]) if not x.startswith("len")]
        f += [f"n.{x}" for x in (forms[i + 1] if i + 1 < n else ["none"]) if not x.startswith("len")]
        # The neighbours' first-word endings: a measure between two infinitives ("Utvikle …", "Sikre …")
        # or a goal between two "… er"/"Vi har" sentences (cross-validated items F1 0.579 -> 0.584).
        f.append(f"p.w0suf2={endings[i - 1] if i else 'none'}")
        f.append(f"n.w0suf2={endings[i + 1] if i + 1 < n else 'none'}")

        if i:
            f.append(f"p.kind={units[i - 1].kind.value}")
        if i + 1 < n:
            f.append(f"n.kind={units[i + 1].kind.value}")
        f += _run_position(units, i)
        f += _parallel(units, i, endings)
        f += labels[i]
        f += ahead[i]
        f += _under_label(labels[i] + ahead[i], words)
        yield f


def _under_label(label: list[str], own: list[str]) -> list[str]:
    """The label's words together with the unit's sentence form: under "Mål" a sentence that sets out a
    state is a goal and a verb first a measure; under "Tiltak" a state may still be the goal column of a
    flattened table ("Mål | Tiltak")."""
    cues = [cue for cue in label if cue.startswith(("lab~", "ahead~"))]
    if not cues:
        return []  # the unit's own features need no scan (they are some 45 a unit)
    form = next((x for x in own if x.startswith("form=")), None)
    return [f"{cue}&{form or ('w0_infinitive' if 'w0_infinitive' in own else 'form=none')}" for cue in cues]


def dynamic_features(previous: list[str], link: str = "") -> list[str]:
    """Features from the labels already given to the units before this one.

    ``link`` (see ``links``) is how the unit follows the one before; the label before is taken alone and
    together with it.
    """
    # Only the label just before: longer histories were no better in cross-validation and let one
    # wrong label drag the next ones along.
    prev = previous[-1] if previous else "start"
    return [f"prev={prev}", f"prev={prev}|{link}"] if link else [f"prev={prev}"]


def links(units: list[Block]) -> list[str]:
    """Per unit, whether it is of the same kind as the unit before ("same"), or not ("new"); "" for the first.

    A goal paragraph and the bullets under it, or a table's goal cells and its measure bullets, change
    kind where the items change type: the label before means something else across such a change
    (cross-validated items F1 0.554 -> 0.560 on 27 plans). The first word's ending as well was no better.
    """
    return ["" if not i else "same" if unit.kind is units[i - 1].kind else "new" for i, unit in enumerate(units)]


def _layout(unit: Block, body: float | None) -> list[str]:
    f = [f"kind={unit.kind.value}"]
    if unit.level:
        f.append(f"level={min(unit.level, 4)}")
    if unit.bold:
        f.append("bold")
    if unit.numbered:
        f.append("numbered")
    if unit.gap_before:
        f.append("gap_before")
    if not unit.line_start:
        f.append("inline_piece")
    if body and unit.font_size:
        ratio = unit.font_size / body
        f.append(
            "size=large"
            if ratio >= 1.3
            else "size=larger"
            if ratio >= 1.08
            else "size=small"
            if ratio < 0.92
            else "size=body"
        )
    return f


def _form(unit: Block) -> list[str]:
    text = unit.text
    words = text.split()
    f = [f"len={_bucket(len(words), (1, 2, 3, 5, 8, 12, 20, 35))}"]
    head = text[:_FORM_CHARS]
    letters = _NOT_LETTER.sub("", head)
    if len(letters) > 2 and len(_NOT_UPPER.sub("", letters)) / len(letters) > 0.8:
        f.append("caps")
    elif text[:1].isupper():
        f.append("cap_start")
    elif text[:1].islower():
        f.append("lower_start")
    elif text[:1].isdigit():
        f.append("digit_start")
    end = text.rstrip()[-1:] if text.strip() else ""
    f.append(
        {
            ":": "end=colon",
            ".": "end=period",
            "?": "end=question",
            "!": "end=period",
            ";": "end=semi",
            ",": "end=comma",
        }.get(end, "end=none")
    )
    number = _SECTION_NUMBER.match(text)
    if number:
        f.append(f"num_depth={number.group(1).count('.') + 1}")
        rest = text[number.end() - 1 :]
        rest_letters = [c for c in rest if c.isalpha()]
        if rest_letters and all(c.isupper() for c in rest_letters):
            f.append("num_caps")
    if _LETTER_NUMBER.match(text):
        f.append("letter_number")
    if _AREA_LABEL.match(text):
        f.append("area_label")
    if _ROMAN.match(text):
        f.append("roman_number")
    if _CODE.match(text):
        f.append("code_number")
    digits = len(_NOT_DIGIT.sub("", head))
    if digits and digits / max(len(head), 1) > 0.25:
        f.append("mostly_digits")
    if unit.kind is BlockKind.LIST_ITEM:
        f.append("bullet")
    return f


def _words(text: str) -> list[str]:
    code = _CODE.match(text)
    words = [w.lower() for w in _WORD.findall(text[code.end() :] if code else text)]
    if not words:
        return ["no_words"]
    w0 = words[0]
    f = [f"w0={w0}", f"w0suf2={w0[-2:]}", f"w0suf3={w0[-3:]}", f"wl={words[-1]}"]
    modal = next((k for k, w in enumerate(words[:8]) if w in _MODALS), None)
    if modal is not None:
        f.append(f"modal_at={min(modal, 4)}")  # "Kommunen skal …" (2), "Vi vil …" (1), "Skal …" (0)
    f += _sentence_form(words)
    if _is_infinitive(w0) or w0 in _ENGLISH_ACTIONS:
        # An action with its subject left out, "Gjennomføre prosjekt …": a first word seen in no training plan
        # is still known as a verb (cross-validated items F1 0.578 -> 0.603, commitments 0.627 -> 0.658)
        f.append("w0_infinitive")
    if len(words) > 1:
        f.append(f"w01={w0}_{words[1]}")
        f.append(f"w1={words[1]}")
    f += [f"w:{w}" for w in set(words[:_BAG_WORDS])]
    return f


def _sentence_form(words: list[str]) -> list[str]:
    """A sentence's form by its verbs (``words`` lower-cased): a state set out, or an action.

    "Alle barn skal ha …", "Innbyggerne skal oppleve …" (``form=modal_state``), "Drammen har …", "Kommunen
    er …" (``form=finite_state``; "Det er …" is ``form=expletive_state``) set out a state; "Kommunen skal
    sikre …", "Vi vil etablere …" (``form=modal_action``) an action. ``says_goal``: it calls itself a goal
    ("Det er et mål at …", "Målet er …").
    """
    f: list[str] = []
    modal = next((k for k, w in enumerate(words[:8]) if w in _MODALS), None)
    if modal is not None:
        # the verb the modal governs, past an inverted subject or an adverb ("vil vi ha", "skal fortsatt være")
        for w in words[modal + 1 : modal + 4]:
            if w in _STATE_VERBS:
                f.append("form=modal_state")
                break
            if w in _ENGLISH_ACTIONS or _is_infinitive(w):
                f.append("form=modal_action")
                break
    else:
        finite = next((k for k, w in enumerate(words[:4]) if w in _FINITE_STATE), None)
        if finite:  # after a subject; a finite verb first is a question or an inversion
            f.append("form=expletive_state" if words[0] in _EXPLETIVE else "form=finite_state")
        elif finite is None:
            f += _clause_form(words)
    if any(w.startswith("mål") or w.endswith("mål") or w in _GOAL_WORDS for w in words[:12]):
        f.append("says_goal")
    if _GOAL_PHRASE.search(" ".join(words[:14])):
        f.append("goal_phrase")
    after_modal = words[modal:15] if modal is not None else []
    if any(a in _TO_THAT and b == "at" for a, b in zip(after_modal, after_modal[1:], strict=False)):
        # "KS skal bidra til at innbyggerne …", "Satsingen skal bidra til at flere …": a state to bring about
        f.append("form=bring_about")
    return f


def _clause_form(words: list[str]) -> list[str]:
    """A clause with no modal and no verb of being: a subject and a verb in the present ("Pårørende får …",
    "Personer med demens opplever …", "Drammen satser …", a passive "Pårørende inkluderes …") sets out how
    things are to be; a verb first ("Sikrer …") is a measure; a phrase with no verb at all ("Økonomisk
    handlefrihet", "Full barnehagedekning …") is a goal table's row or a measure's name."""
    for k, w in enumerate(words[:6]):
        if w in _EXPLETIVE and k == 0:
            continue
        if len(w) > 4 and w.endswith("es") and _is_infinitive(w[:-1]) or _is_finite(w):
            return ["form=verb_first"] if k == 0 else ["form=subject_verb"]
    if not any(w == "å" or _is_infinitive(w) or _is_finite(w) for w in words[:12]):
        return ["form=verbless"]
    return []


def _nearest_labels(units: list[Block], forms: list[list[str]]) -> list[list[str]]:
    """For each unit, the words of the closest label-like unit above it (and the distance)."""
    out: list[list[str]] = []
    last: int | None = None
    for i, unit in enumerate(units):
        f: list[str] = []
        if last is not None and i - last <= _LABEL_SCAN:
            f.append(f"lab_dist={_bucket(i - last, (1, 2, 4, 8, 16))}")
            words = {w.lower() for w in _WORD.findall(units[last].text)}
            # The label's words by their last three letters only: Norwegian compounds end in their head word
            # ("delmål", "hovudmål", "effektmål" all end in "mål"; "strategiar", "strategier" in "iar"/"ier").
            # Whole label words were learnt by heart per plan: cross-validated F1 0.466 with them, 0.485 without.
            # Three-letter words count too: the commonest labels are "Mål:", "Vi vil", "… SKAL:", "HA DET"
            # (cross-validated items F1 0.565 -> 0.579 on 26 plans).
            f += [f"lab~{w[-3:]}" for w in words if len(w) >= 3]
            if units[last].page == unit.page and units[last].start <= unit.start <= units[last].end + 1:
                f.append("lab_same_line")
            f += [f"lab.{x}" for x in forms[last] if x.startswith(("num_", "caps", "end=", "letter", "area"))]
            f.append(f"lab.kind={units[last].kind.value}")
        else:
            f.append("lab=none")
        out.append(f)
        if _label_like(unit, forms[i]):
            last = i
    return out


def _next_labels(units: list[Block], forms: list[list[str]]) -> list[list[str]]:
    """For each unit, the words of the closest label-like unit below it (and the distance).

    A goal is often followed by the label of its measures: "Trygge og gode oppvekstsvilkår for alle barn og
    unge. Hvordan gjør vi det? • Tidlig innsats …", "Mål: … Tiltak: …".
    """
    out: list[list[str]] = [[] for _ in units]
    following: int | None = None
    cues: list[str] = []  # the label's words by their last three letters, computed once per label
    for i in range(len(units) - 1, -1, -1):
        if following is not None and following - i <= _AHEAD_SCAN:
            out[i] = [f"ahead_dist={_bucket(following - i, (1, 2, 4))}", *cues]
        if _label_like(units[i], forms[i]):
            following = i
            cues = sorted({f"ahead~{w[-3:].lower()}" for w in _WORD.findall(units[i].text) if len(w) >= 3})
    return out


def label_like(unit: Block) -> bool:
    """Whether the unit could head what follows (see ``_label_like``)."""
    return _label_like(unit, _form(unit))


def _label_like(unit: Block, form: list[str]) -> bool:
    """A short line that could head what follows: a heading, a capitalised or numbered line, a lead-in."""
    if unit.kind is BlockKind.LIST_ITEM or len(unit.text.split()) > 12:
        return False
    return (
        unit.kind is BlockKind.HEADING
        or unit.bold
        or "caps" in form
        or "end=colon" in form
        or "end=question" in form  # a lead-in asked: "Hvordan gjør vi det?", "Hva vil vi oppnå?"
        or any(x.startswith("num_depth") for x in form)
        or "end=none" in form
        and len(unit.text.split()) <= 6
    )


def _run_position(units: list[Block], i: int) -> list[str]:
    if units[i].kind is not BlockKind.LIST_ITEM:
        return []
    first = i == 0 or units[i - 1].kind is not BlockKind.LIST_ITEM
    last = i + 1 == len(units) or units[i + 1].kind is not BlockKind.LIST_ITEM
    return ["run_first" if first else "run_inner", *(["run_last"] if last else [])]


def _parallel(units: list[Block], i: int, endings: list[str]) -> list[str]:
    """Whether the unit is shaped like its neighbours: lists of measures share a verb form ("Sikre …", "Styrke …").

    The first word's ending is compared with the units just before and after
    that are of the same kind; goals in a list tend to share their subject
    ("Kommunen skal …") as measures share their verb form.
    """
    unit = units[i]
    mine = endings[i]  # endings: each unit's _first_ending
    if not mine:
        return []
    same = 0
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(units) and units[j].kind is unit.kind and endings[j] == mine:
            same += 1
    return [f"parallel={min(same, 3)}"]


def _first_ending(text: str) -> str:
    match = _WORD.search(text[:40])
    return match.group(0)[-2:].lower() if match else ""


def _page_edges(units: list[Block]) -> tuple[set[int], set[int]]:
    first: dict[int | None, int] = {}
    last: dict[int | None, int] = {}
    for i, unit in enumerate(units):
        if unit.page is None:
            continue
        first.setdefault(unit.page, i)
        last[unit.page] = i
    return set(first.values()), set(last.values())


def _body_size(units: list[Block]) -> float | None:
    sizes = [u.font_size for u in units if u.font_size and u.kind is not BlockKind.HEADING]
    return _median(sizes) if sizes else None


def _median(values: list[float]) -> float:
    """As ``statistics.median``, whose module imports fractions, decimal and random (~2.5 ms of start-up)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"
