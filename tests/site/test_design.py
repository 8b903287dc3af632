"""The colour tokens in static/css/site.css: every pair the pages use meets WCAG 2.2 AA in
the light and the dark scheme, and the stylesheet keeps to its tokens.

The pairs and their ratios are listed in docs/site.md; this recomputes them from the CSS, so
a changed colour that breaks contrast fails here before a reader meets it.
"""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "static" / "css"
SITE_CSS = (CSS / "site.css").read_text()

# (foreground, background, minimum): text needs 4.5:1; control borders and the focus ring 3:1.
PAIRS = [
    *[
        ("text", bg, 4.5)
        for bg in ("bg", "surface", "surface-raised", "note-bg", "mark", "mark-topic")
    ],
    *[("text-muted", bg, 4.5) for bg in ("bg", "surface", "surface-raised", "note-bg")],
    *[("link", bg, 4.5) for bg in ("bg", "surface", "surface-raised", "note-bg", "mark")],
    ("link-hover", "bg", 4.5),
    ("link-hover", "surface", 4.5),
    ("on-accent", "accent", 4.5),
    ("on-accent", "accent-hover", 4.5),
    ("error", "bg", 4.5),
    ("error", "surface", 4.5),
    *[("control", bg, 3.0) for bg in ("bg", "surface")],
    *[("focus", bg, 3.0) for bg in ("bg", "surface", "surface-raised", "note-bg")],
    ("accent", "bg", 3.0),
]


def tokens(block):
    return dict(re.findall(r"--color-([\w-]+):\s*(#[0-9a-fA-F]{6})\b", block))


def light_tokens():
    return tokens(re.search(r":root\s*\{(.*?)\n\}", SITE_CSS, flags=re.S).group(1))


def dark_tokens():
    block = re.search(
        r"@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{(.*?)\}", SITE_CSS, flags=re.S
    )
    return {**light_tokens(), **tokens(block.group(1))}


def luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, other):
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_token_pair_meets_aa_contrast(scheme):
    palette = light_tokens() if scheme == "light" else dark_tokens()
    failing = {
        f"{fg} on {bg}": round(contrast(palette[fg], palette[bg]), 2)
        for fg, bg, minimum in PAIRS
        if contrast(palette[fg], palette[bg]) < minimum
    }
    assert failing == {}


def test_the_dark_scheme_redefines_the_page_colours():
    light, dark = light_tokens(), dark_tokens()
    for name in ("bg", "surface", "text", "text-muted", "link", "control", "focus"):
        assert dark[name] != light[name], name
    assert luminance(dark["bg"]) < 0.05 < luminance(dark["text"])


def test_the_contrast_check_does_catch_a_failing_pair():
    assert contrast("#777777", "#ffffff") < 4.5 < contrast("#767676", "#000000")
    assert round(contrast("#000000", "#ffffff"), 2) == 21


def test_colours_outside_the_tokens_are_only_the_print_and_api_exceptions():
    """A hex colour outside the token blocks would not follow the dark scheme."""
    rules = SITE_CSS.split("/* 2. Base", 1)[1].split("/* 7. Print", 1)[0]
    stray = re.findall(r"^.*#[0-9a-fA-F]{3,6}\b.*$", rules, flags=re.M)
    assert [line for line in stray if ".api-reference" not in line] == []
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", (CSS / "search.css").read_text())


def test_no_web_fonts_or_imports_from_other_sites():
    for path in CSS.glob("*.css"):
        text = path.read_text()
        assert "@import" not in text and "@font-face" not in text, path.name
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), path.name
