"""Normalisation must defeat disguised text and still point findings at what the submitter typed."""

from __future__ import annotations

import unicodedata

import pytest

from chalicelib.policy.normalise import normalise


def bold(text: str) -> str:
    """Write ASCII letters and digits in the "mathematical bold" characters people paste as fake bold."""
    out = []
    for ch in text:
        if "A" <= ch <= "Z":
            out.append(chr(0x1D400 + ord(ch) - ord("A")))
        elif "a" <= ch <= "z":
            out.append(chr(0x1D41A + ord(ch) - ord("a")))
        elif "0" <= ch <= "9":
            out.append(chr(0x1D7CE + ord(ch) - ord("0")))
        else:
            out.append(ch)
    return "".join(out)


def test_plain_ascii_is_unchanged_and_maps_to_itself() -> None:
    nt = normalise("Bins collected on Tuesday.")
    assert nt.text == "Bins collected on Tuesday."
    assert nt.to_original(5, 14) == (5, 14)


def test_zero_width_space_inside_a_word_is_removed() -> None:
    nt = normalise("da\u200bmn it")
    assert nt.text == "damn it"


def test_span_across_a_removed_zero_width_character_covers_it_in_the_original() -> None:
    original = "call 07\u200b700\u2060900123 now"
    nt = normalise(original)
    start = nt.text.index("07700")
    end = start + len("07700900123")
    s, e = nt.to_original(start, end)
    assert original[s:e] == "07\u200b700\u2060900123"


def test_span_after_removed_characters_is_shifted_back() -> None:
    original = "\u200b\u200b\ufeffHello Jane"
    nt = normalise(original)
    start = nt.text.index("Jane")
    assert original.__getitem__(slice(*nt.to_original(start, start + 4))) == "Jane"


def test_fake_bold_letters_fold_to_ascii() -> None:
    nt = normalise(bold("Great day at Lidl"))
    assert nt.text == "Great day at Lidl"


def test_span_in_fake_bold_text_maps_to_the_fake_bold_characters() -> None:
    original = "Well done " + bold("Jane Smith") + "!"
    nt = normalise(original)
    start = nt.text.index("Jane Smith")
    s, e = nt.to_original(start, start + len("Jane Smith"))
    assert original[s:e] == bold("Jane Smith")


def test_fake_italic_and_double_struck_letters_fold_to_ascii() -> None:
    italic_h = "\u210e"  # the italic h lives outside the mathematical block
    assert normalise("\U0001d44e\U0001d44f" + italic_h + " \U0001d538\U0001d539").text == "abh AB"


@pytest.mark.parametrize(
    "block",
    [
        range(0x1D400, 0x1D6A4),  # Latin letters in every style, including the dotless i and j
        range(0x1D7CE, 0x1D800),  # digits in every style
    ],
)
def test_every_mathematical_latin_letter_and_digit_folds_to_ascii(block: range) -> None:
    assigned = "".join(chr(c) for c in block if unicodedata.name(chr(c), ""))
    folded = normalise(assigned).text
    assert folded.isascii()
    assert len(folded) == len(assigned)


def test_full_width_digits_and_no_break_spaces_become_plain() -> None:
    assert normalise("０７７００\u00a0９００１２３").text == "07700 900123"


def test_a_ligature_expands_and_both_letters_map_to_it() -> None:
    original = "of\ufb01ce"
    nt = normalise(original)
    assert nt.text == "office"
    assert nt.to_original(2, 3) == (2, 3)
    assert nt.to_original(3, 4) == (2, 3)


def test_a_combining_accent_composes_and_maps_to_both_code_points() -> None:
    original = "cafe\u0301 open"
    nt = normalise(original)
    assert nt.text == "café open"
    assert nt.to_original(0, 4) == (0, 5)


def test_joiner_inside_an_emoji_sequence_is_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert normalise(f"Fun day {family}!").text == f"Fun day {family}!"


def test_joiner_between_letters_is_removed() -> None:
    assert normalise("sh\u200dit").text == "shit"


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "cafe\u0301 and nai\u0308ve",
        "\u1100\u1161\u11a8 Hangul jamo",
        "\u0b47\u0b3e Oriya vowel sign",
        "x\u0323\u0307 reordered marks",
        "\ufb01 \u00bd \u2460 \u2122",
        bold("Mixed ") + "text",
        "\u0301 leading combining mark",
    ],
)
def test_piecewise_normalisation_equals_normalising_the_whole_text(text: str) -> None:
    assert normalise(text).text == unicodedata.normalize("NFKC", text)


def test_every_normalised_character_maps_inside_the_original() -> None:
    original = "a\u200b" + bold("B1") + "\ufb01e\u0301\U0001f44d\r\nz"
    nt = normalise(original)
    assert len(nt.starts) == len(nt.text) == len(nt.ends)
    assert all(0 <= s < e <= len(original) for s, e in zip(nt.starts, nt.ends, strict=True))
    assert list(nt.starts) == sorted(nt.starts)


def test_from_original_finds_the_normalised_characters_of_an_original_span() -> None:
    original = "ab\u200bcd" + bold("ef")
    nt = normalise(original)
    assert nt.text == "abcdef"
    assert nt.from_original(3, 5) == (2, 4)
    assert nt.from_original(2, 3) == (2, 2)  # only the removed zero-width space
    assert nt.from_original(5, len(original)) == (4, 6)


def test_an_empty_span_at_the_end_maps_to_the_end_of_the_original() -> None:
    nt = normalise("ab\u200b")
    assert nt.to_original(2, 2) == (3, 3)


def test_a_span_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        normalise("abc").to_original(1, 9)


def test_nfc_mode_keeps_fake_fonts_and_invisibles_and_counts_crlf_once() -> None:
    original = bold("a") + "\u200b\r\nb"
    nt = normalise(original, form="NFC", strip_invisible=False, unify_newlines=True)
    assert nt.text == bold("a") + "\u200b\nb"
    assert nt.to_original(2, 3) == (2, 4)


def test_a_digit_next_to_a_letter_is_known_in_ascii_text_and_assumed_in_other_text() -> None:
    postcode = normalise("Mrs Jones of SW1A 1AA")
    assert postcode.digit_then_letter and postcode.letter_then_digit
    plate = normalise("the van AB12 parked")
    assert plate.letter_then_digit and not plate.digit_then_letter
    counts = normalise("3 tonnes by 10:30, 2024-25")
    assert not counts.digit_then_letter and not counts.letter_then_digit
    # Case-insensitive patterns take some letters outside ASCII as ASCII ones ("ı" as "i").
    assert normalise("café 3 tonnes").digit_then_letter and normalise("café 3 tonnes").letter_then_digit
