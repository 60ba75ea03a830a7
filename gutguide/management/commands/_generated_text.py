"""
The words `generate_articles` writes with: subjects, reader goals, topics and Markdown
templates. Templates hold tokens (QQSA, QQTA, ... see TOKENS) that the command replaces with a
subject's or goal's words after rendering each template once through the Markdown pipeline.
Tokens are capital letters only, so Markdown leaves them alone; in heading ids they appear in
lower case, where the command puts the words' slug.

Synthetic text for scale tests and benchmarks: general, hedged statements with no studies,
figures or citations. No app is imported here.
"""

# Token -> what it stands for.
TOKENS = {
    "QQSA": "first subject, as a name",
    "QQSB": "second subject, as a name",
    "QQTA": "first subject, inside a sentence",
    "QQTB": "second subject, inside a sentence",
    "QQGL": "the reader's goal, inside a sentence",
    "QQGC": "the reader's goal, capitalised",
}

# (name, in a sentence, category)
SUBJECTS = [
    ("Glutamine", "glutamine", "amino"),
    ("Glutathione", "glutathione", "antioxidant"),
    ("Collagen", "collagen", "amino"),
    ("Glycine", "glycine", "amino"),
    ("Psyllium", "psyllium", "fibre"),
    ("Inulin", "inulin", "fibre"),
    ("Oat bran", "oat bran", "fibre"),
    ("Flaxseed", "flaxseed", "fibre"),
    ("Guar gum", "guar gum", "fibre"),
    ("Resistant starch", "resistant starch", "fibre"),
    ("Acacia fibre", "acacia fibre", "fibre"),
    ("Lactobacillus rhamnosus", "Lactobacillus rhamnosus", "probiotic"),
    ("Saccharomyces boulardii", "Saccharomyces boulardii", "probiotic"),
    ("Bifidobacterium longum", "Bifidobacterium longum", "probiotic"),
    ("Multi-strain probiotics", "multi-strain probiotics", "probiotic"),
    ("Kefir", "kefir", "fermented"),
    ("Sauerkraut", "sauerkraut", "fermented"),
    ("Kimchi", "kimchi", "fermented"),
    ("Live yogurt", "live yogurt", "fermented"),
    ("Miso", "miso", "fermented"),
    ("Kombucha", "kombucha", "fermented"),
    ("Peppermint oil", "peppermint oil", "herb"),
    ("Ginger", "ginger", "herb"),
    ("Turmeric", "turmeric", "herb"),
    ("Slippery elm", "slippery elm", "herb"),
    ("Aloe vera", "aloe vera", "herb"),
    ("Chamomile", "chamomile", "herb"),
    ("Fennel", "fennel", "herb"),
    ("Licorice root", "licorice root", "herb"),
    ("Marshmallow root", "marshmallow root", "herb"),
    ("Artichoke extract", "artichoke extract", "herb"),
    ("Vitamin D", "vitamin D", "nutrient"),
    ("Zinc carnosine", "zinc carnosine", "nutrient"),
    ("Magnesium", "magnesium", "nutrient"),
    ("Omega-3", "omega-3", "nutrient"),
    ("Butyrate", "butyrate", "nutrient"),
    ("Quercetin", "quercetin", "antioxidant"),
    ("Digestive enzymes", "digestive enzymes", "other"),
    ("Apple cider vinegar", "apple cider vinegar", "other"),
    ("Bone broth", "bone broth", "other"),
    ("Colostrum", "colostrum", "other"),
    ("Lactoferrin", "lactoferrin", "other"),
    ("Berberine", "berberine", "other"),
]

# (in a sentence, topic slug)
GOALS = [
    ("leaky gut", "gut-health"),
    ("gut inflammation", "gut-health"),
    ("bloating", "digestive-symptoms"),
    ("gas", "digestive-symptoms"),
    ("constipation", "digestive-symptoms"),
    ("diarrhoea", "digestive-symptoms"),
    ("regular digestion", "digestive-symptoms"),
    ("IBS", "ibs-and-sibo"),
    ("SIBO", "ibs-and-sibo"),
    ("acid reflux", "reflux-and-heartburn"),
    ("a healthier microbiome", "microbiome"),
    ("recovery after antibiotics", "microbiome"),
    ("food sensitivities", "food-sensitivities"),
    ("gut health after 50", "healthy-ageing"),
    ("stress-related gut symptoms", "gut-and-mind"),
]

