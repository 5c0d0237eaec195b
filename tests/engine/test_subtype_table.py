"""One table of sentences written for these tests, each reporting one event of a known sub-type:
dispersal and confrontation words, protest arrests, storming, strikes named by their maker,
bombs and vigils (the round-3 rules of docs/quality.md)."""

from __future__ import annotations

import pytest

from rasd.pipeline import Pipeline

PUB = "2024-03-12"
CASES = [
    # dispersal inflections and live fire
    ("وفضت قوات الأمن التظاهرة التي شارك فيها العشرات وسط مدينة السويس، مساء اليوم.", "Protest with intervention"),
    ("وأزالت قوات الأمن، صباح اليوم، خيام المعتصمين في ساحة الشهداء وسط مدينة صيدا، وفضت الاعتصام بالقوة.",
     "Protest with intervention"),
    ("وفرقت قوات النظام بالرصاص الحي مظاهرة خرجت، اليوم، عند مدخل مدينة دير الزور الشمالي.",
     "Excessive force against protesters"),
    # arrests at a protest, storming, a protest that turned into clashes
    ("اعتقلت الشرطة، مساء اليوم، 6 متظاهرين خلال مشاركتهم في تظاهرة وسط مدينة حيفا.", "Protest with intervention"),
    ("حاول متظاهرون اقتحام مبنى المحافظة في مدينة البصرة، مساء اليوم، قبل أن تفرقهم قوات الأمن.",
     "Violent demonstration"),
    ("وتحولت مظاهرات الشبان، مساء اليوم، إلى اشتباكات مع قوات الأمن في مدينة تيزنيت جنوب المغرب.",
     "Violent demonstration"),
    # youths' confrontations with the army, stone-throwing
    ("وأصيب شابان برصاص الاحتلال، فجر اليوم، خلال مواجهات مع قوات الاحتلال في قرية النبي صالح شمال غرب رام الله.",
     "Violent demonstration"),
    ("واندلعت مواجهات مع عشرات الشبان، مساء اليوم، عند المدخل الشمالي لمدينة البيرة، ألقوا خلالها الحجارة.",
     "Violent demonstration"),
    # vigils and road blocks
    ("ونظم أهالي المدينة المهجرون، اليوم، وقفة ثورية في ساحة الساعة بمدينة إدلب لإحياء ذكرى المجزرة.",
     "Peaceful protest"),
    ("وقطع محتجون، مساء اليوم، الطريق الرئيسي في مدينة صيدا احتجاجا على انقطاع الكهرباء.", "Peaceful protest"),
    # strikes named by their maker, bombs dropped or thrown
    ("قتل ثلاثة من عناصر الفصيل، اليوم، في ضربات أميركية على مقر لهم في منطقة جرف الصخر جنوبي بغداد.",
     "Air/drone strike"),
    ("قتل شرطيان، اليوم، في هجوم بقنبلة على سيارتهما في مدينة العريش بشمال سيناء.",
     "Remote explosive/landmine/IED"),
    ("ألقت مسيرة إسرائيلية، اليوم، قنبلة على بلدة الخيام جنوبي لبنان، ما أدى إلى إصابة مزارع.", "Air/drone strike"),
    ("وقال شهود إن عناصر مجهولة ألقت قنبلة على منزل مواطن في مدينة الفلوجة، اليوم، دون وقوع إصابات.",
     "Remote explosive/landmine/IED"),
    # feminine and dual suicide bombers, the verb "أغار" of a strike, air defences "تتصدى"
    ("وقال شهود إن انتحاريتين فجرتا نفسيهما، صباح اليوم، في سوق مزدحمة بمدينة مايدوغوري، ما أدى إلى مقتل تسعة أشخاص.",
     "Suicide bomb"),
    ("وأغارت طائرة حربية، فجر اليوم، على منزل في بلدة عيتا الشعب جنوبي لبنان، ما أدى إلى تدميره.", "Air/drone strike"),
    ("وقالت وكالة الأنباء الرسمية إن الدفاعات الجوية تتصدى، مساء اليوم، لصواريخ معادية في سماء مدينة حمص.",
     "Disrupted weapons use"),
    # burning by one man's verb, arrests by "أوقف", stone throwing, ambushes, armed feuds, falling rockets, vigils
    ("وأحرق مستوطنون، فجر اليوم، مركبتين لمواطنين في قرية قصرة جنوب نابلس.", "Looting/property destruction"),
    ("وأوقف الجيش اللبناني، اليوم، خمسة مسلحين في بلدة عرسال البقاعية.", "Arrests"),
    ("وعمد المحتجون إلى رمي الحجارة، مساء اليوم، باتجاه القوى الأمنية أمام مبنى المحافظة في مدينة صيدا.",
     "Violent demonstration"),
    ("ووقعت دورية للجيش، صباح اليوم، في مكمن نصبه مسلحون قرب بلدة عرسال.", "Armed clash"),
    ("وقتل ثلاثة أشخاص، اليوم، في نزاع مسلح بين عشيرتين في قضاء القرنة شمال البصرة.", "Armed clash"),
    ("وأفادت خلية الإعلام الأمني بسقوط صاروخين، مساء اليوم، داخل قاعدة عين الأسد الجوية في محافظة الأنبار.",
     "Shelling/artillery/missile attack"),
    ("ونظم ناشطون، مساء اليوم، وقفة استذكارية في ساحة التحرير وسط بغداد رفضاً للعنف.", "Peaceful protest"),
    # marching verbs
    ("وسار آلاف الجزائريين، اليوم الجمعة، في شوارع مدينة بجاية للمطالبة بالتغيير.", "Peaceful protest"),
    ("وجابت مسيرة حاشدة، مساء اليوم، شوارع مدينة صفاقس تضامناً مع المعتقلين.", "Peaceful protest"),
    ("وخرج متظاهرون، اليوم، في مدينة الناظور للتنديد بحملة الاعتقالات.", "Peaceful protest"),
]


@pytest.mark.parametrize(("text", "sub"), CASES)
def test_sentence_reports_its_sub_type(pipeline: Pipeline, text: str, sub: str) -> None:
    events = pipeline.extract(text, pub_date=PUB)
    assert [e.sub_event_type for e in events] == [sub]


def test_definite_untyped_strike_takes_the_kind_of_the_article_strike(pipeline: Pipeline) -> None:
    """"الضربة" with no weapon of its own refers back to the headline's air strike."""
    text = ("غارة جوية أميركية على مسلحين في الصومال\n"
            "وأوضحت القيادة الأميركية في أفريقيا في بيان لها أن الضربة نفذت يوم الـ 9 آذار بالقرب من بلدة جلب.")
    events = pipeline.extract(text, pub_date=PUB)
    assert any(e.sub_event_type == "Air/drone strike" and e.date is not None and e.date.day == 9 for e in events)
    assert all(e.sub_event_type != "Armed clash" for e in events)
