"""The people module's pages, one url module per area."""

from taizhang.people.urls import home
from taizhang.people.urls import posts as posts_urls
from taizhang.people.urls import rounds as rounds_urls

app_name = "people"
urlpatterns = [
    *home.urlpatterns,
    *posts_urls.urlpatterns,
    *rounds_urls.urlpatterns,
]