# (name, slug, description)
TOPICS = [
    ("Gut health", "gut-health", "The gut lining, inflammation and what keeps the gut working."),
    ("Digestive symptoms", "digestive-symptoms", "Bloating, gas, constipation and diarrhoea."),
    ("IBS and SIBO", "ibs-and-sibo", "Irritable bowel syndrome and bacterial overgrowth."),
    ("Reflux and heartburn", "reflux-and-heartburn", "Acid reflux and what eases it."),
    ("Microbiome", "microbiome", "The bacteria of the gut and how to look after them."),
    ("Food sensitivities", "food-sensitivities", "When some foods do not agree with you."),
    ("Healthy ageing", "healthy-ageing", "How digestion changes with age."),
    ("Gut and mind", "gut-and-mind", "Stress, mood and the gut-brain connection."),
]

AUTHORS = [
    ("Maya Lindqvist", "RD"),
    ("Tomas Ferreira", "MSc Nutrition"),
    ("Priya Raman", "RD, MSc"),
    ("Jonah Whitfield", "BSc"),
    ("Elena Moretti", "MSc Dietetics"),
]

TITLES = [
    "QQSA or QQSB: Which Is Better for QQGC?",
    "QQSA vs QQSB for QQGC",
    "Should You Take QQSA or QQSB for QQGC?",
    "QQSA and QQSB Compared for QQGC",
]

DEKS = [
    "What QQTA and QQTB each do for QQGL, and how to choose between them.",
    "Two popular options for QQGL, side by side: how they work and who they suit.",
    "How QQTA and QQTB differ, where they overlap, and what to try first for QQGL.",
]

SUMMARIES = [
    "QQSA and QQSB are both suggested for QQGL, but they work in different ways. This guide "
    "explains what each one does, how they compare and when **combining them** may make sense.",
    "Choosing between QQTA and QQTB for QQGL depends on what is driving your symptoms. Here is "
    "what each one does, how quickly people tend to notice a difference and what to watch out for.",
    "QQSA works one way and QQTB another. If QQGL is your main concern, knowing the difference "
    "helps you pick the right starting point, and talk it through with your doctor or dietitian.",
]

KEY_POINTS = [
    (
        "Different jobs.",
        "QQSA and QQTB help the gut in different ways, so the better choice "
        "depends on what is behind QQGL.",
    ),
    ("Start low.", "Begin with a small amount of QQTA and increase slowly, so the gut can adjust."),
    ("Give it time.", "Most changes in the gut take weeks rather than days to show."),
    ("Food first.", "Diet, sleep and stress shape QQGL at least as much as any supplement."),
    (
        "Not either-or.",
        "Some people use QQTA and QQTB together; they rarely get in each other's way.",
    ),
    (
        "Check with a professional.",
        "Ask your doctor before starting QQTB if you take medicines or have a long-term condition.",
    ),
    ("Keep a diary.", "Noting symptoms for a few weeks shows whether QQTA is making a difference."),
    ("Quality matters.", "Choose products tested by an independent laboratory."),
]

# Body sections. Each is a list of Markdown fragments (one block each: a heading, a
# paragraph or a list); the command picks one variant per slot.
INTRO = [
    "Many people living with QQGL look for something that helps beyond the usual advice. Two "
    "names come up again and again: QQTA and QQTB. They are often mentioned in the same breath, "
    "yet they do quite different things.",
    "If you have searched for help with QQGL, you have probably read about QQTA and QQTB. Both "
    "have their supporters, and both are easy to buy. Knowing how each one works is the best "
    "way to decide which deserves a place in your routine.",
    "QQSA and QQSB are two of the most talked-about options for QQGL. Before you buy either, it "
    "helps to understand what they actually do in the gut, and what they cannot do.",
    "QQGC is common, uncomfortable and often hard to pin down. QQSA and QQSB both promise to "
    "help, but they come at the problem from different directions.",
]

