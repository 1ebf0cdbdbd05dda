from django.apps import AppConfig


class RenewalConfig(AppConfig):
    name = "taizhang.renewal"
    label = "renewal"
    verbose_name = "棚改旧改"

    def ready(self):
        from taizhang.core.navigation import NavItem, register_nav_item

        register_nav_item(NavItem(key="renewal", label="棚改旧改", url_name="renewal:project_list", order=60))
