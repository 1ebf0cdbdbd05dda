"""The project's tabs: each area's main page, in the order the work is done."""

from django.urls import NoReverseMatch, reverse

TABS = [
    ("overview", "总览", "renewal:project_detail"),
    ("households", "征收户", "renewal:household_list"),
    ("measurements", "测量", "renewal:site_list"),
    ("determinations", "人口界定", "renewal:determination_list"),
    ("publicity", "公示与异议", "renewal:publicity_list"),
    ("crosscheck", "数据比对", "renewal:crosscheck"),
    ("policy", "补偿政策", "renewal:policy_list"),
    ("agreements", "协议", "renewal:agreement_list"),
    ("violations", "控违拆违", "renewal:violation_list"),
    ("progress", "进度", "renewal:progress"),
    ("brief", "简报", "renewal:brief"),
]


def project_tabs(project, active: str) -> list[dict]:
    tabs = []
    for key, label, url_name in TABS:
        try:
            url = reverse(url_name, args=[project.pk])
        except NoReverseMatch:  # an area whose pages are not there (yet)
            continue
        tabs.append({"key": key, "label": label, "url": url, "active": key == active})
    return tabs
