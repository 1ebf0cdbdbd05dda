from django.urls import path

from taizhang.enterprise.views import chains

urlpatterns = [
    path("chains/", chains.chain_list, name="chain_list"),
    path("chains/new/", chains.chain_create, name="chain_create"),
    path("chains/<int:chain_id>/", chains.chain_detail, name="chain_detail"),
    path("chains/<int:chain_id>/edit/", chains.chain_edit, name="chain_edit"),
    path("chains/<int:chain_id>/links/new/", chains.link_create, name="link_create"),
    path("links/<int:link_id>/edit/", chains.link_edit, name="link_edit"),
    path("links/<int:link_id>/place/", chains.link_place, name="link_place"),
    path("links/<int:link_id>/unplace/", chains.link_unplace, name="link_unplace"),
    path("links/<int:link_id>/targets/new/", chains.target_create, name="target_create"),
    path("targets/", chains.target_list, name="target_list"),
    path("targets/<int:target_id>/edit/", chains.target_edit, name="target_edit"),
    path("targets/<int:target_id>/status/", chains.target_status, name="target_status"),
]
