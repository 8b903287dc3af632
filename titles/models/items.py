"""What a role does and asks for: ordered bilingual items of a title."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Responsibility(models.Model):
    """One thing the role does, in both languages, in the order editors choose."""

    title = models.ForeignKey(
        "Title",
        on_delete=models.CASCADE,
        related_name="responsibilities",
        verbose_name=_("job title"),
    )
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self):
        return self.text


class Skill(models.Model):
    """A skill or trait the role asks for, in both languages, in the order editors choose."""

    title = models.ForeignKey(
        "Title", on_delete=models.CASCADE, related_name="skills", verbose_name=_("job title")
    )
    text = models.CharField(_("text"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("skill or trait")
        verbose_name_plural = _("skills and traits")

    def __str__(self):
        return self.text
