"""Audit changes are shown in reading order, whatever order the stored JSON has."""

from taizhang.registry.templatetags.registry import change_items


def test_record_fields_in_column_order_then_members_head_first():
    stored = {  # as read back: keys sorted by code point
        "地址": [None, "新市村1号"],
        "张三·与户主关系": [None, "户主"],
        "张三·身份证号": [None, "370125196003010102"],
        "李梅·与户主关系": [None, "配偶"],
        "李梅·身份证号": [None, "370125197003020110"],
        "村居": [None, "新市村"],
        "联系电话": [None, "13812345678"],
        "阿丽·身份证号": [None, "370125199003020110"],
        "阿丽·与户主关系": [None, "女"],
    }
    assert [label for label, _ in change_items(stored)] == [
        "村居",
        "地址",
        "联系电话",
        "张三·身份证号",
        "张三·与户主关系",
        "李梅·身份证号",
        "李梅·与户主关系",
        "阿丽·身份证号",
        "阿丽·与户主关系",
    ]


def test_unknown_labels_come_last_and_nothing_is_lost():
    stored = {"备注": ["a", "b"], "户编号": [None, "XS1"], "结果": [None, "共 3 行"]}
    items = change_items(stored)
    assert items[0][0] == "户编号" and dict(items) == stored


def test_an_import_batchs_plain_values_are_shown_as_new_values():
    stored = {"台账": "户籍台账", "文件": "人员.xlsx", "撤销的记录": 12}
    assert dict(change_items(stored)) == {
        "台账": [None, "户籍台账"],
        "文件": [None, "人员.xlsx"],
        "撤销的记录": [None, 12],
    }
