"""The `taizhang` console script: Django's manage.py under the product's name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    from django.core.management import execute_from_command_line

    from taizhang.core.private_files import restrict_umask

    restrict_umask()

    execute_from_command_line(["taizhang", *sys.argv[1:]])


if __name__ == "__main__":
    main()
