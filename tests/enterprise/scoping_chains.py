"""链长制's URL keywords for the scoping walk: a chain, a link and a target of 新市镇."""

from taizhang.enterprise.models import Chain, ChainLink, ChainTarget


def chain_id(world):
    found, _ = Chain.objects.get_or_create(unit=world.xinshi, name="扫描测试产业链")
    return found.pk


def link_id(world):
    chain = Chain.objects.get(pk=chain_id(world))
    found, _ = ChainLink.objects.get_or_create(
        unit=world.xinshi, chain=chain, name="扫描测试环节", defaults={"position": ChainLink.Position.UPSTREAM}
    )
    return found.pk


def target_id(world):
    link = ChainLink.objects.get(pk=link_id(world))
    found, _ = ChainTarget.objects.get_or_create(unit=world.xinshi, link=link, company="扫描测试目标企业")
    return found.pk


FACTORIES = {"chain_id": chain_id, "link_id": link_id, "target_id": target_id}
