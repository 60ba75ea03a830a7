"""The checked primary sources of the demo content (shared/CONTENT.md), each cited only for
what it found. Journals abbreviated as in their citations; Allen and Bradley's record was
checked without its DOI, so it has none here rather than a guessed one."""

from .models import StudyType

SOURCES = [
    {
        "key": "camilleri-2019",
        "authors": "Camilleri M",
        "title": "Leaky gut: mechanisms, measurement and clinical implications in humans",
        "journal": "Gut",
        "year": 2019,
        "doi": "10.1136/gutjnl-2019-318427",
        "url": "",
        "study_type": StudyType.EXPERT_OPINION,
    },
    {
        "key": "rao-2012",
        "authors": "Rao R, Samak G",
        "title": "Role of Glutamine in Protection of Intestinal Epithelial Tight Junctions",
        "journal": "J Epithel Biol Pharmacol",
        "year": 2012,
        "doi": "10.2174/1875044301205010047",
        "url": "",
        "study_type": StudyType.EXPERT_OPINION,
    },
    {
        "key": "zhou-2019",
        "authors": "Zhou Q, Verne ML, Fields JZ, et al",
        "title": "Randomised placebo-controlled trial of dietary glutamine supplements for "
        "postinfectious irritable bowel syndrome",
        "journal": "Gut",
        "year": 2019,
        "doi": "10.1136/gutjnl-2017-315136",
        "url": "",
        "study_type": StudyType.RCT,
    },
    {
        "key": "allen-2011",
        "authors": "Allen J, Bradley RD",
        "title": "Effects of oral glutathione supplementation on systemic oxidative stress "
        "biomarkers in human volunteers",
        "journal": "J Altern Complement Med",
        "year": 2011,
        "doi": "",
        "url": "",
        "study_type": StudyType.RCT,
    },
    {
        "key": "richie-2015",
        "authors": "Richie JP Jr, Nichenametla S, Neidig W, et al",
        "title": "Randomized controlled trial of oral glutathione supplementation on body "
        "stores of glutathione",
        "journal": "Eur J Nutr",
        "year": 2015,
        "doi": "10.1007/s00394-014-0706-z",
        "url": "",
        "study_type": StudyType.RCT,
    },
    {
        "key": "sinha-2018",
        "authors": "Sinha R, Sinha I, Calcagnotto A, et al",
        "title": "Oral supplementation with liposomal glutathione elevates body stores of "
        "glutathione and markers of immune function",
        "journal": "Eur J Clin Nutr",
        "year": 2018,
        "doi": "10.1038/ejcn.2017.132",
        "url": "",
        "study_type": StudyType.RCT,
    },
]
