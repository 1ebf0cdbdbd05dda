from django.urls import path

from taizhang.renewal.views import violations

urlpatterns = [
    path("projects/<int:project_id>/violations/", violations.violation_list, name="violation_list"),
    path("projects/<int:project_id>/violations/new/", violations.violation_new, name="violation_new"),
    path("violations/<int:violation_id>/", violations.violation_detail, name="violation_detail"),
    path("violations/<int:violation_id>/void/", violations.violation_void, name="violation_void"),
    path("violation-photos/<int:violation_photo_id>/", violations.violation_photo, name="violation_photo"),
]
