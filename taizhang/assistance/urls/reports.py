from django.urls import path

from taizhang.assistance.views import reports as views

urlpatterns = [
    path("reports/", views.reports, name="reports"),
    path("households/<int:assisted_id>/card/", views.household_paper, {"paper": "card"}, name="household_card"),
    path(
        "households/<int:assisted_id>/handbook/",
        views.household_paper,
        {"paper": "handbook"},
        name="household_handbook",
    ),
]
