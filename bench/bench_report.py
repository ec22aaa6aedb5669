"""Rendering the demo report end to end (reading every figure and finding from the database,
building the report, HTML, PDF), against WeasyPrint rendering the same HTML alone, in the same
process. Also the peak of Python's heap for one run of each (tracemalloc)."""

from __future__ import annotations

import io
import tracemalloc

from common import line, median_seconds, setup_django


def _peak_mb(run) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()


def main() -> None:
    setup_django()
    import weasyprint
    from django.contrib.staticfiles import finders
    from pypdf import PdfReader

    from reports import content, rendering
    from stations.models import Evaluation

    evaluation = Evaluation.objects.with_station().get(contract__station__name="官洲街社工服务站")
    source = rendering.html(content.build(evaluation), final=True)
    stylesheet = finders.find(rendering.STYLESHEET)

    def ours() -> bytes:
        fresh = Evaluation.objects.with_station().get(pk=evaluation.pk)
        return rendering.pdf(rendering.html(content.build(fresh), final=True))

    def baseline() -> bytes:
        return weasyprint.HTML(string=source).write_pdf(
            stylesheets=[weasyprint.CSS(filename=stylesheet)]
        )

    pages = len(PdfReader(io.BytesIO(ours())).pages)
    baseline()  # both warm
    ours_time = median_seconds(ours, repeat=5, number=1)
    baseline_time = median_seconds(baseline, repeat=5, number=1)
    ours_peak, baseline_peak = _peak_mb(ours), _peak_mb(baseline)
    print(
        line(
            "report_render_end_to_end",
            ours_time,
            baseline_time,
            f"{pages} pages; peak Python heap {ours_peak:.0f} MB vs {baseline_peak:.0f} MB",
        )
    )


if __name__ == "__main__":
    main()
