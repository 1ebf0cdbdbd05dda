from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Managing the org tree and staff accounts, audited; the models stay in org. No models here. Sessions are
    recorded at login and forgotten at logout (taizhang/staff/sessions.py)."""

    name = "taizhang.staff"
    label = "staff"
    ledgers = ("taizhang.staff.ledgers:STAFF",)

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from taizhang.staff import sessions

        user_logged_in.connect(sessions.session_started, dispatch_uid="taizhang_session_started")
        user_logged_out.connect(sessions.session_ended, dispatch_uid="taizhang_session_ended")
