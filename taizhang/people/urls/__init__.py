"""The people module's pages, one url module per area."""

from taizhang.people.urls import elimination, home, pay

app_name = "people"
urlpatterns = [
    *home.urlpatterns,
    *pay.urlpatterns,
    *elimination.urlpatterns,
]
