"""The demo article, in GutGuide's own words. Loaded by `manage.py load_demo_content`."""

TOPIC = {
    "slug": "gut-health",
    "name": "Gut health",
    "description": "How the gut lining works, what weakens it, and what may help it recover.",
}

AUTHOR = {"name": "GutGuide Editorial Team", "credentials": ""}
# No medical reviewer: the demo has no real one, and readers see nothing about review until a
# named, qualified reviewer records one. Earlier demo versions created this placeholder; the
# loader removes it.
PLACEHOLDER_REVIEWER_NAME = "Demo medical reviewer"

DISCLAIMER = (
    "GutGuide is for information only. It does not replace advice from a doctor, dietitian "
    "or other qualified health professional about your own situation."
)

ARTICLE = {
    "slug": "glutamine-or-glutathione-for-leaky-gut",
    "title": "Glutamine or Glutathione: Which Is Better for a Leaky Gut?",
    "dek": "One rebuilds the gut lining, the other defends it. How the two supplements differ, "
    "and when each makes sense.",
    "meta_description": "Glutamine fuels and repairs the gut lining; glutathione fights "
    "oxidative stress and inflammation. How they differ and how to choose.",
    "summary": (
        "Glutamine is fuel for the cells that line the intestine and helps keep that lining "
        "whole. Glutathione is the body's chief antioxidant and works against oxidative stress "
        "and inflammation. Knowing what each one does, and how they support each other, makes "
        "the choice between them much easier."
    ),
    "body": """\
Long-running digestive trouble such as bloating, irregular stools or discomfort after meals
is common, and it is often linked to a weakened gut barrier. When the lining of the
intestine becomes more permeable than it should be (what people call a "leaky gut"),
substances that ought to stay inside the gut can slip into the bloodstream.

Doctors can measure how permeable the gut is, and certain stresses on the body make it more
so. What has not yet been shown is that restoring the barrier, by any means, makes people
feel or fare better [[cite camilleri-2019]]. Keep that in mind as you read about
supplements.

Two of them come up again and again in this context: **glutamine** and **glutathione**.
Their names are similar, but they help the gut in quite different ways.

## Glutamine's direct role in gut repair

Glutamine is the most plentiful amino acid in the body, and the gut relies on it heavily.

### Fuel for the intestinal lining

The cells that line the intestine, the enterocytes, use glutamine as a main source of energy
[[cite rao-2012]]. These cells are replaced every few days, so they need a steady supply of
fuel to divide and to repair damage.

### Support for tight junctions

Neighbouring gut cells are sealed to each other by tight-junction proteins. Laboratory and
clinical-nutrition studies show glutamine helping to keep these seals intact, so that the
gaps between cells stay closed and the barrier stays selective [[cite rao-2012]]. Laboratory
work also suggests it may damp down inflammatory signalling in the gut wall, which is less
well established in people.

### What a trial in people found

The strongest evidence comes from one randomised, placebo-controlled trial. Adults whose
irritable bowel syndrome with diarrhoea began after a gut infection, and whose gut was
measurably more permeable, took 5 g of glutamine three times a day for eight weeks. Of the
106 who completed the trial, 79.6% of those on glutamine had a symptom response against 5.8%
on placebo, and their gut permeability returned to normal [[cite zhou-2019]]. That is a
specific group of patients: it does not show that glutamine helps everyone with digestive
complaints.

## Glutathione's antioxidant and anti-inflammatory action

Glutathione is a small molecule built from three amino acids: cysteine, glycine and glutamic
acid. The body makes its own.

### The body's main antioxidant

Glutathione neutralises free radicals, the reactive molecules behind oxidative stress.
Oxidative stress can damage the intestinal lining and plays a part in conditions such as
inflammatory bowel disease, which is why glutathione often comes up in discussions of gut
health.

### Detoxification and inflammation

Glutathione binds toxins so that the body can get rid of them, and it helps keep the
inflammatory messengers known as cytokines in check. Its help to the gut is therefore mostly
indirect: it protects the whole body, and the gut profits from that wider protection.

### Does swallowing it work?

This is where the evidence is mixed. In a four-week trial of 40 adults taking 500 mg twice a
day, neither the markers of oxidative stress nor glutathione levels changed
[[cite allen-2011]], which is why swallowed glutathione is often called poorly absorbed. A
longer trial found otherwise: over six months, 54 adults taking 250 or 1,000 mg a day built
up their body stores, by 30 to 35% in the blood at the higher dose [[cite richie-2015]]. A
liposomal form raised levels within one to two weeks in a one-month pilot study of only 12
adults [[cite sinha-2018]]. These trials measured glutathione in the blood and the body's
cells, not the gut lining itself.

## Side-by-side comparison

In short: glutamine works on the structure of the gut lining itself, while glutathione works
on the oxidative stress and inflammation around it. The table sets the two out point by
point.

[[comparison glutamine-vs-glutathione]]

## Using both together

The two are better seen as partners than as rivals:

- **Builder and protector.** Glutamine repairs the barrier; glutathione limits the oxidative
  damage and inflammation that wear it down.
- **One feeds the other.** Glutamine is one of the raw materials the body uses to make its
  own glutathione.
- **Local repair, body-wide protection.** Together they pair structural repair in the gut
  with protection throughout the body.

None of the studies cited here tested the two together, so this pairing rests on how each
works rather than on a trial of the combination.

## A holistic strategy

Supplements work best as one part of a wider plan:

- find and reduce dietary triggers;
- consider probiotics to support a healthy gut flora;
- manage stress, which affects digestion directly;
- ask a healthcare professional to tailor a plan to you.

For further reading on this whole-person approach, see the
[Institute for Functional Medicine](https://www.ifm.org/).

## Conclusion

If the main goal is to heal the gut lining directly, glutamine is the more direct choice,
and the only one of the two with a trial showing a change in the gut itself
[[cite zhou-2019]]. If widespread inflammation and oxidative damage are the bigger concern,
raising glutathione makes more sense, though trials of swallowed glutathione disagree
[[cite allen-2011, richie-2015]]. A combination covers both. Whether mending a leaky gut
improves symptoms in general is still an open question [[cite camilleri-2019]], so the right
answer depends on the person: discuss it with a professional who knows your history.""",
}

