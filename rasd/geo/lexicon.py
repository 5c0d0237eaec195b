"""Place qualifiers, the place-name stop-list and locative prepositions, read from rasd/resources/geo."""

from __future__ import annotations

from dataclasses import dataclass

from rasd.errors import ResourceError
from rasd.resources import read_tsv
from rasd.text.matching import PhraseMatcher
from rasd.text.normalise import normalise_key

__all__ = ["QUALIFIER_ROLES", "GeoLexicon", "load_geo_lexicon"]

QUALIFIER_ROLES = ("locality", "near", "region", "admin1", "admin2", "admin3", "site", "area", "direction",
                   "direction_adj", "landmark")
# Words before a bare name that make a place reading likely ("في X", "من X", "إلى X", "قرب X").
# The clitic ب on the name itself counts too ("بالرقة").
LOCATIVE_WORDS = frozenset(normalise_key(w) for w in (
    "في", "من", "إلى", "الى", "نحو", "باتجاه", "صوب", "عند", "على", "حتى", "داخل", "قرب", "بين", "و", "عن",
))


# Particles and prepositions that gazetteers list as hamlet names ("على", "من"): never a place, even
# after a qualifier ("الرصاص الحي على المتظاهرين" is not the neighbourhood "Ali").
FUNCTION_WORDS = frozenset(normalise_key(w) for w in (
    "على", "علي", "في", "من", "إلى", "الى", "عن", "مع", "حتى", "بين", "عند", "لدى", "نحو", "ضد", "منذ", "خلال",
    "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "كل", "بعد", "قبل", "أن", "إن", "لا", "لم", "لن",
    "ما", "ثم", "أو", "أي", "هو", "هي", "هم", "كان", "كانت", "قد", "غير", "دون", "عبر", "حول", "تحت", "فوق",
))


@dataclass(frozen=True, slots=True)
class GeoLexicon:
    """Qualifier matcher, stop-list keys and locative words."""

    qualifiers: PhraseMatcher[tuple[str, str]]  # value: (role, canonical surface)
    stop_keys: frozenset[str]
    locative: frozenset[str]
    direction_words: frozenset[str]  # canonical surfaces of "direction" qualifiers (شمال، جنوبي...)
    list_qualifiers: frozenset[str] = frozenset()  # dual/plural qualifiers ("بلدتي X وY", "مناطق X وY وZ")
    common_keys: frozenset[str] = frozenset()  # names that are also common words: a place only with a cue
    particle_keys: frozenset[str] = frozenset()  # name particles ("أبو", "بن"): never a place on their own
    nisbas: dict[str, str] | None = None  # normalised "التونسيه" / "التونسي" -> ISO2 (a place's country cue)


def _nisbas() -> dict[str, str]:
    """Definite singular nisbas of the actor KB's countries ("التونسية", "التونسي") -> ISO2."""
    out: dict[str, str] = {}
    for row in read_tsv("actors/countries.tsv", columns=6):
        for base in filter(None, row[4].split("|")):
            for form in (base, base + "ة"):
                out.setdefault(normalise_key("ال" + form), row[0])
    return out


def load_geo_lexicon() -> GeoLexicon:
    """Read ``geo/qualifiers.tsv``, ``geo/stoplist.tsv``, ``geo/common_words.tsv``, ``geo/particles.tsv``
    and the countries' nisbas of ``actors/countries.tsv``."""
    entries = []
    directions = set()
    lists = set()
    for row in read_tsv("geo/qualifiers.tsv", columns=3)[1:]:
        surface, role = row[0], row[1]
        if row[2] in ("dual", "plural"):
            lists.add(surface)
        if role not in QUALIFIER_ROLES:
            raise ResourceError(f"geo/qualifiers.tsv: unknown role {role!r} for {surface!r}")
        entries.append((surface, (role, surface)))
        if role == "direction":
            directions.add(surface)
    stop = frozenset(normalise_key(row[0]) for row in read_tsv("geo/stoplist.tsv", columns=2)[1:])
    common = frozenset(normalise_key(row[0]) for row in read_tsv("geo/common_words.tsv", columns=2))
    particles = frozenset(normalise_key(row[0]) for row in read_tsv("geo/particles.tsv", columns=2)[1:])
    return GeoLexicon(PhraseMatcher(entries), stop, LOCATIVE_WORDS, frozenset(directions), frozenset(lists),
                      common, particles, _nisbas())
