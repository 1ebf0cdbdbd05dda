from django.apps import AppConfig


class RenewalConfig(AppConfig):
    name = "taizhang.renewal"
    label = "renewal"
    verbose_name = "棚改旧改"

    def ready(self):
        from taizhang.core.demo import register_demo_step
        from taizhang.core.navigation import NavItem, register_nav_item
        from taizhang.registry.sections import HouseholdSection, register_household_section
        from taizhang.renewal import demo
        from taizhang.renewal.sections import household_section

        register_nav_item(NavItem(key="renewal", label="棚改旧改", url_name="renewal:project_list", order=60))
        register_demo_step(demo.build)
        register_household_section(HouseholdSection(key="renewal", title="棚改旧改", order=20, render=household_section))
