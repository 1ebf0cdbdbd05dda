from django.urls import path

from taizhang.renewal.views import determinations

urlpatterns = [
    path("projects/<int:project_id>/determinations/", determinations.determination_list, name="determination_list"),
    path(
        "households/<int:entry_id>/determinations/",
        determinations.determination_household,
        name="determination_household",
    ),
    path("projects/<int:project_id>/publicity/", determinations.publicity_list, name="publicity_list"),
    path("publicity/<int:publicity_id>/", determinations.publicity_detail, name="publicity_detail"),
    path("publicity/<int:publicity_id>/pdf/", determinations.publicity_pdf, name="publicity_pdf"),
    path("objections/<int:objection_id>/", determinations.objection_detail, name="objection_detail"),
]
