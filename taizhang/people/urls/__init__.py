"""The people module's pages, one url module per area."""

from taizhang.people.urls import home

app_name = "people"
urlpatterns = [
    *home.urlpatterns,
]
