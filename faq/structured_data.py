"""FAQPage JSON-LD, built from the same Question records (and order) the page shows."""


def faq_page(questions, url):
    """One FAQPage node: each question's text and its answer's stored HTML, as shown."""
    return {
        "@type": "FAQPage",
        "@id": f"{url}#faq",
        "url": url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.question,
                "acceptedAnswer": {"@type": "Answer", "text": question.answer_html},
            }
            for question in questions
        ],
    }
