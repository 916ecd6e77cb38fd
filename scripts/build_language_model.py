"""Derive veikart/ingest/language_model.bin from py3langid's model, for the languages Veikart tells apart.

    .venv/bin/python scripts/build_language_model.py           # write the file
    .venv/bin/python scripts/build_language_model.py --check   # fail if the file differs from what would be written

py3langid (a fork of langid.py; BSD 3-clause, Copyright (c) 2011 Marco Lui,
modifications Copyright (c) 2021 Adrien Barbaresi: see
veikart/ingest/language_model-NOTICE.txt) ships a naive-Bayes model over byte
n-grams for 97 languages, LZMA-compressed NumPy arrays that take about 0.7 s
and 120 MiB to unpack. Veikart restricts it to five languages anyway
(``metadata._LANGUAGES``), so this script keeps exactly what classification
among those five reads, and nothing else:

- the n-gram automaton (Aho-Corasick over byte strings of at most 6 bytes),
  not as its 104,583 x 256 transition table (40 MB) but as the trie of its
  states in a double array with a fallback per state: the child of state s on
  byte b is slot ``base[s] + b`` when ``check[that slot] == s``, else the
  fallback's child, down to the start state. That is the same transition
  (checked below on every state and byte), so the same features are counted;
  ``output[s]`` is the feature state s emits, as py3langid's;
- the feature weights (log P(n-gram | language), float16 as py3langid has
  them) of the five languages' columns, in py3langid's column order so ties
  break as there; the five priors (float32).

The loader is veikart/ingest/language.py (standard library only, a few
milliseconds); tests/ingest/test_language_model.py checks that it counts the
same features and chooses the same language as py3langid on every corpus file.
Needs py3langid and numpy (dev dependencies).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import importlib.metadata
import json
import struct
import sys
from array import array
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE
from py3langid.modelio import load_model

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "veikart" / "ingest" / "language_model.bin"
LANGUAGES = ("no", "nn", "en", "sv", "da")  # as metadata._LANGUAGES; the file keeps py3langid's column order
MAGIC = b"VKLANGID3\n"


def state_strings(nextmove, row) -> list[bytes]:
    """Each state's byte string, found breadth-first: a state first reached from one a byte shorter is its child."""
    rowbase = [r << 8 for r in row]
    strings: list[bytes | None] = [None] * len(row)
    strings[0] = b""
    queue = collections.deque([0])
    while queue:
        state = queue.popleft()
        prefix = strings[state]
        base = rowbase[state]
        for byte in range(256):
            target = nextmove[base + byte]
            if strings[target] is None:
                strings[target] = prefix + bytes((byte,))
                queue.append(target)
    if any(s is None for s in strings):
        raise SystemExit("py3langid's automaton has states no text reaches: unexpected layout")
    return strings  # type: ignore[return-value]


def check_longest_suffix(nextmove, row, strings: list[bytes]) -> list[int]:
    """Each state's fallback, having checked that every transition goes to the state whose string is the
    longest suffix of (state's string + byte).

    By induction on the string's length it suffices that each state's row is its
    fallback's row (the state of its longest proper suffix) with its children
    written in, and that the start state's row is its children, else itself.
    """
    index = {s: i for i, s in enumerate(strings)}
    fallback = np.zeros(len(strings), dtype=np.int64)
    for state, string in enumerate(strings[1:], start=1):
        fallback[state] = next(index[string[i:]] for i in range(1, len(string) + 1) if string[i:] in index)
    table = np.frombuffer(nextmove, dtype=np.uint32).reshape(-1, 256)[np.asarray(row, dtype=np.int64)]
    expected = table[fallback].copy()
    expected[0, :] = 0
    children = np.array([(index[s[:-1]], s[-1], i) for i, s in enumerate(strings) if s], dtype=np.int64)
    expected[children[:, 0], children[:, 1]] = children[:, 2]
    if not np.array_equal(table, expected):
        raise SystemExit("py3langid's automaton is not the longest-suffix automaton; the loader would differ")
    return fallback.tolist()


