"""Reading the set-up pages in tests."""

from __future__ import annotations

import re


def errors(response) -> str:
    """The refusals on a page: its alerts and the messages under its fields, tags stripped."""
    html = response.content.decode()
    blocks = re.findall(
        r'class="[^"]*(?:invalid-feedback|alert-danger|text-danger)[^"]*"[^>]*>(.*?)</(?:div|p|td)>',
        html,
        re.S,
    )
    return " | ".join(" ".join(re.sub(r"<[^>]+>", " ", b).split()) for b in blocks)
