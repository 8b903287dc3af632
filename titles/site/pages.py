"""What the role page shows: its context and its JSON-LD, for the public page and for the
editors' preview alike (the admin calls ``role_page_context``, never a public view)."""

import json

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from titles.autolink import Linker
from titles.bilingual import current_language, other_language, text_of
from titles.classifications import category_codes, codes_of
from titles.collation import sort_key
from titles.site.citation import role_citation
from titles.site.queries import labels_by_language, relations_of


def compare_url(slugs):
    query = "&".join(f"roles={slug}" for slug in slugs)
    return f"{reverse('titles:compare')}?{query}"


def json_ld(data):
    """A JSON-LD block's body: ``</script>`` and friends cannot end the block early."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)


def defined_term(request, title, language, codes=()):
    """The role as a schema.org ``DefinedTerm`` in the glossary's ``DefinedTermSet``, and
    as an ``Occupation`` whose ``occupationalCategory`` gives its official codes."""
    url = request.build_absolute_uri(title.get_absolute_url())
    index_url = request.build_absolute_uri(reverse("titles:index"))
    name = getattr(title, f"name_{language}")
    alternates = []
    for label in title.visible_labels:
        if label.text != name and label.text not in alternates:
            alternates.append(label.text)
    data = {
        "@context": "https://schema.org",
        "@type": ["DefinedTerm", "Occupation"],
        "@id": f"{url}#term",
        "url": url,
        "name": name,
        "inLanguage": language,
        "termCode": title.slug,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": f"{index_url}#set",
            "url": index_url,
            "name": "Yrkesroller",
            "inLanguage": language,
        },
    }
    if alternates:
        data["alternateName"] = alternates
    definition = text_of(title, "definition", language).text
    if definition:
        data["description"] = definition
    if title.esco_uri:
        data["sameAs"] = title.esco_uri
    if category_codes(codes):
        data["occupationalCategory"] = category_codes(codes)
    return json_ld(data)


def role_prose(title, language):
    """The definition and description, with mentions of other roles linked."""
    definition = text_of(title, "definition", language)
    description = text_of(title, "description", language)
    linker = Linker.for_title(
        title, [(definition.text, definition.language), (description.text, description.language)]
    )
    return {
        "definition": definition,
        "definition_html": mark_safe(linker.link(definition.text, definition.language)),
        "description": description,
        "description_html": mark_safe(linker.paragraphs(description.text, description.language)),
    }


def role_page_context(request, title):
    """Everything the role page template needs about ``title`` (a ``title_detail_queryset``
    row), in a fixed number of queries."""
    language = current_language()
    other = other_language(language)
    relations = relations_of(title, compare_url)
    prose = role_prose(title, language)
    codes = codes_of(title, language)
    return {
        **prose,
        "language": language,
        "other_language": other,
        "other_name": getattr(title, f"name_{other}"),
        "responsibilities": [
            text_of(item, "text", language) for item in title.responsibilities.all()
        ],
        "skills": [text_of(item, "text", language) for item in title.skills.all()],
        "note": text_of(title, "note", language),
        "pathway": text_of(title, "pathway", language),
        "topics": sorted(title.topics.all(), key=lambda topic: sort_key(topic.name, language)),
        "codes": codes,
        "labels": labels_by_language(title, language),
        "relations": relations,
        "confused_with": next(
            (roles for group, _label, roles in relations if group == "confused_with"), []
        ),
        "tags": sorted(title.tags.all(), key=lambda tag: sort_key(tag.name, language)),
        "sources": list(title.sources.all()),
        "json_ld": defined_term(request, title, language, codes),
        "page_title": _("%(name)s – what the role means | Yrkesroller") % {"name": title.name},
        "page_description": prose["definition"].text[:300],
        "og_type": "article",
        "citation": role_citation(request, title),
    }