# (lead, sentence, evidence grade, the keys of its sources)
KEY_POINTS = [
    ("Glutamine acts directly.", "This amino acid fuels the cells of the intestinal lining so "
     "they can repair the gut barrier.", "moderate", ["rao-2012", "zhou-2019"]),
    ("Glutathione protects.", "It is an antioxidant: it eases oxidative stress and "
     "inflammation, and so helps the gut in a less direct way.", "limited",
     ["allen-2011", "richie-2015"]),
    ("A team, not rivals.", "Together, one repairs the barrier while the other calms the "
     "inflammation around it.", "very_limited", ["camilleri-2019", "rao-2012"]),
    ("Absorption differs.", "Glutamine is taken up well; trials of glutathione pills "
     "disagree, so the liposomal form may matter.", "limited",
     ["allen-2011", "richie-2015", "sinha-2018"]),
    ("Pick by goal.", "For barrier repair start with glutamine; for chronic inflammation and "
     "detox support, raise glutathione.", "limited", ["camilleri-2019", "zhou-2019"]),
    ("Lifestyle counts.", "Supplements work best alongside changes to diet and better stress "
     "management.", "very_limited", ["camilleri-2019"]),
]  # fmt: skip

# The article's References, in the order the body first cites them (the sources are in
# evidence/demo_content.py).
REFERENCES = [
    "camilleri-2019",
    "rao-2012",
    "zhou-2019",
    "allen-2011",
    "richie-2015",
    "sinha-2018",
]
