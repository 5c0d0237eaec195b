"""Built-in evaluation (`rasd eval GOLD.jsonl`): run the pipeline on gold articles and score it.

The matching rules are those of the project's reference scorer (``eval/score.py``)
so the figures are identical: a system event matches a gold event of the same
article when the event types agree and at least one of date, location (50 km) or
actor1 agrees; pairs are chosen greedily by how many fields agree. Field
accuracies are over matched pairs; "core" also needs date and location (25 km);
"strict" needs sub-type, date, location (25 km) and both actors.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from rasd.errors import InputError
from rasd.read.jsonl import parse_article

__all__ = ["EvalError", "EvalResult", "eval_command", "evaluate_file", "load_gold", "load_rows", "match_events",
           "score"]

FIELDS = ("sub_event_type", "date", "location", "actor1", "actor2", "fatalities")
STRICT_FIELDS = ("sub_event_type", "date", "location", "actor1", "actor2")
MATCH_KM = 50.0  # a location this close lets two same-type events pair up
FIELD_KM = 25.0  # ... and this close counts as the right location

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_NON_WORD = re.compile(r"[^\w\s]")
_ALEFS = re.compile("[أإآٱ]")
_ARTICLE_PREFIXES = ("وال", "بال", "لل", "فال", "كال", "ال")
# Words that cannot carry an actor match alone (a subset match must also share a non-generic word).
_GENERIC_AR = frozenset({
    "قوات", "طائرات", "طائره", "طيران", "حربيه", "مسيره", "عناصر", "افراد", "مجموعه", "مجموعات", "ميليشيات",
    "ميليشيا", "مليشيات", "مليشيا", "جماعه", "مسلحين", "مسلحون", "تابعه", "التابعه", "مقاتلين",
})
_GENERIC_EN = frozenset({"forces", "military", "the", "of", "group", "militia", "militias", "unidentified"})


def _words_ar(s: str | None) -> list[str]:
    s = _ALEFS.sub("ا", _DIACRITICS.sub("", s or "")).replace("ى", "ي").replace("ة", "ه")
    out = []
    for word in _NON_WORD.sub(" ", s).split():
        for pre in _ARTICLE_PREFIXES:
            if word.startswith(pre) and len(word) - len(pre) >= 2:
                word = word[len(pre):]
                break
        out.append(word)
    return out


def _words_en(s: str | None) -> list[str]:
    return [w for w in _NON_WORD.sub(" ", (s or "").lower()).split() if w != "the"]


def _same_words(a: list[str], b: list[str], generic: frozenset[str]) -> bool:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return False
    if sa == sb:
        return True
    small, big = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return small <= big and bool(small - generic)


def actor_agrees(system: Mapping[str, Any] | None, gold: Mapping[str, Any] | None) -> bool:
    """A system ACTOR agrees with a gold actor (Arabic surface or English name, word-set rules)."""
    if gold is None:
        return system is None
    if system is None:
        return False
    text_words, name_words = _words_ar(system.get("text")), _words_en(system.get("name"))
    if any(_same_words(text_words, _words_ar(a), _GENERIC_AR) for a in gold.get("ar", [])):
        return True
    return any(_same_words(name_words, _words_en(e), _GENERIC_EN) for e in gold.get("en", []))


def distance_km(a: Mapping[str, Any], b: Mapping[str, Any]) -> float:
    """Great-circle distance of two ``{lat, lon}`` objects (inf when a coordinate is missing)."""
    try:
        la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    except (KeyError, TypeError):
        return math.inf
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _place_agrees(s: Mapping[str, Any] | None, g: Mapping[str, Any] | None, limit: float = FIELD_KM) -> bool:
    if g is None:
        return s is None
    return s is not None and distance_km(s, g) <= limit


def _date_agrees(s: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    return s.get("date") is not None and s.get("date") in {g.get("date"), *g.get("date_alt", [])}


def field_agreement(s: Mapping[str, Any], g: Mapping[str, Any]) -> dict[str, bool]:
    """Which of FIELDS a system event gets right against a gold event."""
    return {
        "sub_event_type": s.get("sub_event_type") == g.get("sub_event_type"),
        "date": _date_agrees(s, g),
        "location": _place_agrees(s.get("location"), g.get("location")),
        "actor1": actor_agrees(s.get("actor1"), g.get("actor1")),
        "actor2": actor_agrees(s.get("actor2"), g.get("actor2")),
        "fatalities": int(s.get("fatalities") or 0) == int(g.get("fatalities") or 0),
    }


def match_events(
    system: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int, dict[str, bool]]]:
    """Greedy one-to-one pairs ``(system index, gold index, field agreement)``, best agreement first."""
    candidates = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            if s.get("event_type") != g.get("event_type"):
                continue
            agree = field_agreement(s, g)
            near = g.get("location") is not None and _place_agrees(s.get("location"), g.get("location"), MATCH_KM)
            if not (agree["date"] or near or agree["actor1"]):
                continue
            candidates.append((sum(agree.values()) + near, i, j, agree))
    candidates.sort(key=lambda c: -c[0])  # stable: ties keep system-then-gold order
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j, agree in candidates:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((i, j, agree))
    return pairs


def _evidence_valid(event: Mapping[str, Any], text: str) -> bool:
    spans = event.get("evidence") or []
    return bool(spans) and all(
        isinstance(sp, dict) and 0 <= sp.get("start", -1) < sp.get("end", -1) <= len(text) for sp in spans
    )


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True, slots=True)
class EvalError:
    """One error: a wrong field set on a matched pair, a missed gold event or a spurious system event."""

    article_id: str
    kind: str  # "wrong <fields>", "missed", "spurious"
    gold_evidence: str
    detail: Any

    def to_list(self) -> list[Any]:
        return [self.article_id, self.kind, self.gold_evidence, self.detail]


@dataclass(frozen=True, slots=True)
class EvalResult:
    """The scorer's report (same keys and rounding as eval/score.py) and the error list."""

    report: dict[str, Any]
    errors: tuple[EvalError, ...] = field(default=())


