from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Managing the org tree and staff accounts, audited; the models stay in org. No models here."""

    name = "taizhang.staff"
    label = "staff"
    ledgers = ("taizhang.staff.ledgers:STAFF",)
