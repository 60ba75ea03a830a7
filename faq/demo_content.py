"""The demo article's questions, in GutGuide's own words. Loaded by `manage.py load_demo_content`,
attached to the demo article and the topic "Gut health", in this order. Each answer has its
evidence grade and the keys of its sources (evidence/demo_content.py)."""

QUESTIONS = [
    {
        "slug": "glutamine-and-glutathione-together",
        "grade": "very_limited",
        # None of the six sources is a safety study of the two together: no citation.
        "sources": [],
        "question": "Is it safe to take glutamine and glutathione together?",
        "answer": (
            "For most people, yes. The two do different jobs that fit together: glutamine "
            "helps rebuild the gut lining, while glutathione protects cells from oxidative "
            "stress. If you take medication or have a health condition, check with a "
            "healthcare professional before adding either one."
        ),
    },
    {
        "slug": "oral-glutathione-absorption",
        "grade": "limited",
        "sources": ["allen-2011", "richie-2015", "sinha-2018"],
        "question": "Why is oral glutathione poorly absorbed?",
        "answer": (
            "When you swallow glutathione, much of it is broken down during digestion before "
            "it can reach the bloodstream: in a four-week trial, 1,000 mg a day did not change "
            "glutathione levels. A six-month trial did see the body's stores rise, so the "
            "picture is mixed. That is why **liposomal** or **sublingual** forms (taken under "
            "the tongue) are often recommended instead of plain capsules."
        ),
    },
    {
        "slug": "glutamine-vs-glutathione-difference",
        "grade": "strong",
        "sources": ["rao-2012", "richie-2015"],
        "question": "What is the main difference between glutamine and glutathione?",
        "answer": (
            "Glutamine is a single amino acid that the body uses to build and repair tissue, "
            "including the gut lining. Glutathione is a small molecule made of three amino "
            "acids (cysteine, glycine and glutamic acid) that works as an antioxidant and "
            "protects cells from damage."
        ),
    },
    {
        "slug": "glutamine-and-leaky-gut",
        "grade": "moderate",
        "sources": ["rao-2012", "zhou-2019"],
        "question": "How does glutamine help heal a leaky gut?",
        "answer": (
            "The cells that line the intestine, the enterocytes, use glutamine as their main "
            "fuel, which lets them renew and repair the lining. Glutamine also supports the "
            "tight junctions that seal the gaps between those cells, so the barrier stays "
            "selective about what it lets through."
        ),
    },
    {
        "slug": "glutathione-and-gut-health",
        "grade": "limited",
        "sources": ["allen-2011", "richie-2015"],
        "question": "How does glutathione support gut health?",
        "answer": (
            "Glutathione neutralises free radicals and so lowers the oxidative stress that can "
            "damage the gut lining. It also binds toxins for removal, which eases the body's "
            "detox load. Its help is mostly indirect: it protects the whole body, and the gut "
            "benefits with it."
        ),
    },
    {
        "slug": "glutamine-and-glutathione-foods",
        "grade": "very_limited",
        "sources": [],  # none of the six sources studied food
        "question": "Which foods provide glutamine, and which support glutathione?",
        "answer": (
            "Glutamine is plentiful in protein foods such as meat, fish, eggs and dairy. "
            "Glutathione from food is mostly broken down in digestion, so it helps more to eat "
            "sulfur-rich foods, such as garlic, onions and cruciferous vegetables like broccoli "
            "and cabbage, which help the body make its own."
        ),
    },
    {
        "slug": "which-to-choose-for-leaky-gut",
        "grade": "limited",
        "sources": ["camilleri-2019", "zhou-2019"],
        "question": "Which should I choose for a leaky gut?",
        "answer": (
            "It depends on your goal. To repair the gut lining itself, glutamine is the more "
            "direct choice. For broader antioxidant and anti-inflammatory support across the "
            "body, glutathione fits better. Many people combine the two; a healthcare "
            "professional can help you decide what suits you."
        ),
    },
]
