"""Time expressions (relative days, weekdays, both month families, numeric dates) resolved against pub_date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from rasd.records import fast_init
from rasd.resources import read_tsv
from rasd.text.normalise import NormalizedText, normalise_key

__all__ = ["TimeLexicon", "TimeMention", "find_times", "infer_pub_date", "load_time_lexicon"]

# How far back a bare "قبل أيام" reaches, in days (ACLED codes such reports as a ~week range).
DAYS_AGO_VAGUE = 3


@fast_init
@dataclass(frozen=True, slots=True)
class TimeMention:
    """A resolved time expression; ``date`` is None when it cannot be anchored (no pub_date)."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int  # 1 day, 2 week/range, 3 month
    rule: str


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """Compiled time-expression patterns and the value of each word.

    ``fast`` is the same grammar compiled by the stdlib ``re`` (about twice as fast here), with
    ``[^\\W_]`` for ``[\\p{L}\\p{N}]``; ``guard`` finds the characters on which the two engines'
    classes (letters/digits, ``\\s``, ``\\d``) disagree. A text without any runs on ``fast``, any other
    text on ``pattern``, so the matches are the same.

    ``starts`` finds the words an expression can begin with (after an optional و/ف/ب/ل), as literal
    alternatives that sre scans for at C speed; ``fast`` is then tried only where one starts (see
    :meth:`_scanned`) instead of at every character. ``scan_guard`` (``guard``'s characters and the
    non-ASCII digits, which ``starts`` leaves out) sends a text to the plain ``finditer`` instead."""

    pattern: regex.Pattern[str]
    values: dict[str, tuple[str, int | None]]
    fast: re.Pattern[str] | None = field(default=None, compare=False)
    guard: re.Pattern[str] | None = field(default=None, compare=False)
    starts: re.Pattern[str] | None = field(default=None, compare=False)
    scan_guard: re.Pattern[str] | None = field(default=None, compare=False)

    def finditer(self, text: str) -> Iterator[re.Match[str] | regex.Match[str]]:
        """The time expressions of (normalised) ``text``, left to right."""
        if self.starts is not None and self.scan_guard is not None and self.scan_guard.search(text) is None:
            return self._scanned(text)
        if self.fast is not None and self.guard is not None and self.guard.search(text) is None:
            return self.fast.finditer(text)
        return self.pattern.finditer(text)

    def _scanned(self, text: str) -> Iterator[re.Match[str]]:
        """``fast.finditer(text)``, trying ``fast`` only where ``starts`` finds a first word.

        A match begins at a word start ``p`` with its first word at ``p`` or, after a proclitic,
        at ``p + 1``. ``starts`` reports every such first word except one that begins inside a word
        it already reported (its matches are alphanumeric), which can only be the ``p + 1`` of the
        reported ``p``: so trying ``p`` and ``p - 1`` (after a proclitic letter) of each report, left to
        right and past the last match, tries every start the plain scan could match at."""
        assert self.fast is not None and self.starts is not None
        match = self.fast.match
        last = 0  # the end of the last match: the plain scan resumes there
        tried = -1
        for found in self.starts.finditer(text):
            q = found.start()
            for p in ((q - 1, q) if q and text[q - 1] in _PROCLITIC_LETTERS else (q,)):
                if p <= tried or p < last:
                    continue
                tried = p
                m = match(text, p)
                if m is not None:
                    yield m
                    last = m.end()
                    break


_PROCLITIC_LETTERS = "وفبل"  # the grammar's optional [وفبل] before an expression
# the fixed first words of the grammar's branches (besides digits and the lexicon's words)
_FIXED_FIRST_WORDS = ("منذ", "قبل", "الاسبوع", "خلال", "الشهر", "شهر")


