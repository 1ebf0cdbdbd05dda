from django.urls import path

from taizhang.assistance.views import problems as views

urlpatterns = [
    path("problems/", views.problem_index, name="problem_list"),
    path("problems/new/", views.problem_new, name="problem_new"),
    path("problems/figures/", views.problem_figures, name="problem_figures"),
    path("problems/settings/", views.problem_settings, name="problem_settings"),
    path("problems/<int:problem_id>/", views.problem_detail, name="problem_detail"),
    path("problems/<int:problem_id>/void/", views.problem_void, name="problem_void"),
    path("problem-photos/<int:problem_photo_id>/", views.problem_photo, name="problem_photo"),
]
