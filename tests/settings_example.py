"""The product's settings plus the example module (tests/example_module), for the example run:

    pytest --ds tests.settings_example tests/example_module tests/org/test_scoping.py

Installed from process start like any real module: its migration runs when the test database is built, and the
kernel's URL conf and NinjaAPI mount it on first import, exactly as they mount assistance and renewal."""

from taizhang.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.example_module"]  # noqa: F405
