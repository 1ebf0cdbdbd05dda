"""Tickets through their holder's private link (under /public/events/, no login)."""

from django.urls import path

from taizhang.events.views import tickets

urlpatterns = [
    path("ticket/<str:signup_token>/", tickets.signup_ticket, name="ticket"),
    path("ticket/<str:signup_token>/qr.svg", tickets.signup_ticket_qr, name="ticket_qr"),
    path("ticket/<str:signup_token>/pdf/", tickets.signup_ticket_pdf, name="ticket_pdf"),
    path("vendor-ticket/<str:vendor_token>/", tickets.vendor_ticket, name="vendor_ticket"),
    path("vendor-ticket/<str:vendor_token>/qr.svg", tickets.vendor_ticket_qr, name="vendor_ticket_qr"),
    path("vendor-ticket/<str:vendor_token>/pdf/", tickets.vendor_ticket_pdf, name="vendor_ticket_pdf"),
]
