"""竞聘上岗: a round offering posts, the staff's applications with their component scores, the appointees proposed
and published (公示) with objections, then the contracts the confirmation creates."""

from decimal import Decimal

from django.db import models

from taizhang.org.scoping import ScopedQuerySet
from taizhang.people.models.fields import _import_batch, _percent, _score, _unit, _user
from taizhang.people.models.posts import Contract, Post


class Round(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        OPEN = "open", "报名与评分"
        PUBLICITY = "publicity", "公示中"
        CONFIRMED = "confirmed", "已聘任"

    unit = _unit()
    title = models.CharField("竞聘名称", max_length=100)
    max_posts = models.PositiveSmallIntegerField("每人最多报名岗位数", default=2)
    written_weight = _percent("笔试权重（%）", Decimal(40))
    interview_weight = _percent("面试权重（%）", Decimal(40))
    democratic_weight = _percent("民主测评权重（%）", Decimal(20))
    apply_from = models.DateField("报名开始")
    apply_until = models.DateField("报名截止")
    term_starts_on = models.DateField("聘期开始")
    term_ends_on = models.DateField("聘期结束")
    performance_shares = models.JSONField("各聘期年度绩效薪酬占比（%）", default=list)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    publicity_days = models.PositiveSmallIntegerField("公示天数", default=5)
    publicity_from = models.DateField("公示开始", null=True, blank=True)
    publicity_until = models.DateField("公示截止", null=True, blank=True)
    confirmed_at = models.DateTimeField("聘任时间", null=True, blank=True)
    created_by = _user("发起人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["-apply_from", "-id"]
        verbose_name = "竞聘上岗"

    def __str__(self) -> str:
        return self.title

    @property
    def weights(self) -> tuple[Decimal, Decimal, Decimal]:
        return (self.written_weight, self.interview_weight, self.democratic_weight)


class RoundPost(models.Model):
    unit = _unit()
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="posts", verbose_name="竞聘")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="+", verbose_name="岗位")
    openings = models.PositiveSmallIntegerField("拟聘人数", default=1)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "post"], name="people_roundpost_unique")]
        ordering = ["post__department__sort_order", "post__name", "id"]
        verbose_name = "竞聘岗位"


class Application(models.Model):
    unit = _unit()
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="applications", verbose_name="竞聘")
    round_post = models.ForeignKey(
        RoundPost, on_delete=models.CASCADE, related_name="applications", verbose_name="报名岗位"
    )
    user = _user("报名人", null=False)
    written = _score("笔试")
    interview = _score("面试")
    democratic = _score("民主测评")
    proposed = models.BooleanField("拟聘", default=False)
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="聘任合同"
    )
    scores_batch = _import_batch()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round_post", "user"], name="people_application_unique")]
        indexes = [models.Index(fields=["round", "user"])]
        ordering = ["round_post", "id"]
        verbose_name = "竞聘报名"

    @property
    def scores(self) -> tuple:
        return (self.written, self.interview, self.democratic)


class RoundObjection(models.Model):
    """An objection to a round's 公示, filed by anyone of the unit, answered by the committee."""

    class Status(models.TextChoices):
        OPEN = "open", "待答复"
        ANSWERED = "answered", "已答复"

    unit = _unit()
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="objections", verbose_name="竞聘")
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="针对的拟聘人"
    )
    filed_by = _user("提出人", null=False)
    text = models.CharField("异议内容", max_length=1000)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    answer = models.CharField("答复", max_length=1000, blank=True)
    answered_by = _user("答复人")
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    created_at = models.DateTimeField("提出时间")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "竞聘公示异议"
