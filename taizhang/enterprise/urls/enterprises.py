from django.urls import path

from taizhang.enterprise.views import enterprises

urlpatterns = [
    path("enterprises/", enterprises.enterprise_list, name="enterprise_list"),
    path("enterprises/<int:enterprise_id>/", enterprises.enterprise_detail, name="enterprise_detail"),
]
