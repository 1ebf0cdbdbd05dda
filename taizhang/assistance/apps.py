from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "taizhang.assistance"
    label = "assistance"
    verbose_name = "帮扶"

    def ready(self):
        from taizhang.assistance import demo
        from taizhang.assistance.sections import household_section
        from taizhang.core.demo import register_demo_step
        from taizhang.core.navigation import NavItem, register_nav_item
        from taizhang.registry.sections import HouseholdSection, register_household_section

        register_nav_item(NavItem(key="assistance", label="帮扶", url_name="assistance:index", order=50))
        register_demo_step(demo.build)
        register_household_section(HouseholdSection(key="assistance", title="帮扶", order=10, render=household_section))
