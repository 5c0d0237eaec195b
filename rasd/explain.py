"""`rasd explain`: each event of an article with the rule and text span behind every field."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from rasd.model import Article, Event
from rasd.pipeline import Pipeline

__all__ = ["explanation", "render_explanation"]


def _snippet(text: str, start: int, end: int, limit: int = 90) -> str:
    s = text[start:end].replace("\n", " ")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _field_value(ev: Event, name: str) -> str:
    value: Any = ev.to_dict().get(name)
    if isinstance(value, dict):
        return f"{value.get('name')} [{value.get('text')}]"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def explanation(pipeline: Pipeline, article: Article) -> dict[str, Any]:
    """The explanation as data: dropped boilerplate and, per event, fields with rule and span text."""
    doc = pipeline.analyse(article)
    events = pipeline.events_of(doc)
    text = article.text
    out: dict[str, Any] = {
        "id": article.id,
        "pub_date": doc.pub_date.isoformat() if doc.pub_date else None,
        "pub_date_inferred": doc.pub_date_inferred,
        "dropped": [{"span": [s.start, s.end], "text": _snippet(text, s.start, s.end), "why": why}
                    for s, why in doc.body.dropped],
        "events": [],
    }
    for ev in events:
        fields = []
        for p in ev.provenance:
            fields.append({
                "field": p.field,
                "value": _field_value(ev, p.field),
                "rule": p.rule,
                "span": [p.span.start, p.span.end] if p.span else None,
                "text": _snippet(text, p.span.start, p.span.end) if p.span else "",
                "detail": p.detail,
            })
        out["events"].append({
            "event": ev.to_dict(),
            "evidence": [_snippet(text, s.start, s.end, 300) for s in ev.evidence],
            "fields": fields,
        })
    return out


def render_explanation(pipeline: Pipeline, article: Article, console: Console | None = None) -> None:
    """Print the explanation of one article with rich tables."""
    console = console or Console()
    data = explanation(pipeline, article)
    inferred = " (inferred from the text)" if data["pub_date_inferred"] else ""
    console.rule(f"[bold]{data['id']}[/] pub_date={data['pub_date']}{inferred} events={len(data['events'])}")
    for d in data["dropped"]:
        console.print(f"[dim]dropped ({d['why']}): {d['text']}[/]")
    for n, ev in enumerate(data["events"], 1):
        e = ev["event"]
        console.print(f"\n[bold cyan]Event {n}[/]: {e['event_type']} / {e['sub_event_type']} "
                      f"on {e['date']} (precision {e['time_precision']}), confidence {e['confidence']}")
        for ev_text in ev["evidence"]:
            console.print(f"  evidence: «{ev_text}»")
        table = Table(show_header=True, header_style="bold")
        for col in ("field", "value", "rule", "text span"):
            table.add_column(col, overflow="fold")
        for f in ev["fields"]:
            span = f"{f['span'][0]}-{f['span'][1]} «{f['text']}»" if f["span"] else ""
            table.add_row(f["field"], f["value"], f["rule"] + (f" {f['detail']}" if f["detail"] else ""), span)
        console.print(table)
