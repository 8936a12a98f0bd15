"""The chart of a topic: mention volume (bars) and negative share (line) over the last hours, triggers marked."""
from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import matplotlib

matplotlib.use("Agg")  # no display on a server; set before anything imports pyplot

from matplotlib.dates import DateFormatter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator, PercentFormatter  # noqa: E402

VOLUME, NEGATIVE, TRIGGER = "#7a8b99", "#c0392b", "#e67e22"


def render_chart(series: list[tuple[datetime, int, float | None]], marks: list[datetime], title: str,
                 tz: str = "UTC") -> bytes:
    """A PNG. A bucket without scored mentions has no share: the line breaks there instead of reading 0%."""
    zone = ZoneInfo(tz)
    starts = [start.astimezone(zone) for start, _, _ in series]
    width = (starts[1] - starts[0]) if len(starts) > 1 else timedelta(hours=1)
    figure = Figure(figsize=(8, 3.6), dpi=100)  # no pyplot: no global state shared between worker threads
    volume_axis = figure.add_subplot()
    # The x data are datetimes, converted by matplotlib's date units; its annotations accept only plain numbers for
    # unit-converted data (matplotlib/matplotlib#27140), hence the three `type: ignore[arg-type]` below.
    volume_axis.bar(starts, [volume for _, volume, _ in series], width=width * 0.9,  # type: ignore[arg-type]
                    align="edge", color=VOLUME, label="mentions")
    volume_axis.set_ylabel("mentions")
    volume_axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    share_axis = volume_axis.twinx()
    middles = [start + width / 2 for start in starts]
    shares = [float("nan") if share is None else share for _, _, share in series]
    share_axis.plot(middles, shares, color=NEGATIVE, marker=".", linewidth=1.5,  # type: ignore[arg-type]
                    label="negative share")
    share_axis.set_ylim(0, 1)
    share_axis.yaxis.set_major_formatter(PercentFormatter(1.0))
    share_axis.set_ylabel("negative share")
    for n, at in enumerate(marks):
        volume_axis.axvline(at.astimezone(zone), color=TRIGGER, linestyle="--", linewidth=1.5,  # type: ignore[arg-type]
                            label="trigger" if n == 0 else None)
    handles = [h for axis in (volume_axis, share_axis) for h in axis.get_legend_handles_labels()[0]]
    volume_axis.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)
    volume_axis.xaxis.set_major_formatter(DateFormatter("%H:%M", tz=zone))
    volume_axis.set_xlabel(f"time ({tz})")
    volume_axis.set_title(title, fontsize=11)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
