"""The corpus of bad self-assessment files, each derived from the seed station's filled
workbook (or from nothing) with one thing wrong. Writes them to tests/corpus/files/:

    DEBUG=1 .venv/bin/python tests/corpus/make_corpus.py

``CASES`` maps each file to a fragment of the Chinese message it must be refused with; the
tests read both. Two files too big to keep in the repository (over the size limit, and a sheet
that hides 100,000 rows behind a declared size of a few) are made by ``big_cases()`` at test
time.
"""

from __future__ import annotations

import io
import os
import random
import re
import sys
import zipfile
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"

# file name → what the refusal must say (a fragment of the message in Chinese)
CASES: dict[str, str] = {
    "not_an_xlsx.xlsx": "不是 Excel 工作簿",
    "old_excel.xls": "旧版 Excel",
    "password_protected.xlsx": "设置了密码",
    "truncated.xlsx": "文件已损坏",
    "zip_bomb.xlsx": "zip 炸弹",
    "billion_laughs.xlsx": "不安全的 XML",
    "external_entity.xlsx": "不安全的 XML",
    "with_macros.xlsx": "宏",
    "plain_workbook.xlsx": "不是平台的自评模板",
    "other_evaluation.xlsx": "属于另一评估",
    "old_template_version.xlsx": "模板版本过旧",
    "missing_sheet.xlsx": "缺少工作表“建档情况”",
    "renamed_sheet.xlsx": "缺少工作表“协议指标”",
    "text_for_a_number.xlsx": "协议指标!C7：应为非负整数，实为“十二”",
    "negative_number.xlsx": "协议指标!C4：应为非负整数，实为“-3”",
    "decimal_for_a_whole_number.xlsx": "协议指标!C5：应为非负整数，实为“12.5”",
    "formula_for_a_value.xlsx": "协议指标!C6：应填写数值，不能使用公式",
    "percentage_over_100.xlsx": "满意度调查!B6：应为 0 到 100 之间的百分数，实为“120”",
    "attendance_not_in_halves.xlsx": "到岗情况!D4：应为 0.5 的整数倍的非负数，实为“12.3”",
    "staff_levels_do_not_add_up.xlsx": (
        "人员配置!D5：各级持证社工与非持证社工之和（17）应等于平均配备社工数（18）"
    ),
    "filed_more_than_due.xlsx": "建档情况!D4：不能超过应建档数（36）",
    "surveyed_more_than_roster.xlsx": "满意度调查!B5：不能超过名册人数（486）",
    "missing_value.xlsx": "协议指标!C8：必须填写",
    "row_label_changed.xlsx": "协议指标!B4：应为“电话访问”",
    "extra_row.xlsx": "协议指标!A19：此处不应有内容",
}


def _setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "evalportal.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def _seed() -> bytes:
    from indicators.demo import seed_workbook

    return seed_workbook()


