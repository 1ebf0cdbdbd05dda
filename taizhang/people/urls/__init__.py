"""The people module's pages, one url module per area."""

from taizhang.people.urls import committee, elimination, home, pay
from taizhang.people.urls import kpi as kpi_urls
from taizhang.people.urls import posts as posts_urls
from taizhang.people.urls import rounds as rounds_urls
from taizhang.people.urls import zone as zone_urls

app_name = "people"
urlpatterns = [
    *home.urlpatterns,
    *committee.urlpatterns,
    *zone_urls.urlpatterns,
    *kpi_urls.urlpatterns,
    *pay.urlpatterns,
    *elimination.urlpatterns,
    *posts_urls.urlpatterns,
    *rounds_urls.urlpatterns,
]