def score(gold: Iterable[Mapping[str, Any]], system: Mapping[str, Mapping[str, Any]]) -> EvalResult:
    """Score system rows (``{id: {"id", "events"}}``) against gold articles (ANNOTATION.md lines)."""
    gold = list(gold)
    n_gold = n_sys = tp = strict_tp = core_tp = ev_valid = quiet_n = quiet_ok = 0
    hits: dict[str, int] = {}
    missing: list[str] = []
    errors: list[EvalError] = []
    for art in gold:
        out = system.get(art["id"])
        if out is None:
            missing.append(art["id"])
            out = {"events": []}
        s_ev, g_ev = out.get("events") or [], art.get("events") or []
        n_sys, n_gold = n_sys + len(s_ev), n_gold + len(g_ev)
        ev_valid += sum(_evidence_valid(e, art["text"]) for e in s_ev)
        if not g_ev:
            quiet_n += 1
            quiet_ok += not s_ev
        pairs = match_events(s_ev, g_ev)
        tp += len(pairs)
        for i, j, agree in pairs:
            for k, v in agree.items():
                hits[k] = hits.get(k, 0) + v
            core_tp += agree["date"] and agree["location"]
            strict_tp += all(agree[k] for k in STRICT_FIELDS)
            if not all(agree.values()):
                wrong = ",".join(k for k, v in agree.items() if not v)
                errors.append(EvalError(art["id"], f"wrong {wrong}", g_ev[j].get("evidence", ""), s_ev[i]))
        matched_s, matched_g = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
        errors += [EvalError(art["id"], "missed", g.get("evidence", ""), g.get("sub_event_type"))
                   for j, g in enumerate(g_ev) if j not in matched_g]
        errors += [EvalError(art["id"], "spurious", "", s) for i, s in enumerate(s_ev) if i not in matched_s]
    p, r, f1 = _prf(tp, n_sys, n_gold)
    sp, sr, sf1 = _prf(strict_tp, n_sys, n_gold)
    _, _, cf1 = _prf(core_tp, n_sys, n_gold)
    report = {
        "articles": len(gold), "missing_articles": len(missing), "gold_events": n_gold,
        "system_events": n_sys, "matched": tp,
        "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
        "core_f1": round(cf1, 3),
        "strict_precision": round(sp, 3), "strict_recall": round(sr, 3), "strict_f1": round(sf1, 3),
        "field_accuracy": {k: round(v / tp, 3) if tp else 0.0 for k, v in sorted(hits.items())},
        "no_event_articles": quiet_n, "no_event_articles_kept_empty": quiet_ok,
        "evidence_valid": round(ev_valid / n_sys, 3) if n_sys else 0.0,
    }
    return EvalResult(report=report, errors=tuple(errors))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(f"invalid JSON: {exc.msg}", where=f"{path} line {lineno}") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=str(path)) from None
    return rows


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold articles (ANNOTATION.md lines: the CONTRACT input fields plus ``events``)."""
    gold = _read_jsonl(path)
    for n, art in enumerate(gold, 1):
        if not isinstance(art, dict) or "id" not in art or "text" not in art:
            raise InputError("a gold line needs 'id' and 'text'", where=f"{path} article {n}")
    return gold


def load_rows(gold_path: Path, *, system_path: Path | None = None, jobs: int = 1
              ) -> tuple[list[dict[str, Any]], dict[Any, dict[str, Any]]]:
    """Gold articles and the system rows by id: read from ``system_path``, or (without it) extracted now."""
    gold = load_gold(gold_path)
    if system_path is not None:
        return gold, {row.get("id"): row for row in _read_jsonl(system_path)}
    from rasd.parallel import extract_rows

    articles = [
        parse_article({k: art.get(k) for k in ("id", "text", "pub_date", "url", "outlet")},
                      where=f"{gold_path} article {n}")
        for n, art in enumerate(gold, 1)
    ]
    return gold, {row["id"]: row for row in extract_rows(articles, jobs=jobs)}


def evaluate_file(gold_path: Path, *, system_path: Path | None = None, jobs: int = 1) -> EvalResult:
    """Score ``system_path`` rows, or (without it) the pipeline's own output, against ``gold_path``."""
    gold, rows = load_rows(gold_path, system_path=system_path, jobs=jobs)
    return score(gold, rows)