def _alt(words: list[str]) -> str:
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def load_time_lexicon() -> TimeLexicon:
    """Load ``lexicons/time_words.tsv`` and compile the expression grammar."""
    values: dict[str, tuple[str, int | None]] = {}
    by_kind: dict[str, list[str]] = {}
    for phrase, kind, value in read_tsv("lexicons/time_words.tsv", columns=3):
        key = normalise_key(phrase)
        values[key] = (kind, int(value) if value else None)
        by_kind.setdefault(kind, []).append(key)
    months, weekdays = _alt(by_kind["month"]), _alt(by_kind["weekday"])
    rel, parts = _alt(by_kind["rel_day"]), _alt(by_kind["part"])
    past, future, current = _alt(by_kind["past"]), _alt(by_kind["future"]), _alt(by_kind["current"])
    part = rf"(?:(?:{parts})\s+(?:يوم\s+)?)?"
    pattern = rf"""
      (?<![\p{{L}}\p{{N}}])[وفبل]?(?:
        (?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))
      | (?P<num>(?P<nd>\d{{1,2}})[/.](?P<nm>\d{{1,2}})[/.](?P<ny>\d{{4}}))
      | (?P<abs>{part}(?:(?:{weekdays})\s+(?:الموافق\s+)?)?(?P<ad>\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?(?P<am>{months})
          (?:\s*[/(-]\s*(?:{months})\s*\)?)?(?:\s*(?:{current}|{past}))?
          (?:\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<ay>\d{{4}}))?)
      | (?P<ago>(?:منذ|قبل)\s+
          (?P<agon>\d{{1,2}}\s+|يومين|اسبوع|اسبوعين|ايام|بضعه\s+ايام|(?:ثلاثه|اربعه|خمسه|سته|سبعه)\s+)
          (?:ايام|يوما|يوم)?)
      | (?P<week>الاسبوع\s+(?:{past}))
      | (?P<hours>خلال\s+(?:ال)?(?:24|اربع\s+وعشرين)\s+ساعه\s+(?:{past})|خلال\s+الساعات\s+(?:{past}|الاخيره))
      | (?P<month>(?:الشهر|شهر)\s+(?:{current}|{past})|(?:خلال\s+)?شهر\s+(?P<mm>{months})(?:\s+(?:{current}|{past}))?)
      | (?P<rel>{part}(?P<rw>{rel})(?:\s+(?:{weekdays}))?)
      | (?P<wd>{part}(?P<ww>{weekdays})(?:\s+(?P<wmod>{past}|{future}))?)
      )(?![\p{{L}}\p{{N}}])
    """
    fast, guard = _stdlib_twin(pattern)
    # the words a branch of the grammar can begin with: a digit (iso, num, abs), a part of day
    # (abs, rel, wd), a weekday (abs, wd), a relative day (rel) or one of the fixed words
    first_words = {w.split()[0] for kind in ("part", "weekday", "rel_day") for w in by_kind[kind]}
    first_words |= {*_FIXED_FIRST_WORDS, *"0123456789"}
    starts, scan_guard = _start_scanner(first_words, guard) if fast is not None else (None, None)
    return TimeLexicon(regex.compile(pattern, regex.VERBOSE), values, fast, guard, starts, scan_guard)


