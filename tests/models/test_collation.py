"""Alphabetical order and index letters, the same on SQLite and PostgreSQL (plain Python)."""

from titles.collation import alphabet, initial, sort_key


def ordered(names, language):
    return sorted(names, key=lambda name: sort_key(name, language))


def test_swedish_order_puts_a_ring_a_umlaut_o_umlaut_after_z():
    names = ["Ölbryggare", "Zoolog", "Åkare", "Optiker", "Ärendehandläggare", "Analytiker"]
    assert ordered(names, "sv") == [
        "Analytiker",
        "Optiker",
        "Zoolog",
        "Åkare",
        "Ärendehandläggare",
        "Ölbryggare",
    ]


def test_swedish_order_within_a_word_follows_the_swedish_alphabet():
    assert ordered(["Säljchef", "Saljare", "Sälj", "Szenario"], "sv") == [
        "Saljare",
        "Szenario",
        "Sälj",
        "Säljchef",
    ]


def test_english_order_folds_diacritics_to_their_base_letter():
    names = ["Ölbryggare", "Oskar", "Åkare", "Zoolog", "Émile", "Ebba"]
    assert ordered(names, "en") == ["Åkare", "Ebba", "Émile", "Ölbryggare", "Oskar", "Zoolog"]


def test_case_and_punctuation_only_break_ties():
    assert ordered(["SEO-specialist", "Sem-specialist", "seo specialist"], "sv") == [
        "Sem-specialist",
        "seo specialist",
        "SEO-specialist",
    ]


def test_o_umlaut_is_its_own_letter_in_swedish_but_o_in_english():
    assert initial("Översättare", "sv") == "Ö"
    assert initial("Översättare", "en") == "O"
    assert initial("Åkare", "sv") == "Å"
    assert initial("Ärende", "sv") == "Ä"
    assert initial("émigré", "sv") == "E"
    assert initial("3D-designer", "sv") == "#"
    assert initial("", "en") == "#"


def test_the_swedish_alphabet_ends_with_a_ring_a_umlaut_o_umlaut():
    assert alphabet("sv")[-4:] == ["Z", "Å", "Ä", "Ö"]
    assert alphabet("en")[-1] == "Z"
