from django.urls import path

from boards import views

app_name = "boards"

urlpatterns = [
    path("", views.board_list, name="list"),
    path("<slug:slug>/", views.detail, name="detail"),
]
