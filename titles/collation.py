"""Alphabetical order and index letters, computed in Python so SQLite and PostgreSQL agree.

Swedish files Å, Ä and Ö as the last three letters of the alphabet, after Z, and never under
A or O. Other accented letters sort as their base letter (é as e, ü as y, æ as ä, ø as ö).
English folds every diacritic to its base letter.

Keys compare letters first and case, accents and punctuation only to break ties, so
"e-handelsansvarig" sorts beside "Ehandel…" and "SEO" beside "Seo".
"""

import unicodedata

from titles.normalize import fold_diacritics

# Placed after "z" (U+007A): "{", "|", "}" keep the three letters in Swedish order.
_SWEDISH_LETTERS = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"}
_SWEDISH_INITIALS = {"å": "Å", "ä": "Ä", "æ": "Ä", "ö": "Ö", "ø": "Ö", "ü": "Y"}
OTHER = "#"


def _primary(text, language):
    """Letters and digits only, lower case, mapped to their place in the language's alphabet."""
    out = []
    for char in (text or "").casefold():
        if language == "sv" and char in _SWEDISH_LETTERS:
            out.append(_SWEDISH_LETTERS[char])
            continue
        for base in fold_diacritics(char):
            if base.isalnum():
                out.append(base)
    return "".join(out)


def sort_key(text, language):
    """A key for ``sorted``: alphabet order of the language, then the exact text."""
    return (_primary(text, language), unicodedata.normalize("NFC", (text or "").casefold()), text)


# How many letters of a name the stored key keeps: enough to order any real title; longer
# names that share their first 60 letters fall back to the text itself.
KEY_LETTERS = 60
KEY_LENGTH = 4 * KEY_LETTERS


def stored_key(text, language):
    """``sort_key``'s first part as a string the database can order by, whatever its collation.

    Each letter becomes four hexadecimal digits of its code point (Å, Ä, Ö already mapped
    after Z), and digits 0–9 and a–f sort alike under ``C``, ``BINARY`` and every locale's
    collation, so an ``ORDER BY`` on this column gives the same order on SQLite and any
    PostgreSQL as ``sort_key`` does in Python.
    """
    letters = _primary(text, language)[:KEY_LETTERS]
    return "".join(f"{min(ord(char), 0xFFFF):04x}" for char in letters)


def initial(text, language):
    """The index letter a name is filed under: A–Z (plus Å, Ä, Ö in Swedish), or ``#``."""
    for char in (text or "").casefold():
        if language == "sv" and char in _SWEDISH_INITIALS:
            return _SWEDISH_INITIALS[char]
        base = fold_diacritics(char)[:1]
        if base.isalpha() and base.isascii():
            return base.upper()
        if base.isalnum():
            return OTHER
    return OTHER


def alphabet(language):
    """Every index letter of the language, in order, for the jump list."""
    letters = [chr(code) for code in range(ord("A"), ord("Z") + 1)]
    if language == "sv":
        letters += ["Å", "Ä", "Ö"]
    return letters
