from django.urls import path

from taizhang.hub import inbox_views, views

app_name = "hub"
urlpatterns = [
    path("modules/", views.unit_modules, name="unit_modules"),
    path("targets/", views.targets, name="targets"),
    path("inbox/", inbox_views.inbox, name="inbox"),
    path("badges/", inbox_views.badges, name="badges"),
    path("notifications/", inbox_views.notification_list, name="notifications"),
    path("notifications/<int:notification_id>/", inbox_views.notification_open, name="notification_open"),
]