def _print_report(report: Mapping[str, Any]) -> None:
    click.echo(f"articles {report['articles']}  gold events {report['gold_events']}  "
               f"system events {report['system_events']}  matched {report['matched']}")
    click.echo(f"precision {report['precision']:.3f}  recall {report['recall']:.3f}  F1 {report['f1']:.3f}")
    click.echo(f"strict: precision {report['strict_precision']:.3f}  recall {report['strict_recall']:.3f}  "
               f"F1 {report['strict_f1']:.3f}   core F1 {report['core_f1']:.3f}")
    click.echo("field accuracy (matched pairs): " + "  ".join(f"{k} {v:.3f}"
                                                            for k, v in report["field_accuracy"].items()))
    click.echo(f"no-event articles kept empty {report['no_event_articles_kept_empty']}/"
               f"{report['no_event_articles']}   evidence valid {report['evidence_valid']:.3f}   "
               f"missing articles {report['missing_articles']}")


@click.command("eval", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--system", "system_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score this `rasd extract` output instead of running the pipeline.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the report (score.py's keys) here.")
@click.option("--errors/--no-errors", "show_errors", default=False, show_default=True,
              help="List the errors grouped by category: spurious by kind, missed by sub-type, wrong fields "
                   "with gold and system values.")
@click.option("--jobs", "-j", type=click.IntRange(0, 256), default=1, show_default=True,
              help="Worker processes for the extraction (0 = one per CPU).")
def eval_command(gold: Path, system_path: Path | None, json_path: Path | None, show_errors: bool,
                 jobs: int) -> None:
    """Run the pipeline on GOLD articles and print precision/recall/F1, strict F1, field accuracy and the
    error categories (how many spurious, missed and wrong-field events of each kind).

    GOLD is JSON Lines as in the annotation guide (article fields plus gold "events").

    Example: rasd eval ../shared/eval/dev.jsonl --errors --json report.json
    """
    from rasd.eval_errors import categorise_errors, category_counts

    try:
        gold_rows, rows = load_rows(gold, system_path=system_path, jobs=jobs)
    except InputError as err:
        raise click.ClickException(str(err)) from err
    result = score(gold_rows, rows)
    groups = categorise_errors(gold_rows, rows)
    if show_errors:
        for category, items in groups.items():
            click.echo(f"{category} ({len(items)}):")
            for item in items:
                click.echo("  " + json.dumps(item.to_dict(), ensure_ascii=False))
    _print_report(result.report)
    click.echo("error categories: " + "  ".join(f"{k} {n}" for k, n in category_counts(groups).items()))
    if json_path is not None:
        report = {**result.report, "error_categories": category_counts(groups)}
        json_path.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
