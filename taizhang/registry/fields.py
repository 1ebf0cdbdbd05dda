"""Cell-level parsing of the registry's person-per-row files: plain values in, plain values out."""

import re

from taizhang.core.rules import InvalidValue
from taizhang.registry.models import DISABILITY_CATEGORIES, DISABILITY_GRADES, HEAD_RELATION, Employment

REQUIRED_COLUMNS = ["户编号", "村居", "地址", "姓名", "身份证号", "与户主关系", "联系电话"]
OPTIONAL_COLUMNS = ["开户银行", "银行账号", "在校生", "残疾类别", "残疾等级", "就业状态"]
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
TEXT_COLUMNS = ["户编号", "身份证号", "联系电话", "银行账号"]

RELATION_SYNONYMS = {
    "本人": HEAD_RELATION,
    "户主本人": HEAD_RELATION,
    "妻": "配偶",
    "妻子": "配偶",
    "夫": "配偶",
    "丈夫": "配偶",
    "之妻": "配偶",
    "之夫": "配偶",
    "儿子": "子",
    "长子": "子",
    "次子": "子",
    "三子": "子",
    "之子": "子",
    "女儿": "女",
    "长女": "女",
    "次女": "女",
    "三女": "女",
    "之女": "女",
    "父": "父亲",
    "母": "母亲",
}
TRUE_WORDS = {"是", "√", "✓", "1", "y", "yes", "true", "在校", "在读"}
FALSE_WORDS = {"否", "×", "0", "n", "no", "false", "无", "-"}
GRADE_SYNONYMS = {
    "1": "一级",
    "2": "二级",
    "3": "三级",
    "4": "四级",
    "1级": "一级",
    "2级": "二级",
    "3级": "三级",
    "4级": "四级",
}


_SPACE = re.compile(r"\s")
_DIGIT = re.compile(r"\d")


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def required_text(value, label: str, max_length: int) -> str:
    result = text(value)
    if not result:
        raise InvalidValue(f"{label}不能为空")
    if len(result) > max_length:
        raise InvalidValue(f"{label}过长（最多{max_length}个字）")
    return result


def household_no(value) -> str:
    result = required_text(value, "户编号", 32)
    if _SPACE.search(result):
        raise InvalidValue("户编号中不能有空格")
    return result


def person_name(value) -> str:
    result = required_text(value, "姓名", 64).replace(" ", "").replace("\u3000", "")
    if _DIGIT.search(result):
        raise InvalidValue("姓名中不能有数字")
    return result


def relation(value) -> str:
    result = required_text(value, "与户主关系", 16)
    return RELATION_SYNONYMS.get(result, result)


def yes_no(value, label: str) -> bool:
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise InvalidValue(f"{label}只能填“是”或“否”")


def disability_category(value) -> str:
    result = text(value).removesuffix("残疾")
    if result and result not in DISABILITY_CATEGORIES:
        raise InvalidValue(f"残疾类别应为：{'、'.join(DISABILITY_CATEGORIES)}")
    return result


def disability_grade(value) -> str:
    result = text(value)
    result = GRADE_SYNONYMS.get(result, result)
    if result and result not in DISABILITY_GRADES:
        raise InvalidValue(f"残疾等级应为：{'、'.join(DISABILITY_GRADES)}")
    return result


EMPLOYMENT_VALUES = [choice for choice in Employment.values if choice]


def employment(value) -> str:
    result = text(value)
    if result and result not in EMPLOYMENT_VALUES:
        raise InvalidValue(f"就业状态应为：{'、'.join(EMPLOYMENT_VALUES)}")
    return result
