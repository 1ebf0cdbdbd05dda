from django.urls import path

from taizhang.enterprise.views import registry

urlpatterns = [
    path("enterprises/new/", registry.enterprise_new, name="enterprise_new"),
    path("enterprises/<int:enterprise_id>/edit/", registry.enterprise_edit, name="enterprise_edit"),
    path("enterprises/<int:enterprise_id>/status/", registry.enterprise_status, name="enterprise_status"),
    path(
        "enterprises/<int:enterprise_id>/status/withdraw/",
        registry.enterprise_status_withdraw,
        name="enterprise_status_withdraw",
    ),
    path("enterprises/<int:enterprise_id>/pdf/", registry.enterprise_pdf, name="enterprise_pdf"),
    path("parks/", registry.park_list, name="park_list"),
    path("parks/new/", registry.park_new, name="park_new"),
    path("parks/<int:park_id>/edit/", registry.park_edit, name="park_edit"),
]