# What a subject does, by category; QQXX stands for the subject (QQSA/QQTA or QQSB/QQTB).
ROLE = {
    "amino": [
        "QQXS is an amino acid-based nutrient. The cells that line the intestine renew every few "
        "days and need a steady supply of building blocks; QQXT is one of the materials they use "
        "to repair and maintain the barrier.",
        "Your body makes some QQXT itself, but needs can rise during illness, intense training or "
        "long periods of stress. In the gut, QQXT supports the tight junctions that seal the "
        "gaps between cells.",
    ],
    "antioxidant": [
        "QQXS works mainly as an antioxidant. It helps neutralise free radicals, unstable "
        "molecules that can damage cells when inflammation runs high, including the cells of "
        "the gut lining.",
        "The benefit of QQXT to the gut is largely indirect: by calming oxidative stress across "
        "the body, it may take some pressure off an irritated digestive tract.",
    ],
    "fibre": [
        "QQXS is a source of fibre. Gut bacteria ferment part of it into short-chain fatty "
        "acids, such as butyrate, which the cells of the colon use for energy.",
        "Soluble fibre like QQXT absorbs water and forms a soft gel, which can make stools "
        "easier to pass and slow the release of sugar from a meal. Too much too soon, however, "
        "can cause wind and bloating.",
    ],
    "probiotic": [
        "QQXS is a probiotic: live microbes that can benefit health when taken in adequate "
        "amounts. Effects are specific to the strain, so results with one product do not "
        "automatically carry over to another.",
        "Probiotics such as QQXT do not usually settle in the gut for good. They act while they "
        "pass through, interacting with resident bacteria and with the immune cells of the gut "
        "wall.",
    ],
    "fermented": [
        "QQXS is a fermented food. Fermentation adds live bacteria and breaks down some of the "
        "sugars in the original ingredients, which some people find easier to digest.",
        "The microbes in QQXT vary from batch to batch, and heat-treated versions contain none. "
        "Look for raw or live products, kept chilled.",
    ],
    "herb": [
        "QQXS has a long history in traditional medicine for digestive complaints. Modern "
        "research has looked at how its active compounds relax gut muscle, soothe the lining or "
        "dampen inflammation.",
        "Herbal products like QQXT differ widely in strength. Standardised extracts state how "
        "much of the active compound they contain, which makes doses easier to compare.",
    ],
    "nutrient": [
        "QQXS is a nutrient the body needs for normal function. Low levels are common, and "
        "correcting a shortfall is where the clearest benefits for the gut tend to appear.",
        "Beyond correcting a deficiency, QQXT plays a part in the immune defences of the gut "
        "wall and in keeping inflammation in check.",
    ],
    "other": [
        "QQXS is popular in wellness circles, and some of its uses for digestion have been "
        "studied more than others. It is best seen as a possible helper rather than a cure.",
        "How well QQXT works seems to depend a lot on the person and the cause of their "
        "symptoms, so a careful trial is more useful than high expectations.",
    ],
}

ROLE_LISTS = [
    "- Supports the cells of the gut lining\n- Easy to add to a daily routine\n"
    "- Usually well tolerated at sensible amounts",
    "- Works best alongside changes to diet\n- Effects build up over several weeks\n"
    "- Quality varies between brands",
]

GLANCE_INTRO = [
    "The table below sets QQTA and QQTB side by side, feature by feature.",
    "Here is how the two compare at a glance.",
]

TOGETHER = [
    "Because QQTA and QQTB work in different ways, some people take both. QQSA may help with "
    "one part of the problem while QQTB works on another. There is little reason to expect them "
    "to interfere, but adding one at a time makes it easier to tell which one helps.",
    "Combining QQTA with QQTB is reasonable for many people with QQGL. Start with the one that "
    "fits your main symptom, give it a few weeks, then decide whether the second adds anything.",
    "There is no rule that you must choose. If QQGL has more than one cause, QQTA and QQTB can "
    "complement each other, as long as you introduce them one after the other.",
]

TIPS = [
    (
        "### Timing",
        "Many people take QQTA with a meal to avoid an upset stomach. Consistency "
        "matters more than the exact time of day.",
    ),
    (
        "### Amounts",
        "Follow the label, and start at the lower end. Raising the amount slowly "
        "gives the gut time to adapt and makes side effects less likely.",
    ),
    (
        "### Tracking progress",
        "Write down your symptoms before you start and once a week "
        "afterwards. A simple score from 0 to 10 is enough to see a trend.",
    ),
    (
        "### Diet alongside",
        "Plenty of vegetables, whole grains and water, and fewer highly "
        "processed foods, support whatever supplement you choose.",
    ),
]

SAFETY = [
    "QQSA and QQSB are considered safe for most adults at usual amounts. Mild digestive upset is "
    "the most common complaint. People who are pregnant, breastfeeding, have a serious illness "
    "or take regular medicines should ask a doctor or pharmacist first.",
    "Side effects of QQTA and QQTB are usually mild and settle within days. Stop and seek advice "
    "if you notice severe pain, blood in your stool, unexplained weight loss or symptoms that "
    "wake you at night: these need a doctor's assessment, not a supplement.",
]

