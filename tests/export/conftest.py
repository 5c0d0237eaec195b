"""A small SQLite store of hand-written Arabic reports with known events, for the export tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from rasd.model import Article
from rasd.store import Store, open_store
from rasd.store.records import event_from_dict

COALITION = {"name": "Global Coalition against Daesh", "text": "طائرات التحالف الدولي", "type": "external_forces",
             "country": "US", "id": "global-coalition"}
FATEMIYOUN = {"name": "Fatemiyoun Brigade", "text": "ميليشيا فاطميون", "type": "political_militia",
              "country": "AF", "id": "ir-fatemiyoun"}
UAG_SY = {"name": "Unidentified Armed Group (Syria)", "text": "مسلحون مجهولون", "type": "unidentified",
          "country": "SY", "id": "uag-sy"}
CIV_SY = {"name": "Civilians (Syria)", "text": "مدنيين", "type": "civilians", "country": "SY", "id": "civ-sy"}
PROTESTERS = {"name": "Protesters (Iraq)", "text": "متظاهرون", "type": "protesters", "country": "IQ", "id": None}
POLICE_IQ = {"name": "Police Forces of Iraq (2022-)", "text": "قوات الأمن", "type": "state_forces",
             "country": "IQ", "id": None}
SUKKARIYAH = {"name": "Al-Sukkariyah", "text": "قرية السكرية", "lat": 34.49, "lon": 40.87, "admin1": "Deir ez-Zor",
              "admin2": "Abu Kamal", "country": "SY", "geo_precision": 1, "geonameid": None}
DARAA_RURAL = {"name": "Tafas", "text": "ريف طفس", "lat": 32.7357, "lon": 36.0675, "admin1": "Daraa",
               "admin2": "Daraa", "country": "SY", "geo_precision": 2, "geonameid": None}
NASIRIYAH = {"name": "Nasiriyah", "text": "الناصرية", "lat": 31.0439, "lon": 46.2576, "admin1": "Dhi Qar",
             "admin2": None, "country": "IQ", "geo_precision": 1, "geonameid": None}


def _event(**kw: Any) -> dict[str, Any]:
    base = {"time_precision": 1, "actor1": None, "actor2": None, "assoc_actors1": [], "assoc_actors2": [],
            "location": None, "fatalities": 0, "injuries": None, "weapons": [], "sources": [], "claimed_by": None,
            "evidence": [{"start": 0, "end": 20}], "confidence": 0.8}
    return {**base, **kw}


# (article id, pub_date, outlet, text, [events]) — texts written for these tests.
REPORTS = [
    ("a-strike", "2023-10-31", "Furat Post",
     "قصفت طائرات التحالف الدولي أمس مواقع لميليشيا فاطميون في قرية السكرية بريف البوكمال ما أسفر عن مقتل خمسة عناصر.",
     [_event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", date="2023-10-30",
             actor1=COALITION, actor2=FATEMIYOUN, location=SUKKARIYAH, fatalities=5, weapons=["airstrike"],
             sources=["Syrian Observatory for Human Rights"])]),
    ("a-civ", "2024-02-03", "Daraa 24",
     "أطلق مسلحون مجهولون النار على سيارة تقل مدنيين في ريف طفس غربي درعا فقتلوا اثنين وأصابوا ثلاثة.",
     [_event(event_type="Violence against civilians", sub_event_type="Attack", date="2024-02-02",
             actor1=UAG_SY, actor2=CIV_SY, location=DARAA_RURAL, fatalities=2, injuries=3)]),
    ("a-protest", "2024-03-10", "Al-Mada",
     "تظاهر المئات في الناصرية اليوم للمطالبة بتحسين الخدمات، وفرقت قوات الأمن المحتجين بالقوة.",
     [_event(event_type="Protests", sub_event_type="Peaceful protest", date="2024-03-10", actor1=PROTESTERS,
             location=NASIRIYAH),
      _event(event_type="Protests", sub_event_type="Excessive force against protesters", date="2024-03-10",
             time_precision=2, actor1=POLICE_IQ, actor2=PROTESTERS, location=NASIRIYAH, injuries=1)]),
    ("a-noplace", "2024-04-01", None,
     "أعلنت وزارة الدفاع اعتقال خلية مسلحة دون ذكر مكان الاعتقال.",
     [_event(event_type="Strategic developments", sub_event_type="Arrests", date=None, time_precision=3,
             actor1=POLICE_IQ)]),
]


def fill_store(store: Store) -> None:
    items = []
    for art_id, pub, outlet, text, events in REPORTS:
        article = Article(id=art_id, text=text, pub_date=dt.date.fromisoformat(pub), outlet=outlet,
                          url=f"https://example.org/{art_id}")
        items.append((article, [event_from_dict(e) for e in events]))
    store.write(items)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "export.db"
    with open_store(str(path)) as store:
        fill_store(store)
    return path


@pytest.fixture
def store(store_path: Path):
    with open_store(str(store_path)) as st:
        yield st