def _edit(content: bytes, change) -> bytes:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    change(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _set(sheet: str, cell: str, value):
    def change(workbook):
        workbook[sheet][cell] = value

    return change


def _replace_part(content: bytes, name: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, data if item.filename == name else source.read(item))
        if name not in source.namelist():
            target.writestr(name, data)
    return out.getvalue()


def _sheet_part(content: bytes, sheet: str) -> str:
    """The zip member holding ``sheet``'s XML."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    workbook = archive.read("xl/workbook.xml").decode()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rel = re.search(rf'<sheet[^>]*name="{sheet}"[^>]*r:id="(rId\d+)"', workbook).group(1)
    target = re.search(rf'Id="{rel}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rel}"', rels)
    path = target.group(1) or target.group(2)
    return path.lstrip("/") if path.startswith("/") else f"xl/{path}"


def _entity_sheet(content: bytes, declarations: str, use: str) -> bytes:
    part = _sheet_part(content, "协议指标")
    xml = zipfile.ZipFile(io.BytesIO(content)).read(part).decode()
    xml = xml.replace("<worksheet", f"<!DOCTYPE worksheet [{declarations}]>\n<worksheet", 1)
    xml = xml.replace(
        "<sheetData>",
        f'<sheetData><row r="40"><c r="A40" t="inlineStr"><is><t>{use}</t></is></c></row>',
        1,
    )
    return _replace_part(content, part, xml.encode())


def build() -> dict[str, bytes]:
    seed = _seed()
    # lol9 expands to 10⁹ “lol”s: each entity is ten of the one before.
    laughs = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    files = {
        "not_an_xlsx.xlsx": b"%PDF-1.7\n% this is not a workbook\n",
        "old_excel.xls": bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504 + b"Workbook",
        "truncated.xlsx": seed[: len(seed) // 2],
        "zip_bomb.xlsx": _replace_part(seed, "xl/media/padding.bin", b"\0" * (80 * 1024 * 1024)),
        "billion_laughs.xlsx": _entity_sheet(seed, laughs, "&lol9;"),
        "external_entity.xlsx": _entity_sheet(
            seed, '<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;"
        ),
        "with_macros.xlsx": _replace_part(seed, "xl/vbaProject.bin", b"VBA macro project"),
        "other_evaluation.xlsx": _edit(
            seed, _set("_evalportal", "B3", "另一社工站|2024-06-09|midterm")
        ),
        "old_template_version.xlsx": _edit(seed, _set("_evalportal", "B2", "0")),
        "missing_sheet.xlsx": _edit(seed, lambda wb: wb.remove(wb["建档情况"])),
        "renamed_sheet.xlsx": _edit(seed, lambda wb: setattr(wb["协议指标"], "title", "指标")),
        "text_for_a_number.xlsx": _edit(seed, _set("协议指标", "C7", "十二")),
        "negative_number.xlsx": _edit(seed, _set("协议指标", "C4", -3)),
        "decimal_for_a_whole_number.xlsx": _edit(seed, _set("协议指标", "C5", 12.5)),
        "formula_for_a_value.xlsx": _edit(seed, _set("协议指标", "C6", "=SUM(100,207)")),
        "percentage_over_100.xlsx": _edit(seed, _set("满意度调查", "B6", 120)),
        "attendance_not_in_halves.xlsx": _edit(seed, _set("到岗情况", "D4", 12.3)),
        "staff_levels_do_not_add_up.xlsx": _edit(seed, _set("人员配置", "H5", 4)),
        "filed_more_than_due.xlsx": _edit(seed, _set("建档情况", "D4", 37)),
        "surveyed_more_than_roster.xlsx": _edit(seed, _set("满意度调查", "B5", 500)),
        "missing_value.xlsx": _edit(seed, _set("协议指标", "C8", None)),
        "row_label_changed.xlsx": _edit(seed, _set("协议指标", "B4", "电访")),
        "extra_row.xlsx": _edit(seed, _set("协议指标", "A19", "新增指标")),
    }
    from openpyxl import Workbook

    plain = io.BytesIO()
    Workbook().save(plain)
    files["plain_workbook.xlsx"] = plain.getvalue()
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(seed)).encrypt("mima-2025", encrypted)
    files["password_protected.xlsx"] = encrypted.getvalue()
    assert set(files) == set(CASES), set(files) ^ set(CASES)
    return files


def big_cases(limit: int) -> dict[str, tuple[bytes, str]]:
    """Files too big to keep in git: (content, message fragment)."""
    seed = _seed()
    part = _sheet_part(seed, "协议指标")
    xml = zipfile.ZipFile(io.BytesIO(seed)).read(part).decode()
    rng = random.Random(2025)
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{rng.randrange(10**9)}</v></c>'
        f'<c r="B{r}"><v>{rng.random()}</v></c></row>'
        for r in range(30, 100_030)
    )
    hidden = xml.replace("</sheetData>", rows + "</sheetData>", 1)
    hidden = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:E2"/>', hidden)
    return {
        "over_the_size_limit.xlsx": (seed + b"\0" * (limit + 1 - len(seed)), "大于"),
        "rows_hidden_behind_dimensions.xlsx": (
            _replace_part(seed, part, hidden.encode()),
            "协议指标!A30：此处不应有内容",
        ),
    }


if __name__ == "__main__":
    _setup_django()
    FILES.mkdir(exist_ok=True)
    for name, content in build().items():
        (FILES / name).write_bytes(content)
        print(f"{name}: {len(content)} bytes")
