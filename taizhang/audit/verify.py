"""Walk every chain: recompute each link under its key, and hold it against every head exported so far."""

from dataclasses import dataclass

from django.utils import timezone

from taizhang.audit.chain import GENESIS, HASHED_FIELDS, entry_digest
from taizhang.audit.heads import Export, read_exports
from taizhang.audit.keys import key_file, key_ring
from taizhang.audit.models import AuditChainHead, AuditEntry


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    message: str


def verify_chains(only: set[int] | None = None) -> VerifyResult:
    """Every chain, or only the chains of the given keys (a unit's id; 0 is the district's)."""
    published = read_exports()
    if published.error:
        return VerifyResult(False, 0, published.error)
    ring = key_ring(create=False)
    keys = ring.keys if ring else {}
    checked = 0
    heads = {h.chain_key: h for h in AuditChainHead.objects.all() if only is None or h.chain_key in only}
    chain_keys = set(AuditEntry.objects.values_list("chain_key", flat=True).distinct()) | set(heads)
    chain_keys |= {k for export in published.exports for k in export.chains}
    for chain_key in sorted(chain_keys if only is None else chain_keys & only):
        wanted = _exported_positions(chain_key, published.exports)
        expected_prev, expected_seq = GENESIS, 0
        rows = (
            AuditEntry.objects.filter(chain_key=chain_key)
            .order_by("chain_seq")
            .values("id", "entry_hash", *HASHED_FIELDS)
            .iterator(chunk_size=5000)
        )
        for row in rows:
            checked += 1
            expected_seq += 1
            where = f"审计记录 #{row['id']}（链 {chain_key}，第 {row['chain_seq']} 条）"
            if row["chain_seq"] != expected_seq:
                return VerifyResult(
                    False, checked, f"{where}：序号不连续，应为第 {expected_seq} 条，之前的记录可能被删除"
                )
            key = keys.get(row["key_id"])
            if key is None:
                return VerifyResult(False, checked, f"{where}：{_missing_key(row['key_id'], ring is None)}")
            if row["prev_hash"] != expected_prev:
                return VerifyResult(False, checked, f"{where}：与前一条记录的链接不符，之前的记录可能被改动或删除")
            if entry_digest(row, key) != row["entry_hash"]:
                return VerifyResult(False, checked, f"{where}：内容与签名不符，该记录被改动过")
            for export, exported_hash in wanted.get(expected_seq, ()):
                if row["entry_hash"] != exported_hash:
                    return VerifyResult(False, checked, f"{where}：与{_where(export)}不符，导出之前的历史被改写过")
            expected_prev = row["entry_hash"]
        longest = max(wanted, default=0)
        if longest > expected_seq:
            export = wanted[longest][0][0]
            return VerifyResult(
                False,
                checked,
                f"链 {chain_key} 现有 {expected_seq} 条记录，而{_where(export)}记录的是 {longest} 条：导出之前的记录被删除",
            )
        head = heads.get(chain_key)
        if head is not None and (head.length != expected_seq or head.last_hash != expected_prev):
            return VerifyResult(
                False, checked, f"链 {chain_key} 的末尾记录缺失：应有 {head.length} 条，实有 {expected_seq} 条"
            )
    message = f"OK：共校验 {checked} 条审计记录，签名与哈希链完整"
    if published.exports:
        message += f"；{len(published.exports)} 次导出的链头均与现有记录一致"
    if published.superseded:
        message += f"（另有 {published.superseded} 次导出在从备份恢复时被撤回，不再核对）"
    return VerifyResult(True, checked, message)


def _exported_positions(chain_key: int, exports: list[Export]) -> dict[int, list[tuple[Export, str]]]:
    """Chain position → the exports that published the hash there."""
    wanted: dict[int, list[tuple[Export, str]]] = {}
    for export in exports:
        length, last_hash = export.chains.get(chain_key, (0, ""))
        if length:
            wanted.setdefault(length, []).append((export, last_hash))
    return wanted


def _where(export: Export) -> str:
    return f"链头导出文件第 {export.line} 行（{timezone.localtime(export.at):%Y-%m-%d %H:%M} 导出）"


def _missing_key(key_id: int, no_file: bool) -> str:
    if key_id == 0:
        return "没有审计密钥签名（启用密钥之前就已断链的记录不会补签）"
    if no_file:
        return f"审计密钥文件 {key_file()} 不存在，无法校验密钥 {key_id} 的签名"
    return f"签名所用的审计密钥 {key_id} 不在密钥文件 {key_file()} 中"
