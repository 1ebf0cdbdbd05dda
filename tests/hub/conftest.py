# The hub's inbox and notifications are tried on the assistance module's base case.
from tests.assistance.conftest import assisted  # noqa: F401