def _start_scanner(first_words: set[str],
                   guard: re.Pattern[str] | None) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The scanner of ``first_words`` (literal alternatives: sre skips to their first letters at C speed)
    and the guard of the texts it does not serve: ``guard``'s characters and the digits other than
    0-9 (the grammar's ``\\d`` matches them). None when a first word is not all letters and digits."""
    if guard is None or not all(w.isalnum() for w in first_words):
        return None, None
    starts = re.compile("|".join(re.escape(w) for w in sorted(first_words, key=lambda w: (-len(w), w))))
    bmp = _bmp()
    digits = set(re.findall(r"\d", bmp)) - set("0123456789")
    return starts, _guard(set(guard.findall(bmp)) | digits)


_LETTER_OR_DIGIT = r"[\p{L}\p{N}]"


def _stdlib_twin(pattern: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """``pattern`` compiled by the stdlib ``re``, and the guard of the characters where the engines differ
    (both None when the grammar uses syntax of the regex module beyond ``[\\p{L}\\p{N}]``)."""
    twin = pattern.replace(_LETTER_OR_DIGIT, r"[^\W_]")
    if "\\p" in twin or "\\P" in twin:
        return None, None
    try:
        fast = re.compile(twin, re.VERBOSE)
    except re.error:
        return None, None
    bmp = _bmp()
    differ: set[str] = set()
    for theirs, ours in ((_LETTER_OR_DIGIT, r"[^\W_]"), (r"\s", r"\s"), (r"\d", r"\d")):
        # characters one engine matches and the other does not (runs first: a few ms in all)
        differ |= set(regex.findall(theirs, re.sub(ours + "+", "", bmp)))
        differ |= set(re.findall(ours, regex.sub(theirs + "+", "", bmp)))
    return fast, _guard(differ)


def _guard(chars: set[str]) -> re.Pattern[str]:
    """A character class of ``chars``, the lone surrogates and everything beyond the BMP (where the
    regex engine is always used)."""
    return re.compile("[" + "".join(map(re.escape, sorted(chars))) + "\ud800-\udfff\U00010000-\U0010ffff]")


def _bmp() -> str:
    """Every BMP character except the surrogates, as one string."""
    return "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))


def _day_month(day: int, month: int, year: int | None, pub: dt.date | None) -> dt.date | None:
    if year is None:
        if pub is None:
            return None
        year = pub.year
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        return d if d <= pub + dt.timedelta(days=1) else _day_month(day, month, year - 1, None)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(m: re.Match[str] | regex.Match[str], lex: TimeLexicon,
             pub: dt.date | None) -> tuple[dt.date | None, int, str]:
    g = m.groupdict()
    if g["iso"]:
        return _day_month(int(g["id"]), int(g["im"]), int(g["iy"]), None), 1, "iso-date"
    if g["num"]:
        return _day_month(int(g["nd"]), int(g["nm"]), int(g["ny"]), None), 1, "numeric-date"
    if g["abs"]:
        month = lex.values[_key(g["am"])][1] or 0
        return _day_month(int(g["ad"]), month, int(g["ay"]) if g["ay"] else None, pub), 1, "day-month"
    if pub is None:
        return None, 2, "relative-without-pub-date"
    if g["ago"]:
        n = g["agon"].strip()
        days = {"يومين": 2, "اسبوع": 7, "اسبوعين": 14, "ايام": DAYS_AGO_VAGUE, "ثلاثه": 3, "اربعه": 4,
                "خمسه": 5, "سته": 6, "سبعه": 7}.get(n.split()[0], DAYS_AGO_VAGUE)
        if n.isdigit():
            days = int(n)
        return pub - dt.timedelta(days=days), 2, "days-ago"
    if g["week"]:
        return pub - dt.timedelta(days=7), 2, "last-week"
    if g["hours"]:
        return pub, 2, "past-24-hours"
    if g["month"]:
        if g["mm"]:
            month = lex.values[_key(g["mm"])][1] or pub.month
            year = pub.year if month <= pub.month else pub.year - 1
            return dt.date(year, month, 1), 3, "month-name"
        if any(w in g["month"] for w in ("الماضي", "المنصرم", "السابق", "الفائت")):
            first = pub.replace(day=1) - dt.timedelta(days=1)
            return first.replace(day=1), 3, "last-month"
        return pub.replace(day=1), 3, "this-month"
    if g["rel"]:
        offset = lex.values[_key(g["rw"])][1] or 0
        return pub + dt.timedelta(days=offset), 1, f"relative-day:{_key(g['rw'])}"
    if g["wd"]:
        weekday = lex.values[_key(g["ww"])][1] or 0
        back = (pub.weekday() - weekday) % 7
        mod = g["wmod"] or ""
        kind = lex.values.get(_key(mod), ("", None))[0] if mod else ""
        if kind == "past" and back == 0:
            back = 7
        if kind == "future":
            ahead = (weekday - pub.weekday()) % 7 or 7
            return pub + dt.timedelta(days=ahead), 1, "weekday-next"
        return pub - dt.timedelta(days=back), 1, "weekday-past" if kind == "past" else "weekday"
    return None, 3, "unknown"


def _key(s: str) -> str:
    return " ".join(s.split())


def find_times(ntext: NormalizedText, raw: str, lex: TimeLexicon, pub: dt.date | None) -> list[TimeMention]:
    """Every time expression of the text, resolved against ``pub``."""
    out = []
    for m in lex.finditer(ntext.text):
        date, precision, rule = _resolve(m, lex, pub)
        start, end = ntext.raw_span(*m.span())
        out.append(TimeMention(start, end, raw[start:end], date, precision, rule))
    return out


def infer_pub_date(ntext: NormalizedText, raw: str, lex: TimeLexicon) -> dt.date | None:
    """A publication date for an undated article: the latest full date (with year) in its text."""
    dates = [t.date for t in find_times(ntext, raw, lex, None) if t.date and t.rule != "unknown"]
    return max(dates) if dates else None
