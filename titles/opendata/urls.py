"""Machine endpoints under /data/ (no language prefix: the files are the same in both)."""

from django.urls import path

from titles.opendata import views

app_name = "opendata"

urlpatterns = [
    path("roles/<slug:slug>.<str:extension>", views.role_data, name="role-data"),
    path("<str:name>", views.dump_file, name="dump"),
]
