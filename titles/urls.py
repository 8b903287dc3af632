from django.urls import path

from titles import views

app_name = "titles"

urlpatterns = [
    path("", views.home, name="home"),
    path("roles/<slug:slug>/", views.TitleDetailView.as_view(), name="title-detail"),
]
