from django.urls import path

from taizhang.people.views import zone

urlpatterns = [
    path("zone/", zone.assessment, name="zone_assessment"),
    path("zone/indicators/", zone.indicators, name="zone_indicators"),
]
