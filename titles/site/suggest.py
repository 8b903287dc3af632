"""Suggest a change or a missing title: a short form, no account needed.

Abuse is kept small without asking readers for anything: a honeypot field that people do
not see (a bot that fills it is thanked and nothing is stored), a size limit on every field,
and a rate limit per IP address on sending. The text is stored and shown as plain text.
"""

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from glossary.ratelimits import rate_limited
from titles.bilingual import current_language
from titles.models import LIST_FIELDS, Language, Suggestion, SuggestionKind, Title

MAX_TEXT = 2000


class SuggestionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("What is wrong or missing?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT,
        error_messages={
            "required": gettext_lazy("Tell us what is wrong or missing."),
            "max_length": gettext_lazy("At most %(limit_value)d characters, please."),
        },
    )
    name = forms.CharField(label=gettext_lazy("The missing title"), max_length=120, required=False)
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail (optional, if you would like an answer)"),
        max_length=254,
        required=False,
    )
    # Radio buttons: the template draws each choice with its own label (a select's options
    # drawn that way send nothing, and the form could not be sent from a browser).
    language = forms.ChoiceField(
        label=gettext_lazy("Language of your suggestion"),
        choices=Language.choices,
        widget=forms.RadioSelect,
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by form-filling bots.
    website = forms.CharField(required=False, max_length=200)


def _about(request):
    """The published title the suggestion is about (``?title=slug``), if any."""
    slug = request.GET.get("title") or request.POST.get("title") or ""
    if not slug or len(slug) > 80:
        return None
    return Title.objects.published().filter(slug=slug).only(*LIST_FIELDS).first()


def _save(form, title):
    data = form.cleaned_data
    Suggestion.objects.create(
        kind=SuggestionKind.CHANGE if title else SuggestionKind.MISSING,
        title=title,
        name="" if title else data["name"].strip(),
        text=data["text"].strip(),
        email=data["email"],
        language=data["language"],
    )


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited(
    "suggest",
    "SUGGEST_RATE",
    methods={"POST"},
    message=gettext_lazy("You have sent many suggestions in a short time. Please try later."),
)
def suggest(request):
    """The form; after sending, a thank-you on the same page (post, redirect, get)."""
    title = _about(request)
    initial = {"name": request.GET.get("name", "")[:120], "language": current_language()}
    form = SuggestionForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        if not form.cleaned_data["website"]:
            _save(form, title)
        return redirect(reverse("titles:suggest") + "?sent=1")
    context = {
        "form": form,
        "about": title,
        "sent": request.method != "POST" and request.GET.get("sent") == "1",
        "page_title": _("Suggest a change | Yrkesroller")
        if title
        else _("Suggest a missing title | Yrkesroller"),
        "page_description": _("Tell the editors of Yrkesroller what is wrong or missing."),
    }
    status = 400 if form.is_bound else 200
    return render(request, "titles/suggest.html", context, status=status)
