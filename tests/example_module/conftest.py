"""The example module's tests run only where it is installed (tests/settings_example.py); the ordinary run, on the
product's settings, leaves them out rather than failing to import the module's models."""

from django.conf import settings

if "tests.example_module" not in settings.INSTALLED_APPS:
    collect_ignore_glob = ["test_*.py"]
