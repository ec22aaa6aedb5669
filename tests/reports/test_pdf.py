"""The PDF: A4, the seed's figures in their sentences, the headings in the seed's order, names
masked, metadata, and no character without a glyph."""

from __future__ import annotations

import io
import logging
import re

import pytest
from pypdf import PdfReader

from reports import content, rendering
from tests.layers import layer


def squeeze(text: str) -> str:
    """Text without whitespace: the PDF's line breaks fall anywhere, and a space before a line
    break is not extracted."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text without the page numbers of the footers, squeezed."""
    pages = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        text = page.extract_text().rstrip()
        pages.append(text.removesuffix(str(number)) if number > 1 else text)
    return squeeze("".join(pages))


@layer(parent="written")
def rendered(seed):
    """The written seed's report: its data, HTML and PDF (rendered once for these tests)."""
    data = content.build(seed.evaluation)
    source = rendering.html(data, final=True)
    return data, source, rendering.pdf(source)


def test_the_pdf_holds_every_seed_figure_in_its_sentence(rendered, caplog):
    _data, _html, pdf = rendered
    text = pdf_text(pdf)
    for sentence in [
        "分别完成协议指标量的 92.05%、77.64%",
        "结案 19 个，分别完成协议指标量的 44.71%、60.2% 和 31.67%",
        "分别完成协议指标量的 50%、55.56% 和 61.46%",
        "分别完成协议指标量的 110%、343.5%",
        "分别完成协议指标量的 98%、437%",
        "分别完成协议指标量的 36.5%、66.67% 和 100%",
        "除个案结案、新登记志愿者未能达到预期进度外",
        "其中持证社工 13 人，占协议规定配置人员总数（18 人）的 72.22%",
        "占协议要求配置社工总人数（18 人）的 66.67%",
        "稳岗率为 61.11%",
        "实际完成培训时长为 692.5 小时，达标率达 106.87%",
        "受访服务对象的总体满意度为 95.2%",
        "累计整合 617791.8 元社区慈善资源",
        "本社工站服务经费为 216 万元",
        "本次中期评估的分数为：85.4，本次中期评估的等级为：良好。",
    ]:
        assert squeeze(sentence) in text, sentence


def test_the_sections_come_in_the_seeds_order(rendered):
    text = pdf_text(rendered[2])
    headings = [
        "一、中期评估背景",
        "（一）评估依据",
        "（二）评估原则",
        "（三）评估阶段",
        "（四）评估内容",
        "（五）评估结果说明",
        "二、评估总结",
        "（一）社工站基本情况",
        "（二）各项目服务进度情况",
        "（三）项目管理",
        "（四）服务质量",
        "（五）服务监测",
        "（六）服务成效",
        "（七）购买方评估",
        "（八）督导中心",
        "（九）监督方评估",
        "三、评估反馈",
        "四、评估等级",
        "五、结语",
        "附件1 官洲街社工服务站购买服务项目指标完成情况统计表",
        "附件2 官洲街社工服务站购买服务项目社工到岗情况统计表",
    ]
    positions = [text.find(squeeze(h)) for h in headings]
    assert -1 not in positions, [h for h, p in zip(headings, positions, strict=True) if p == -1]
    assert positions == sorted(positions)


def test_a_masked_name_never_appears_unmasked(rendered):
    _data, html, pdf = rendered
    assert "邱慧茵" not in html
    assert "邱慧茵" not in pdf_text(pdf)
    assert "邱*茵" in pdf_text(pdf)


def test_pdf_metadata_and_pages(rendered):
    reader = PdfReader(io.BytesIO(rendered[2]))
    assert reader.metadata.title == "2024—2025 年度海珠区官洲街社工服务站 中期评估报告"
    assert reader.metadata.author == "广州市社会组织联合会"
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert len(reader.pages) >= 10
    # Page numbers: the second page prints "2", the cover none.
    assert reader.pages[1].extract_text().strip().endswith("2")


def test_a_character_without_a_glyph_fails_the_rendering(written, caplog):
    html = rendering.html(content.build(written.evaluation), final=True).replace(
        "五、结语", "五、结语 𓀀"
    )
    with (
        caplog.at_level(logging.WARNING, logger="weasyprint"),
        pytest.raises(rendering.MissingGlyph),
    ):
        rendering.pdf(html)


def test_the_demo_pdf_renders_without_missing_glyphs(rendered, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        rendering.pdf(rendered[1])
    assert not [r for r in caplog.records if ".notdef" in r.getMessage()]


def test_only_the_final_report_goes_without_the_draft_mark(written):
    data = content.build(written.evaluation)
    mark = f'<div class="watermark">{rendering.DRAFT_MARK}</div>'
    assert mark in rendering.html(data, final=False)
    assert mark not in rendering.html(data, final=True)
    assert rendering.DRAFT_MARK == "初稿"
    assert not rendering.is_final(written.evaluation)
