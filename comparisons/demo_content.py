"""The demo comparison table, placed in the demo article (`manage.py load_demo_content`)."""

COMPARISON = {
    "slug": "glutamine-vs-glutathione",
    "title": "Glutamine vs. glutathione for gut health",
    "intro": "How the amino acid glutamine and the antioxidant glutathione compare, feature "
    "by feature, for someone dealing with a weakened gut barrier.",
}
SUBJECTS = ["Glutamine", "Glutathione"]
# (feature, glutamine, glutathione): the cells of each row.
ROWS = [
    ("Primary function",
     "Repairs the intestinal lining and fuels the cells of the gut",
     "Acts as the master antioxidant against oxidative stress throughout the body"),
    ("How it helps the gut",
     "Strengthens tight junctions, drives cell renewal and calms local inflammation",
     "Neutralises free radicals, supports detoxification and tempers inflammation indirectly"),
    ("Composition",
     "A single amino acid",
     "A tripeptide of cysteine, glycine and glutamic acid"),
    ("Effect on the gut barrier",
     "**Directly** restores the barrier's physical integrity",
     "Protects it **indirectly** by limiting oxidative damage and inflammation"),
    ("Absorption",
     "Generally good, for example as a powder taken on an empty stomach",
     "Uncertain when swallowed: trials disagree; a liposomal form raised levels in a small "
     "study"),
    ("Supplement focus",
     "Healing the gut lining itself",
     "Lowering inflammation and oxidative stress across the body"),
    ("In food",
     "Plentiful in protein foods such as meat, fish, eggs and dairy",
     "Small amounts in avocado and spinach, mostly broken down during digestion"),
]  # fmt: skip

# Each row's evidence, in the order of ROWS: (grade, the keys of its sources). Honest about
# what the studies measured: the mechanisms are mostly laboratory work, the one trial in the
# gut was in a specific group, and trials of swallowed glutathione disagree. A row no source
# speaks to cites none (the editorial checks list it).
EVIDENCE = [
    ("moderate", ["rao-2012", "richie-2015"]),
    ("moderate", ["rao-2012", "zhou-2019"]),
    ("strong", ["rao-2012", "richie-2015"]),  # what each molecule is: settled chemistry
    ("limited", ["camilleri-2019", "zhou-2019"]),
    ("limited", ["allen-2011", "richie-2015", "sinha-2018"]),
    ("limited", ["richie-2015", "zhou-2019"]),
    ("very_limited", []),  # none of the six sources studied food: no citation is honest
]
