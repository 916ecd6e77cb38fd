from veikart.compare import Op, segments_html, side_by_side, word_diff
from veikart.compare.diff import wording_similarity


def test_the_diff_rebuilds_both_texts():
    old = "En tillitsskapende forvaltning som bygger på høy etisk standard."
    new = "KS er en pådriver for en forvaltning med høy etisk standard."
    segments = word_diff(old, new)
    assert "".join(s.text for s in segments if s.op != Op.INSERT) == old
    left, right = side_by_side(old, new)
    assert "".join(s.text for s in left) == old
    assert "".join(s.text for s in right) == new


def test_case_and_ascii_spelling_are_no_difference():
    assert [s.op for s in word_diff("Økonomien er god", "okonomien er god")] == [Op.EQUAL]


def test_a_changed_word_is_a_deletion_and_an_insertion():
    assert [(s.op.value, s.text) for s in word_diff("flere lærlinger", "flere lærere")] == [
        ("equal", "flere "),
        ("delete", "lærlinger"),
        ("insert", "lærere"),
    ]


def test_the_html_is_escaped_and_marks_changes():
    html = segments_html(word_diff("a <b>", "a <i>"))
    assert html == "a &lt;<del>b</del><ins>i</ins>&gt;"


def test_wording_similarity_is_one_for_the_same_words():
    assert wording_similarity("Flere lærlinger.", "flere  lærlinger.") == 1.0
    assert wording_similarity("Flere lærlinger.", "Færre sykehus.") < 0.5
