"""Walk every chain and recompute each link."""

from dataclasses import dataclass

from taizhang.audit.chain import GENESIS, HASHED_FIELDS, entry_digest
from taizhang.audit.models import AuditChainHead, AuditEntry


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    message: str


def verify_chains(only: set[int] | None = None) -> VerifyResult:
    """Every chain, or only the chains of the given keys (a unit's id; 0 is the district's)."""
    checked = 0
    heads = {h.chain_key: h for h in AuditChainHead.objects.all() if only is None or h.chain_key in only}
    keys = set(AuditEntry.objects.values_list("chain_key", flat=True).distinct()) | set(heads)
    chain_keys = sorted(keys if only is None else keys & only)
    for chain_key in chain_keys:
        expected_prev, expected_seq = GENESIS, 0
        rows = (
            AuditEntry.objects.filter(chain_key=chain_key)
            .order_by("chain_seq")
            .values("id", "entry_hash", *[f for f in HASHED_FIELDS])
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
            if row["prev_hash"] != expected_prev:
                return VerifyResult(False, checked, f"{where}：与前一条记录的链接不符，之前的记录可能被改动或删除")
            if entry_digest(row) != row["entry_hash"]:
                return VerifyResult(False, checked, f"{where}：内容与哈希不符，该记录被改动过")
            expected_prev = row["entry_hash"]
        head = heads.get(chain_key)
        if head is not None and (head.length != expected_seq or head.last_hash != expected_prev):
            return VerifyResult(
                False, checked, f"链 {chain_key} 的末尾记录缺失：应有 {head.length} 条，实有 {expected_seq} 条"
            )
    return VerifyResult(True, checked, f"OK：共校验 {checked} 条审计记录，哈希链完整")
