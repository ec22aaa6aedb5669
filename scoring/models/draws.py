"""Each random draw of experts for an evaluation, kept whole so anyone can replay it: the seed,
every candidate with what the draw knew of them, and who was drawn."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import Evaluation


class PanelDraw(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="draws"
    )
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drawn by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)
    asked = models.PositiveSmallIntegerField(_("experts asked for"))
    load_limit = models.PositiveSmallIntegerField(_("load limit"))
    seed = models.CharField(_("seed"), max_length=64)
    # [{"user": id, "name": …, "load": n, "tied": bool, "conflict": bool, "excluded": why}]
    candidates = models.JSONField(_("candidates"), default=list)
    chosen = models.JSONField(_("drawn"), default=list)  # user ids, in the order drawn
    reason = models.TextField(_("reason for the redraw"), blank=True)

    class Meta:
        verbose_name = _("draw of experts")
        verbose_name_plural = _("draws of experts")
        ordering = ["evaluation", "-drawn_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.drawn_at:%Y-%m-%d %H:%M}"