def double_array(strings: list[bytes]) -> tuple[list[int], list[int], list[int]]:
    """Each state's slot, and per slot ``base`` and ``check``: the children of a state sit at its base + byte.

    States are placed breadth-first, each at the first base where all its
    children's slots are free; the start state is slot 0. Empty slots have
    check -1; a state without children keeps base 0 (no slot's check names it).
    """
    children: dict[int, list[tuple[int, int]]] = collections.defaultdict(list)
    index = {s: i for i, s in enumerate(strings)}
    for state, string in enumerate(strings):
        if string:
            children[index[string[:-1]]].append((string[-1], state))
    order = sorted(range(len(strings)), key=lambda i: (len(strings[i]), strings[i]))
    size = len(strings) * 2 + 512
    used = bytearray(size)
    used[0] = 1
    slot_of = {0: 0}
    base_of: dict[int, int] = {}
    for state in order:
        kids = sorted(children.get(state, ()))
        if not kids:
            continue
        first = kids[0][0]
        candidate = used.find(0, first) - first
        while not all(not used[candidate + byte] for byte, _ in kids) or candidate < 0:
            candidate = used.find(0, candidate + first + 1) - first
        base_of[state] = candidate
        for byte, child in kids:
            used[candidate + byte] = 1
            slot_of[child] = candidate + byte
    slots = max(slot_of.values()) + 1
    slots = max(slots, max(base_of.values()) + 256)  # base + any byte stays inside the arrays
    base, check = [0] * slots, [-1] * slots
    for state, b in base_of.items():
        base[slot_of[state]] = b
        for _byte, child in children[state]:
            check[slot_of[child]] = slot_of[state]
    return [slot_of[i] for i in range(len(strings))], base, check


def check_double_array(strings: list[bytes], slot_of: list[int], base: list[int], check: list[int]) -> None:
    """A state's children, and only they, are found at base + byte with check naming the state."""
    state_at = {slot: state for state, slot in enumerate(slot_of)}
    found = 0
    for slot, parent_slot in enumerate(check):
        if parent_slot < 0:
            continue
        child = strings[state_at[slot]]
        parent = state_at[parent_slot]
        if child[:-1] != strings[parent] or base[parent_slot] + child[-1] != slot:
            raise SystemExit(f"slot {slot}: not the child it claims to be")
        found += 1
    if found != len(strings) - 1 or len(set(slot_of)) != len(strings) or len(set(strings)) != len(strings):
        raise SystemExit("the double array does not hold every state once")


def build() -> bytes:
    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    columns = [i for i, c in enumerate(classes) if c in LANGUAGES]
    if sorted(classes[i] for i in columns) != sorted(LANGUAGES):
        raise SystemExit(f"py3langid's model lacks some of {LANGUAGES}")
    strings = state_strings(nextmove, row)
    fallback = check_longest_suffix(nextmove, row, strings)
    slot_of, base, check = double_array(strings)
    check_double_array(strings, slot_of, base, check)
    fail, emits = [0] * len(base), [-1] * len(base)
    for state, slot in enumerate(slot_of):
        fail[slot] = slot_of[fallback[state]]
        emits[slot] = output[state]
    arrays = [array("i", values) for values in (base, check, fail, emits)]
    weights = np.ascontiguousarray(np.asarray(ptc)[:, columns], dtype="<f2")
    priors = np.ascontiguousarray(np.asarray(pc)[columns], dtype="<f4")
    if sys.byteorder == "big":
        for values in arrays:
            values.byteswap()
    source = (MODEL_DIR / MODEL_FILE).read_bytes()
    header = {
        "source": f"py3langid {importlib.metadata.version('py3langid')} {MODEL_FILE}",
        "source_sha256": hashlib.sha256(source).hexdigest(),
        "licence": "BSD-3-Clause, see language_model-NOTICE.txt",
        "languages": [classes[i] for i in columns],
        "states": len(strings),
        "slots": len(base),
        "features": int(weights.shape[0]),
    }
    head = json.dumps(header, sort_keys=True).encode()
    head += b" " * (-(len(MAGIC) + 4 + len(head)) % 8)  # the arrays start 8-aligned
    body = b"".join([priors.tobytes(), *(values.tobytes() for values in arrays), weights.tobytes()])
    return MAGIC + struct.pack("<I", len(head)) + head + body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    args = parser.parse_args()
    data = build()
    if args.check:
        same = OUTPUT.exists() and OUTPUT.read_bytes() == data
        print(f"{OUTPUT.relative_to(ROOT)}: {'up to date' if same else 'DIFFERS from py3langid’s model'}")
        return 0 if same else 1
    OUTPUT.write_bytes(data)
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(data) / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
