from django.urls import path

from taizhang.audit import views

app_name = "audit"
urlpatterns = [path("", views.audit_index, name="index")]
