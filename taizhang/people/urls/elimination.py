from django.urls import path

from taizhang.people.views import elimination as views

urlpatterns = [
    path("elimination/", views.elimination_index, name="elimination_index"),
    path("elimination/rules/", views.elimination_rules, name="elimination_rules"),
    path("elimination/cycle/<int:locked_cycle_id>/", views.elimination_list, name="elimination_list"),
    path("elimination/<int:recommendation_id>/", views.elimination_detail, name="elimination_detail"),
    path("elimination/<int:recommendation_id>/decide/", views.elimination_decide, name="elimination_decide"),
    path("elimination/<int:recommendation_id>/appeal/", views.elimination_appeal, name="elimination_appeal"),
    path("elimination/<int:recommendation_id>/answer/", views.elimination_answer, name="elimination_answer"),
    path("elimination/<int:recommendation_id>/enforce/", views.elimination_enforce, name="elimination_enforce"),
    path("elimination/<int:recommendation_id>/withdraw/", views.elimination_withdraw, name="elimination_withdraw"),
]
