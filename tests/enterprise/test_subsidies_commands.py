"""`taizhang import-city-subsidies` (whole or nothing, every error at once, undo) and `taizhang subsidies` (the year's
eligible amounts as CSV, to the fen)."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from taizhang.core import clock
from taizhang.enterprise import subsidies
from taizhang.enterprise.models import CitySubsidy
from taizhang.imports.models import ImportBatch
from taizhang.imports.services import batch_void
from tests.enterprise.fixtures_subsidies import YEAR, make_subsidies

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command(*args, stdout=out, stderr=StringIO())
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def write(tmp_path, lines) -> str:
    path = tmp_path / "city.csv"
    path.write_text("统一社会信用代码,项目,市级补贴金额\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_a_bad_file_is_refused_whole_with_every_row_error(ez, tmp_path):
    codes = [e.uscc for e in ez.enterprises]
    bad = codes[1][:-1] + ("0" if codes[1][-1] != "0" else "1")
    path = write(
        tmp_path,
        [
            f"{codes[0]},技术改造补助,100000",
            f"{bad},研发补助,5000",
            f"{codes[1]},,abc",
            f"{codes[0]},技术改造补助,200000",
            "91370125MA3C99999X,研发补助,1.005",
        ],
    )
    status, out = run("import-city-subsidies", path, "--year", str(YEAR), "--unit", "新市镇")
    assert status == 1
    assert "第3行" in out and "校验位错误" in out
    assert "项目不能为空" in out and "不是数字" in out
    assert "与第2行重复" in out
    assert "第6行" in out
    assert "没有写入任何数据" in out and not CitySubsidy.objects.exists()


def test_a_good_file_is_imported_as_a_batch_and_undone(ez, tmp_path, world):
    codes = [e.uscc for e in ez.enterprises]
    path = write(tmp_path, [f'{codes[0]},技术改造补助,"100,000.50"', f"{codes[2]},品牌建设奖励,8000"])
    status, out = run("import-city-subsidies", path, "--year", str(YEAR))  # the unit whose register has the codes
    assert status == 0, out
    assert "2 条，合计 108,000.50 元" in out
    assert CitySubsidy.objects.get(enterprise=ez.enterprises[0]).amount == 100000.5
    status, out = run("import-city-subsidies", path, "--year", str(YEAR), "--unit", "新市镇")
    assert status == 0 and "已在系统中 2 条" in out
    batch = ImportBatch.objects.order_by("pk").first()  # the second import found nothing new
    assert batch_void(batch=batch, actor=world.xs_admin, reason="导错年度") == 2
    assert not CitySubsidy.objects.exists()


def test_an_undo_is_refused_once_a_top_up_from_it_is_approved(ez, tmp_path, world):
    with clock.frozen(date(2021, 3, 1)):
        sub = make_subsidies(ez)
        CitySubsidy.objects.all().delete()
        path = write(tmp_path, [f"{ez.enterprises[0].uscc},技术改造补助,100000"])
        assert run("import-city-subsidies", path, "--year", str(YEAR), "--unit", "新市镇")[0] == 0
        grant = subsidies.grants_create(
            actor=ez.officer, unit=ez.unit, year=YEAR, picks=[(ez.enterprises[0].pk, sub.topup.pk)]
        )[0]
        assert grant.amount == 30000
        subsidies.grant_review(actor=ez.officer, grant=grant)
        subsidies.grant_approve(actor=ez.admin, grant=grant)
    with pytest.raises(ValidationError, match="已审批或支付"):
        batch_void(batch=ImportBatch.objects.get(), actor=world.xs_admin, reason="x")


def test_the_subsidies_command_prints_the_years_eligible_amounts_as_csv(ez):
    make_subsidies(ez)
    status, out = run("subsidies", "--unit", "新市镇", "--year", str(YEAR))
    assert status == 0
    codes = [e.uscc for e in ez.enterprises]
    assert out.splitlines() == [
        "统一社会信用代码,企业名称,政策,条款,金额",
        f"{codes[1]},山东齐鲁智造有限公司,科技创新十条,第三条 研发投入奖励,600000.00",
        f"{codes[0]},济南鲁味食品有限公司,科技创新十条,第九条 四新企业市级补贴配套,37037.03",
        f"{codes[2]},济阳黄河饮品有限公司,科技创新十条,第三条 研发投入奖励,900000.00",
    ]


def test_the_subsidies_command_names_a_bad_unit_or_year(ez):
    with pytest.raises(Exception, match="年度"):
        run("subsidies", "--unit", "新市镇", "--year", "1900")


def test_without_unit_a_file_of_codes_in_no_register_or_in_two_is_refused(ez, jy_enterprise, tmp_path):
    unknown = write(tmp_path, ["91370125MA3C99999X,研发补助,100"])
    with pytest.raises(CommandError, match="不在任何单位的企业名录中"):
        run("import-city-subsidies", unknown, "--year", str(YEAR))
    both = write(tmp_path, [f"{ez.enterprises[0].uscc},研发补助,100", f"{jy_enterprise.uscc},研发补助,100"])
    with pytest.raises(CommandError, match="分属 新市镇、济阳街道：请用 --unit 指定单位"):
        run("import-city-subsidies", both, "--year", str(YEAR))
