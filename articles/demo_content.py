"""The demo article, in GutGuide's own words. Loaded by `manage.py load_demo_content`."""

TOPIC = {
    "slug": "gut-health",
    "name": "Gut health",
    "description": "How the gut lining works, what weakens it, and what may help it recover.",
}

AUTHOR = {"name": "GutGuide Editorial Team", "credentials": ""}
REVIEWER = {
    "name": "Demo medical reviewer",
    "credentials": "placeholder: assign a named, qualified reviewer",
}

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
is common, and it is often linked to a weakened gut barrier. When the lining of the intestine
becomes more permeable than it should be (what people call a "leaky gut"), substances that
ought to stay inside the gut can slip into the bloodstream.

Two supplements come up again and again in this context: **glutamine** and **glutathione**.
Their names are similar, but they help the gut in quite different ways.

## Glutamine's direct role in gut repair

Glutamine is the most plentiful amino acid in the body, and the gut relies on it heavily.

### Fuel for the intestinal lining

The cells that line the intestine, the enterocytes, use glutamine as their main source of
energy. These cells are replaced every few days, so they need a steady supply of fuel to
divide and to repair damage.

### Support for tight junctions

Neighbouring gut cells are sealed to each other by tight-junction proteins. Glutamine helps
maintain these proteins, which keeps the gaps between cells closed and the barrier selective.

### A calmer local environment

Research suggests glutamine may also damp down pro-inflammatory signalling in the gut wall,
which gives the lining a better chance to recover.

## Glutathione's antioxidant and anti-inflammatory action

Glutathione is a small molecule built from three amino acids: cysteine, glycine and glutamic
acid. It is often called the body's master antioxidant.

- **Neutralising free radicals.** Oxidative stress can damage the intestinal lining and is
  involved in conditions such as inflammatory bowel disease. Glutathione mops up the reactive
  molecules behind it.
- **Detoxification.** Glutathione binds toxins so that the body can get rid of them, which
  lightens the load on the gut and the liver.
- **Keeping inflammation in check.** It helps restrain the inflammatory messengers known as
  cytokines.

Most of glutathione's benefit to the gut is indirect: it protects the whole body, and the gut
profits from that wider protection.

## Side-by-side comparison

In short: glutamine works on the structure of the gut lining itself, while glutathione works
on the oxidative stress and inflammation around it. The table sets the two out point by point.

[[comparison glutamine-vs-glutathione]]

## Using both together

The two are better seen as partners than as rivals. Glutamine is the builder that repairs the
barrier; glutathione is the protector that limits the damage done to it. Glutamine is also one
of the raw materials the body uses to make its own glutathione. Taken together, they pair
structural repair in the gut with protection throughout the body.

## A holistic strategy

Supplements work best as one part of a wider plan:

- find and reduce dietary triggers;
- consider probiotics to support a healthy gut flora;
- manage stress, which affects digestion directly;
- ask a healthcare professional to tailor a plan to you.

For further reading on this whole-person approach, see the
[Institute for Functional Medicine](https://www.ifm.org/).

## Conclusion

If the main goal is to heal the gut lining directly, glutamine is the more direct choice. If
widespread inflammation and oxidative damage are the bigger concern, raising glutathione makes
more sense. A combination covers both. The right answer depends on the person, so it is worth
discussing with a professional who knows your history.
""",
}

KEY_POINTS = [
    ("Glutamine acts directly.", "This amino acid fuels the cells of the intestinal lining so "
     "they can repair the gut barrier."),
    ("Glutathione protects.", "As an antioxidant it lowers oxidative stress and inflammation, "
     "helping the gut indirectly."),
    ("A team, not rivals.", "Together, one repairs the barrier while the other calms the "
     "inflammation around it."),
    ("Absorption differs.", "Glutamine is absorbed well, but swallowed glutathione is not, so "
     "liposomal forms matter."),
    ("Pick by goal.", "For barrier repair start with glutamine; for chronic inflammation and "
     "detox support, raise glutathione."),
    ("Lifestyle counts.", "Supplements work best alongside changes to diet and better stress "
     "management."),
]  # fmt: skip

REFERENCES = [
    {
        "title": "The Institute for Functional Medicine",
        "url": "https://www.ifm.org/",
        "publisher": "The Institute for Functional Medicine",
        "year": None,
    },
]
