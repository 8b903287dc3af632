from django.shortcuts import render
from django.views.generic import DetailView

from titles.models import Title


def home(request):
    titles = Title.objects.published().order_by("name_sv")
    return render(request, "titles/home.html", {"titles": titles})


class TitleDetailView(DetailView):
    template_name = "titles/title_detail.html"
    context_object_name = "title"

    def get_queryset(self):
        return Title.objects.published().prefetch_related("labels", "responsibilities")
