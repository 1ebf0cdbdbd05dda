from django.urls import path

from taizhang.enterprise.views import functions

urlpatterns = [
    path("functions/", functions.function_list, name="function_list"),
    path("functions/overview/", functions.function_overview, name="function_overview"),
    path("functions/notes/", functions.note_list, name="function_notes"),
    path("functions/notes/<int:function_note_id>/", functions.note_detail, name="function_note"),
    path("functions/<int:function_id>/", functions.function_detail, name="function_detail"),
    path("functions/<int:function_id>/withdraw/", functions.function_withdraw, name="function_withdraw"),
]
