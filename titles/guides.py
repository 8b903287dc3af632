"""A guide's Markdown as the HTML readers see: role names linked, nothing unsafe let through.

Three steps, each done by a tool made for it:

1. **markdown-it-py** parses the CommonMark text with raw HTML turned off, so anything an
   editor types between angle brackets comes out as text;
2. the text of paragraphs and list items (not headings, not links an editor wrote) goes
   through the job-ad matcher (``titles.explain``: the same labels, normalisation and
   stems), and the first mention of each published role becomes a link to its entry;
3. **nh3** (the Rust ``ammonia`` sanitiser) keeps only the elements and attributes a guide
   needs and drops every other one, and any link that is not http(s) or a site path, as a
   second line of defence should a parser rule ever let something through.
"""

import nh3
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

from titles import explain
from titles.bilingual import current_language
from titles.models import LabelKind, Title, slug_in

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "code", "pre",
    "blockquote", "br", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "class"}}
URL_SCHEMES = {"http", "https"}


def _parser():
    parser = MarkdownIt("commonmark", {"html": False})
    parser.disable("image")
    return parser


PARSER = _parser()


def _role_mentions(tokens, language):
    """{(inline token index, child index): [Match]} for the text the links may go into."""
    found = {}
    inside_link = 0
    matcher = explain.matcher()
    for index, token in enumerate(tokens):
        if token.type != "inline" or (index and tokens[index - 1].type == "heading_open"):
            continue
        for position, child in enumerate(token.children or []):
            if child.type == "link_open":
                inside_link += 1
            elif child.type == "link_close":
                inside_link -= 1
            elif child.type == "text" and not inside_link:
                matches = [
                    match
                    for match in matcher.find(child.content)
                    if match.kind == "role" and match.label_kind != LabelKind.HIDDEN
                ]
                if matches:
                    found[(index, position)] = matches
    return found


def _addresses(mentions, exclude=()):
    """{title id: its page in the reader's language, at that language's slug}."""
    ids = {match.target for matches in mentions.values() for match in matches}
    rows = Title.objects.published().filter(pk__in=ids).values_list("pk", "slug", "slug_en")
    language = current_language()
    return {
        pk: reverse("titles:title-detail", args=[slug_in(language, slug, slug_en)])
        for pk, slug, slug_en in rows
        if slug not in exclude
    }


def render(markdown, language, exclude=()):
    """Safe HTML of ``markdown``, with the first mention of each role linked (``exclude``:
    slugs not to link)."""
    tokens = PARSER.parse(markdown or "")
    # The page's one top heading is the guide's title: "# …" in the body is a second level.
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
    mentions = _role_mentions(tokens, language)
    addresses = _addresses(mentions, exclude)
    linked = set()
    for (index, position), matches in mentions.items():
        child = tokens[index].children[position]
        text, parts, place = child.content, [], 0
        for match in matches:
            address = addresses.get(match.target)
            if address is None or match.target in linked:
                continue
            linked.add(match.target)
            parts.append(escape(text[place : match.start]))
            parts.append(
                f'<a href="{escape(address)}" class="term-link">'
                f"{escape(text[match.start : match.end])}</a>"
            )
            place = match.end
        if parts:
            parts.append(escape(text[place:]))
            child.type, child.content = "html_inline", "".join(parts)
    html = PARSER.renderer.render(tokens, PARSER.options, {})
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
    return mark_safe(clean)
