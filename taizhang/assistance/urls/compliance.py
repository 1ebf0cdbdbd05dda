from django.urls import path

from taizhang.assistance.views import compliance as views

urlpatterns = [
    path("compliance/", views.compliance, name="compliance"),
    path("rules/", views.rule_versions, name="rules"),
]
