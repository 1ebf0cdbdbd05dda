from django.urls import path

from taizhang.events.views import report

urlpatterns = [
    path("<int:event_id>/report/", report.report_page, name="report"),
    path("<int:event_id>/report/finish/", report.finish, name="finish"),
    path("<int:event_id>/report/reopen/", report.reopen, name="reopen"),
    path("<int:event_id>/report/sales/", report.sales, name="sales"),
    path("<int:event_id>/report/brief/", report.brief, name="brief"),
    path("<int:event_id>/photos/", report.photos, name="photos"),
    path("results/<int:game_session_id>/", report.results, name="results"),
    path("photos/<int:event_photo_id>/", report.photo_image, name="photo"),
    path("photos/<int:event_photo_id>/thumb/", report.photo_thumb, name="photo_thumb"),
    path("photos/<int:event_photo_id>/void/", report.photo_void, name="photo_void"),
]
