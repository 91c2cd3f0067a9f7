"""HTML to plain text: sanitised first, structure kept, nothing executable or hidden survives."""

from __future__ import annotations

from chalicelib.intake.html_text import clean_line, clean_text, html_to_text, shorten


def test_scripts_styles_and_event_handlers_leave_no_trace() -> None:
    text = html_to_text(
        '<style>.x{}</style><p onmouseover="steal()">Hi</p><script>steal()</script><noscript>nojs</noscript>'
    )
    assert text == "Hi"


def test_paragraphs_and_line_breaks_are_kept() -> None:
    assert html_to_text("<p>One</p><p>Two<br>Three</p>") == "One\n\nTwo\nThree"


def test_lists_become_dash_items() -> None:
    assert html_to_text("<ul><li>tea</li><li>cake</li></ul>") == "- tea\n- cake"


def test_entities_are_decoded_and_non_breaking_spaces_normalised() -> None:
    assert html_to_text("<p>caf&eacute;&nbsp;&amp;&nbsp;bar &lt;3</p>") == "café & bar <3"


def test_link_targets_that_differ_from_their_words_are_shown() -> None:
    assert (
        html_to_text('<a href="https://example.gov.uk/x">our page</a>')
        == "our page (https://example.gov.uk/x)"
    )
    assert html_to_text('<a href="javascript:alert(1)">click</a>') == "click"


def test_blockquotes_become_quoted_lines_for_the_reply_trimmer() -> None:
    assert html_to_text("<p>Mine</p><blockquote>Theirs<br>More</blockquote>") == "Mine\n\n> Theirs\n> More"


def test_outlook_markup_and_comments_are_flattened() -> None:
    html = (
        "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->"
        "<p class=MsoNormal>Story<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
    )
    assert html_to_text(html) == "Story"


def test_very_deep_nesting_does_not_crash() -> None:
    assert "deep" in html_to_text("<div>" * 5000 + "deep" + "</div>" * 5000)


def test_clean_line_removes_line_breaks_and_controls() -> None:
    assert clean_line("a\r\nb\x00c\u2028d\t e") == "a b c d e"


def test_clean_text_keeps_paragraphs_and_drops_controls() -> None:
    assert clean_text("a\r\n\r\n\r\n\r\nb\x07\u00a0c  ") == "a\n\nb c"


def test_shorten_cuts_at_a_word_and_marks_the_cut() -> None:
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("short", 12) == "short"


def test_right_to_left_override_cannot_disguise_a_title() -> None:
    assert clean_line("invoice\u202egpj.exe") == "invoicegpj.exe"
