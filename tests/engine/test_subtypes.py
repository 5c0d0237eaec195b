"""Every ACLED sub-event type is coded from a news sentence that reports it."""

from __future__ import annotations

import pytest

from rasd.engine.lexicons import load_taxonomy
from rasd.pipeline import Pipeline

PUB = "2024-03-12"
SENTENCES = {
    "Armed clash": "اندلعت اشتباكات عنيفة، اليوم، بين قوات النظام وفصائل المعارضة في محيط بلدة سراقب بريف إدلب.",
    "Government regains territory":
        "استعادت قوات الجيش السوداني، اليوم، السيطرة على مدينة ود مدني بعد معارك مع قوات الدعم السريع.",
    "Non-state actor overtakes territory":
        "سيطر مقاتلو هيئة تحرير الشام، اليوم، على قرية كفرنبودة بريف حماة الشمالي بعد انسحاب قوات النظام منها.",
    "Chemical weapon":
        "أفاد ناشطون بسقوط عشرات المصابين بحالات اختناق إثر هجوم كيميائي بغاز الكلور على مدينة دوما اليوم.",
    "Air/drone strike": "شنت طائرات حربية روسية، اليوم، غارات جوية على بلدة كفرنبل بريف إدلب الجنوبي.",
    "Suicide bomb": "فجر انتحاري حزاما ناسفا، اليوم، وسط سوق شعبي في مدينة مقديشو، ما أسفر عن مقتل 6 أشخاص.",
    "Shelling/artillery/missile attack": "قصفت القوات التركية بالمدفعية الثقيلة، اليوم، قرية تل تمر بريف الحسكة.",
    "Remote explosive/landmine/IED":
        "انفجرت عبوة ناسفة، اليوم، بدورية للشرطة في مدينة الرمادي، ما أدى إلى إصابة شرطيين.",
    "Grenade": "ألقى مجهول قنبلة يدوية، اليوم، على منزل مواطن في مدينة طرابلس دون وقوع إصابات.",
    "Sexual violence": "اغتصب عناصر من قوات الدعم السريع نساء في مدينة الجنينة بولاية غرب دارفور أمس.",
    "Attack": "أطلق مسلحون مجهولون، اليوم، النار على مدني في مدينة نوى بريف درعا، ما أدى إلى مقتله.",
    "Abduction/forced disappearance": "اختطف مسلحون مجهولون، مساء أمس، طبيباً من أمام عيادته في مدينة السويداء.",
    "Peaceful protest": "خرج مئات المحتجين في مظاهرة سلمية، اليوم، في مدينة عطبرة للمطالبة بوقف الحرب.",
    "Protest with intervention": "فرقت الشرطة، اليوم، المتظاهرين بالغاز المسيل للدموع في ساحة الحرية بمدينة نواكشوط.",
    "Excessive force against protesters":
        "أطلقت قوات الأمن الرصاص الحي على المتظاهرين، اليوم، في مدينة الناصرية، ما أدى إلى مقتل 3 منهم.",
    "Violent demonstration":
        "رمى محتجون الحجارة على مقر المحافظة وأضرموا النار في إطارات، اليوم، في مدينة السليمانية.",
    "Mob violence": "هاجم حشد من الأهالي، اليوم، رجلا متهما بالسرقة وضربوه حتى الموت في مدينة الخرطوم.",
    "Agreement": "وقعت الحكومة السودانية وحركة تحرير السودان، اليوم، اتفاقا لوقف إطلاق النار في مدينة جوبا.",
    "Arrests": "اعتقلت قوات الأمن العراقية، اليوم، خمسة مطلوبين في مدينة الموصل.",
    "Change to group/activity": "دخل رتل عسكري تابع للقوات الأمريكية، اليوم، إلى قاعدة الشدادي بريف الحسكة.",
    "Disrupted weapons use":
        "اعترضت الدفاعات الجوية السعودية، اليوم، طائرة مسيرة مفخخة أطلقها الحوثيون باتجاه مدينة جازان.",
    "Headquarters or base established":
        "أنشأت القوات التركية، اليوم، نقطة عسكرية جديدة قرب بلدة الأتارب بريف حلب الغربي.",
    "Looting/property destruction":
        "أضرم مستوطنون إسرائيليون، اليوم، النار في منازل ومركبات في قرية ترمسعيا شمال رام الله.",
    "Non-violent transfer of territory":
        "انسحبت قوات سوريا الديمقراطية، اليوم، من مدينة منبج وسلمت مواقعها لقوات الجيش السوري.",
    "Other": "أجرت هيئة تحرير الشام وقوات النظام، اليوم، عملية تبادل أسرى في معبر أبو الزندين قرب مدينة الباب.",
}


def test_the_table_covers_all_25_sub_types() -> None:
    assert set(SENTENCES) == {s.sub_event_type for s in load_taxonomy().values()}


@pytest.mark.parametrize(("sub", "text"), sorted(SENTENCES.items()))
def test_sub_type_is_coded(pipeline: Pipeline, sub: str, text: str) -> None:
    events = pipeline.extract(text, pub_date=PUB)
    assert [e.sub_event_type for e in events] == [sub]
    assert events[0].date is not None and events[0].date.isoformat() in ("2024-03-12", "2024-03-11")


@pytest.mark.parametrize(("text", "sub"), [
    ("استولت القوات الصومالية الوطنية، اليوم الثلاثاء، على قرية ميرتوجو في منطقة شبيلي الوسطى من حركة الشباب.",
     "Government regains territory"),
    ("وسيطرت قوات الدعم السريع، اليوم، على مدينة الجنينة بعد معارك مع الجيش السوداني.",
     "Non-state actor overtakes territory"),
    ("وسيطر الجيش السوري، صباح اليوم، على بلدة اللطامنة في ريف حماة الشمالي دون مواجهات.",
     "Non-violent transfer of territory"),
])
def test_who_took_the_place_decides_the_sub_type(pipeline: Pipeline, text: str, sub: str) -> None:
    events = pipeline.extract(text, pub_date="2021-03-15")
    assert [e.sub_event_type for e in events] == [sub]


def test_fierce_fighting_is_a_clash(pipeline: Pipeline) -> None:
    text = "اندلع قتال عنيف، صباح اليوم، بين قوات الجيش وقوات المعارضة في مدينة ملكال بولاية أعالي النيل."
    events = pipeline.extract(text, pub_date="2021-03-15")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
