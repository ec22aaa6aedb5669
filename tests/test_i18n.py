"""The interface speaks Simplified Chinese first, English when switched."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_pages_are_chinese_by_default(world):
    page = world.client("bureau").get(reverse("home")).content.decode()
    assert "我的评估" in page
    assert "区民政局代表" in page  # the bureau's role, translated
    assert "My evaluations" not in page
    assert '<html lang="zh-CN">' in page


def test_the_language_switcher_turns_a_page_english_and_back(world):
    client = world.client("bureau")
    url = reverse("station_detail", args=[world.station.pk])
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "Service areas and communities" in page
    assert "片区与社区" not in page
    assert "官洲街社工服务站" in page  # data stays as entered
    client.post(reverse("set_language"), {"language": "zh-hans", "next": url})
    page = client.get(url).content.decode()
    assert "片区与社区" in page
    assert "Service areas and communities" not in page


def test_model_choices_are_translated(world):
    from django.utils import translation

    from stations.models import Role, Status

    with translation.override("zh-hans"):
        assert str(Status.FEEDBACK.label) == "报告反馈"
        assert str(Role.BUYER.label) == "街道办事处代表"
    with translation.override("en"):
        assert str(Status.FEEDBACK.label) == "Feedback on the draft"


@pytest.mark.parametrize("language", ["zh_Hans"])
def test_the_catalogue_translates_every_string(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalogues_are_current():
    for language in ["zh_Hans", "en"]:
        folder = LOCALE / language / "LC_MESSAGES"
        source = polib.pofile(str(folder / "django.po"))
        compiled = polib.mofile(str(folder / "django.mo"))
        assert {e.msgid: e.msgstr for e in compiled if e.msgid and not e.msgid_plural} == {
            e.msgid: e.msgstr for e in source.translated_entries() if e.msgid and not e.msgid_plural
        }, f"run `make messages` ({language})"
