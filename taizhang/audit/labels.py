"""What the audit trail calls its object types and actions: the kernel's own and those each module declares in its
manifest (the kernel's lists never grow by editing the kernel)."""

from taizhang.audit.models import AuditEntry
from taizhang.core.manifest import modules

KERNEL_OBJECT_TYPES = {
    "registry.household": "户",
    "registry.person": "人员",
    "registry.import": "导入",
    "imports.batch": "导入批次",
    "registry.export": "导出",
    "registry.print-job": "批量打印",
    "org.user": "工作人员",
    "org.node": "组织节点",
    "hub.unit-modules": "单位启用的模块",
    "hub.metric-target": "指标目标",
    "audit.export": "审计记录导出",
    "audit.key": "审计密钥",
    "audit.backup": "备份",
    "integrity.signal": "疑点",
    "integrity.setting": "疑点参数",
    "integrity.run": "疑点核查",
}


def object_type_labels(module_keys=None) -> dict[str, str]:
    """Object type → label: the kernel's, then the modules' (only `module_keys`' when given)."""
    labels = dict(KERNEL_OBJECT_TYPES)
    for spec in modules():
        if module_keys is None or spec.key in module_keys:
            labels.update(spec.audit_types)
    return labels


def action_labels() -> dict[str, str]:
    labels = dict(AuditEntry.Action.choices)
    for spec in modules():
        labels.update(spec.audit_actions)
    return labels


def hidden_module_prefixes(module_keys) -> tuple[str, ...]:
    """The object-type prefixes of installed modules outside `module_keys`."""
    return tuple(f"{spec.key}." for spec in modules() if spec.key not in module_keys)
