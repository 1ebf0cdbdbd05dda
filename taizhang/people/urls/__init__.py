"""The people module's pages, one url module per area."""

from taizhang.people.urls import home
from taizhang.people.urls import kpi as kpi_urls

app_name = "people"
urlpatterns = [
    *home.urlpatterns,
    *kpi_urls.urlpatterns,
]