BOTTOM_LINE = [
    "For QQGL, QQTA and QQTB each have a place. Pick the one that matches what you most want "
    "to change, give it a fair trial, and keep the basics of diet and lifestyle in view.",
    "Neither QQTA nor QQTB is a cure for QQGL, but either may help as part of a wider plan. "
    "Your own response is the best guide, ideally with a professional's help.",
    "If you want one place to start with QQGL, choose the option that targets your main "
    "symptom. The other can follow if you need more support.",
]

HEADINGS = {
    "role_a": "## What QQSA does",
    "role_b": "## What QQSB does",
    "glance": "## QQSA vs QQSB at a glance",
    "together": "## Using QQSA and QQSB together",
    "tips": "## Practical tips for QQGL",
    "safety": "## Safety and side effects",
    "bottom": "## The bottom line",
}

# Questions: (question, answer in Markdown). Each article gets several, all different.
QUESTIONS = [
    (
        "Is it safe to take QQTA and QQTB together?",
        "For most healthy adults, yes. They work in different ways and are not known to clash. "
        "Introduce them **one at a time** so you can tell how each one affects you.",
    ),
    (
        "How long does QQTA take to help with QQGL?",
        "Most people who notice a benefit do so within **two to eight weeks**. If nothing has "
        "changed after a couple of months, it is reasonable to stop.",
    ),
    (
        "Which is better for QQGL, QQTA or QQTB?",
        "It depends on what is behind your symptoms. QQSA suits some causes, QQTB others; the "
        "article above explains how to tell them apart.",
    ),
    (
        "Can QQTB cause side effects?",
        "Usually only mild ones, such as a change in bowel habits or some bloating at first. "
        "Starting with a small amount helps.",
    ),
    (
        "Should I take QQTA on an empty stomach?",
        "Either way is fine for most people. If it upsets your stomach, take it **with food**.",
    ),
    (
        "Can children take QQTB?",
        "Ask a doctor first. Products and amounts meant for adults are not always suitable for "
        "children.",
    ),
    (
        "Do I need QQTA if my diet is healthy?",
        "Not necessarily. A varied diet covers many needs; a supplement is worth trying when "
        "symptoms persist despite good habits.",
    ),
    (
        "What should I avoid while taking QQTB?",
        "Avoid starting several new supplements at once, and check with a pharmacist if you take "
        "prescription medicines.",
    ),
]

FEATURES = [
    "Type",
    "Main job in the gut",
    "Common forms",
    "When people notice a change",
    "How to take it",
    "Watch out for",
]

# Comparison values by category, in FEATURES order (inline Markdown).
VALUES = {
    "amino": [
        "Amino acid nutrient",
        "Fuels and repairs the **gut lining**",
        "Powder or capsules",
        "Often within 2–6 weeks",
        "Powder stirred into water",
        "Kidney or liver disease: ask first",
    ],
    "antioxidant": [
        "Antioxidant",
        "Limits *oxidative stress* and inflammation",
        "Capsules; liposomal liquids",
        "Gradual, over weeks",
        "With food; liposomal forms absorb better",
        "Poor absorption of plain capsules",
    ],
    "fibre": [
        "Dietary fibre",
        "Feeds bacteria; softens stools",
        "Powder, husks or food",
        "Days to a few weeks",
        "With plenty of water; increase slowly",
        "Wind and **bloating** at first",
    ],
    "probiotic": [
        "Probiotic (live microbes)",
        "Supports a balanced microbiome",
        "Capsules, sachets or drinks",
        "Often 2–4 weeks",
        "Daily, as the label says",
        "Effects depend on the *strain*",
    ],
    "fermented": [
        "Fermented food",
        "Adds live bacteria and variety",
        "Food or drink",
        "A few weeks of regular use",
        "Small servings with meals",
        "Salt or sugar content; histamine",
    ],
    "herb": [
        "Herbal remedy",
        "Soothes the gut or relaxes its muscle",
        "Tea, capsules or oil",
        "From days to weeks",
        "Between or before meals",
        "Interactions with medicines",
    ],
    "nutrient": [
        "Vitamin, mineral or fatty acid",
        "Supports immune defences of the gut wall",
        "Tablets, capsules or food",
        "Weeks, once levels recover",
        "With a meal containing fat",
        "Too much can be harmful",
    ],
    "other": [
        "Supplement",
        "Varies; some support digestion",
        "Liquid, powder or capsules",
        "Varies from person to person",
        "As the label says",
        "Quality varies between brands",
    ],
}

COMPARISON_INTROS = [
    "How QQTA and QQTB compare, feature by feature.",
    "QQSA and QQSB side by side: what they are, what they do and how to take them.",
]
