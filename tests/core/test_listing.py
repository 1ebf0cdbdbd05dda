"""The kernel's list helper: filters read through a form, chips, pages and the page jump that keeps the filters."""

from django import forms
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory

from taizhang.core.listing import ListFilterForm, chip, kept_query, paginate

VILLAGES = [(1, "新市村"), (2, "闻韶村")]


class StatusForm(ListFilterForm):
    status = forms.ChoiceField(required=False, choices=[("", "全部"), ("due", "未达标")])


def test_the_form_keeps_what_it_accepts_and_leaves_out_what_it_refuses():
    form = StatusForm(
        QueryDict("q=张三&community=9&group=2&status=bogus&page=x"), communities=VILLAGES, groups=[(2, "一组")]
    )
    assert form.filters() == {"q": "张三", "community": None, "group": 2, "page": None, "status": ""}


def test_the_form_offers_the_given_villages_and_groups_under_the_modules_label():
    form = ListFilterForm(QueryDict(), communities=VILLAGES, groups=[(7, "张帮扶")], group_label="帮扶责任人")
    assert form.fields["community"].choices == [("", "全部村居"), *VILLAGES]
    assert form.fields["group"].choices == [("", "全部帮扶责任人"), (7, "张帮扶")]


def test_one_village_or_no_groups_leave_nothing_to_choose():
    form = ListFilterForm(QueryDict("community=1&group=3"), communities=VILLAGES[:1])
    assert "community" not in form.fields and "group" not in form.fields
    assert form.filters() == {"q": "", "page": None}


def test_a_chip_adds_its_filter_to_the_current_ones_and_goes_back_to_page_one():
    c = chip(QueryDict("community=1&page=4"), "未达标", count=3, status="due")
    assert not c.active and QueryDict(c.query) == QueryDict("community=1&status=due") and c.count == 3


def test_an_active_chip_takes_its_filter_off():
    c = chip(QueryDict("community=1&status=due&page=2"), "未达标", status="due")
    assert c.active and c.query == "community=1"


def test_links_to_other_pages_keep_the_filters_but_not_the_page_or_a_download_format():
    assert kept_query(QueryDict("q=王&page=3&format=xlsx&community=2")).urlencode() == "q=%E7%8E%8B&community=2"


def test_a_page_past_the_end_is_the_last_and_garbage_is_the_first():
    rf = RequestFactory()
    assert paginate(rf.get("/", {"page": "999"}), range(45)).number == 3
    assert paginate(rf.get("/", {"page": "abc"}), range(45)).number == 1
    assert len(paginate(rf.get("/"), range(45))) == 20


def test_the_pagination_links_and_the_page_jump_carry_the_filters():
    request = RequestFactory().get("/list/", {"q": "王", "community": "2", "page": "2"})
    page = paginate(request, range(100))
    html = render_to_string("_pagination.html", {"page": page}, request=request)
    assert "?q=%E7%8E%8B&amp;community=2&amp;page=3" in html  # 下一页
    assert "?q=%E7%8E%8B&amp;community=2&amp;page=5" in html  # 末页
    assert '<input type="hidden" name="q" value="王">' in html
    assert '<input type="hidden" name="community" value="2">' in html
    assert 'name="page" min="1" max="5" value="2"' in html
    assert '<input type="hidden" name="page"' not in html
    assert "第 21–40 条，共 100 条" in html


def test_one_page_shows_no_pagination():
    request = RequestFactory().get("/list/")
    assert render_to_string("_pagination.html", {"page": paginate(request, range(5))}, request=request).strip() == ""
