from django.urls import path

from taizhang.people.views import committee

urlpatterns = [
    path("committee/", committee.member_list, name="committee"),
    path("committee/<int:member_id>/remove/", committee.member_remove, name="committee_remove"),
]
