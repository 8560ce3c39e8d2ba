"""A timeline plot of one actor's (or organization's) events: x = date, one lane per event type,
marker by status; multi-day events are drawn as bars. Matplotlib with the Agg canvas, no pyplot
(no GUI, no global state).

>>> import tempfile, pathlib
>>> from kg.export.testing import sample_store
>>> out = plot_timeline(sample_store(), "Putin", pathlib.Path(tempfile.mkdtemp()) / "putin.png")
>>> out.stat().st_size > 1000
True
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from matplotlib import dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from kg.errors import ExportError
from kg.export.data import EventInfo, GraphData, QueryStore, load_graph_data
from kg.records import EVENT_TYPES

#: marker, fill and colour per status
STATUS_STYLE = {
    "happened": ("o", "#2e7d32"),
    "planned": ("^", "#1565c0"),
    "cancelled": ("X", "#c62828"),
}
OTHER_STYLE = ("s", "#616161")


def actor_events(data: GraphData, actor: str, *, members: bool = False) -> tuple[str, list[EventInfo]]:
    """The entity matching ``actor`` (IRI, QID, label or alias) and its events; with ``members``
    an organization's events include those of its members."""
    ent = data.find_entity(actor)
    if ent is None:
        raise ExportError("E601", reason=f"no entity matches {actor!r}")
    ids = {ent.id}
    if members:
        ids |= {m.member for m in data.memberships if m.organization == ent.id}
    events = [ev for ev in data.events.values() if ids & set(ev.actors)]
    return ent.id, events


def plot_timeline(
    store: QueryStore,
    actor: str,
    path: str | Path = "kg-timeline.png",
    *,
    members: bool = False,
    title: str | None = None,
) -> Path:
    """Plot the events of ``actor`` to ``path`` (.png, .svg or .pdf) and return the path."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".") or "png"
    if fmt not in ("png", "svg", "pdf"):
        raise ExportError("E600", reason=f"{path.suffix!r}; the timeline is written as .png, .svg or .pdf")
    data = load_graph_data(store, names=True)
    iri, events = actor_events(data, actor, members=members)
    ent = data.entity(iri)
    dated = sorted((ev for ev in events if ev.start or ev.end), key=lambda ev: (ev.start or ev.end, ev.id))
    undated = len(events) - len(dated)

    present = {ev.type for ev in dated}
    lanes = [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))
    lane_of = {t: i for i, t in enumerate(lanes)}

    fig = Figure(figsize=(10, 1.6 + 0.6 * max(len(lanes), 1)), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for ev in dated:
        first = ev.start or ev.end
        last = ev.end or first
        assert first is not None and last is not None
        y = lane_of[ev.type]
        marker, color = STATUS_STYLE.get(ev.status or "", OTHER_STYLE)
        x0, x1 = float(mdates.date2num(first)), float(mdates.date2num(last))
        if last > first:
            ax.plot([x0, x1], [y, y], color=color, linewidth=5, alpha=0.35, solid_capstyle="butt")
        filled = ev.status != "planned"
        ax.plot(
            [(x0 + x1) / 2],
            [y],
            marker=marker,
            markersize=9,
            color=color,
            markerfacecolor=color if filled else "white",
            linestyle="none",
        )
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(-0.7, max(len(lanes), 1) - 0.3)
    if dated:
        spans = [(ev.start or ev.end, ev.end or ev.start) for ev in dated]
        lo = min(float(mdates.date2num(a)) for a, _ in spans)
        hi = max(float(mdates.date2num(b)) for _, b in spans)
        pad = max((hi - lo) / 20, 3.0)
        ax.set_xlim(lo - pad, hi + pad)
    else:
        today = float(mdates.date2num(date.today()))
        ax.set_xlim(today - 30, today)
        ax.text(0.5, 0.5, "no dated events", transform=ax.transAxes, ha="center", va="center", color="#777")
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#ddd")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    heading = title or (f"{ent.label} ({ent.qid})" if ent.qid else ent.label)
    heading = heading.replace("$", r"\$")  # no mathtext from article text
    note = f"{len(dated)} dated events" + (f", {undated} undated (not shown)" if undated else "")
    ax.set_title(f"{heading}\n{note}", fontsize=11, loc="left")
    handles = [
        Line2D(
            [],
            [],
            marker=m,
            color=c,
            markerfacecolor=c if s != "planned" else "white",
            linestyle="none",
            label=s,
        )
        for s, (m, c) in STATUS_STYLE.items()
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title="status")

    path.parent.mkdir(parents=True, exist_ok=True)
    metadata: dict[str, str | None] = {"Date": None} if fmt == "svg" else {}
    if fmt == "svg":
        import matplotlib

        with matplotlib.rc_context({"svg.hashsalt": "kg", "svg.fonttype": "path"}):
            fig.savefig(path, format=fmt, metadata=metadata)
    else:
        fig.savefig(path, format=fmt, dpi=120)
    return path
