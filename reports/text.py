"""Pure text helpers of the report: masking personal names, filling figure tokens into what
people wrote, listing the numbers they typed, and writing dates and lists the way the seed does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

TOKEN = re.compile(r"【([^【】]{1,40})】")
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?%?")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def mask_name(name: str) -> str:
    """邱慧茵 → 邱*茵, 张三 → 张*, 欧阳娜娜 → 欧**娜: the first and last characters stay."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def apply_masks(text: str, names: Iterable[str]) -> str:
    """Every occurrence of every name masked; longer names first, so 邱慧茵 is masked whole
    even when 邱慧 is also marked."""
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text


def fill_tokens(text: str, values: Mapping[str, str], missing: str | None = None) -> str:
    """Replace each 【name】 by the figure of that name; an unknown one by ``missing``, or, when
    that is None, left as written."""
    return TOKEN.sub(
        lambda m: values.get(m.group(1), m.group(0) if missing is None else missing), text
    )


def unknown_tokens(text: str, values: Mapping[str, str]) -> list[str]:
    return [name for name in TOKEN.findall(text) if name not in values]


def typed_numbers(text: str, values: Mapping[str, str]) -> list[str]:
    """The numbers written by hand in ``text`` (outside tokens) that are none of the figures:
    candidates for a typo or a figure typed twice."""
    known = {v.replace(",", "") for v in values.values()}
    bare = TOKEN.sub("", text)
    return [n for n in NUMBER.findall(bare.replace(",", "")) if n not in known]


def date_cn(day: dt.date) -> str:
    """2025-03-14 → "2025 年 3 月 14 日", as the seed prints dates in running text."""
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def date_cn_compact(day: dt.date) -> str:
    """The cover's date: "2025年3月14日"."""
    return f"{day.year}年{day.month}月{day.day}日"


def join_cn(items: list[str]) -> str:
    """a、b 和 c; a、b; a — the seed's way of listing."""
    if len(items) <= 2:
        return "、".join(items)
    return "、".join(items[:-1]) + " 和 " + items[-1]


def numbered(n: int) -> str:
    return f"（{n}）"


def circled(n: int) -> str:
    return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else f"({n})"


def chinese_number(n: int) -> str:
    """1 → 一 … 99 (for section numbers)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
