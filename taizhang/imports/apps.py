from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """The import pipeline's pages and records: uploads kept until confirmed, column mappings a unit chose, and the
    batches every import leaves (numbered, undoable). The ledgers come from the apps' and modules' declarations."""

    name = "taizhang.imports"
    label = "imports"
    verbose_name = "导入"
