"""The compact language model (veikart/ingest/language.py) decides as py3langid does on every corpus file."""

from __future__ import annotations

import contextlib
import hashlib
import json
import struct
from pathlib import Path

import pytest

from veikart.ingest import readers
from veikart.ingest.errors import ExtractError
from veikart.ingest.language import MODEL, LanguageModel
from veikart.ingest.metadata import _LANGUAGES, body_sample

py3langid = pytest.importorskip("py3langid.langid", reason="py3langid is a dev dependency")

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "samples"
FILES = sorted(p for p in (ROOT / "corpus").rglob("*") if p.is_file()) + sorted(
    p for p in SAMPLES.glob("*") if p.is_file()
)
WINDOW = 5000  # characters, as metadata's sample
WINDOWS_PER_FILE = 2  # with the body sample, three texts per file: 40 files give enough kinds of text


@pytest.fixture(scope="module")
def reference():
    identifier = py3langid.LanguageIdentifier.from_model_file(py3langid.MODEL_FILE)
    identifier.set_languages(list(_LANGUAGES))
    return identifier


@pytest.fixture(scope="module")
def compact():
    return LanguageModel()


def _samples(path: Path) -> list[str]:
    """What metadata classifies (the body sample of the document read), and windows of the file's own text."""
    data = path.read_bytes()
    samples = []
    with contextlib.suppress(ExtractError):  # a corpus file no reader takes still has text
        samples.append(body_sample(readers.read(data, readers.detect_format(data, path.name))))
    if path.suffix != ".pdf":
        text = data.decode("utf-8", errors="replace")
        step = max(WINDOW, len(text) // WINDOWS_PER_FILE)
        samples += [text[i : i + WINDOW] for i in range(0, len(text), step)]
    return [s for s in samples if s.strip()]


def test_the_corpus_is_there():
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_features_and_language_as_py3langid(path, reference, compact):
    for sample in _samples(path):
        automaton = reference.tk_nextmove, reference._rowbase, reference.tk_output
        expected_counts = py3langid.visit_counts(*automaton, reference._encode(sample))
        assert compact.counts(sample) == dict(expected_counts or {})
        language, score = reference.classify(sample)
        got_language, got_score = compact.classify(sample)
        assert got_language == language
        assert got_score == pytest.approx(score, rel=1e-5)


def test_an_empty_or_odd_text_as_py3langid(reference, compact):
    for sample in ("", "   ", "ÆØÅ", "2020–2023", b"\xff\xfe binary", "NYNORSK I STORE BOKSTAVAR"):
        assert compact.classify(sample)[0] == reference.classify(sample)[0]


def test_the_model_file_comes_from_the_installed_py3langid_model():
    """Else run scripts/build_language_model.py again."""
    data = MODEL.read_bytes()
    magic = b"VKLANGID3\n"
    (size,) = struct.unpack_from("<I", data, len(magic))
    header = json.loads(data[len(magic) + 4 : len(magic) + 4 + size])
    source = Path(py3langid.MODEL_DIR) / py3langid.MODEL_FILE
    assert header["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert sorted(header["languages"]) == sorted(_LANGUAGES)
