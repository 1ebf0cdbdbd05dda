from django.urls import path

from taizhang.assistance import archive_views, environment_views, problem_views, training_views, views

app_name = "assistance"
urlpatterns = [
    path("", views.index, name="index"),
    path("households/", views.household_list, name="household_list"),
    path("households/<int:assisted_id>/", views.household_detail, name="household_detail"),
    path("households/<int:assisted_id>/visit/", views.visit_new, name="visit_new"),
    path("visits/<int:visit_id>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:visit_id>/void/", views.visit_void, name="visit_void"),
    path("photos/<int:photo_id>/", views.photo, name="photo"),
    path("compliance/", views.compliance, name="compliance"),
    path("signals/", views.signals, name="signals"),
    path("rules/", views.rule_versions, name="rules"),
    path("problems/", problem_views.problem_index, name="problem_list"),
    path("problems/new/", problem_views.problem_new, name="problem_new"),
    path("problems/figures/", problem_views.problem_figures, name="problem_figures"),
    path("problems/settings/", problem_views.problem_settings, name="problem_settings"),
    path("problems/<int:problem_id>/", problem_views.problem_detail, name="problem_detail"),
    path("problems/<int:problem_id>/void/", problem_views.problem_void, name="problem_void"),
    path("trainings/", training_views.training_index, name="training_list"),
    path("trainings/<int:training_id>/", training_views.training_detail, name="training_detail"),
    path("trainings/<int:training_id>/file/", training_views.training_file, name="training_file"),
    path("archives/", archive_views.archive_index, name="archive_list"),
    path("households/<int:assisted_id>/archive/", archive_views.household_archive, name="household_archive"),
    path("archive-documents/<int:document_id>/", archive_views.archive_document, name="archive_document"),
    path("environment/", environment_views.environment_index, name="environment"),
    path(
        "households/<int:assisted_id>/environment/",
        environment_views.household_environment,
        name="household_environment",
    ),
    path("cleaning-photos/<int:cleaning_id>/<str:which>/", environment_views.cleaning_photo, name="cleaning_photo"),
    path("delivery-photos/<int:need_id>/", environment_views.delivery_photo, name="delivery_photo"),
    path("reports/", views.reports, name="reports"),
    path("households/<int:assisted_id>/card/", views.household_paper, {"paper": "card"}, name="household_card"),
    path(
        "households/<int:assisted_id>/handbook/",
        views.household_paper,
        {"paper": "handbook"},
        name="household_handbook",
    ),
    path("problem-photos/<int:problem_photo_id>/", problem_views.problem_photo, name="problem_photo"),
]
