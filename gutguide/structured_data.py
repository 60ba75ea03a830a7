"""schema.org nodes (JSON-LD) built from the records a page shows. Imports no app."""

# The keys whose values are this site's URLs in the nodes below (never an editor's text).
URL_KEYS = frozenset({"@id", "url", "item"})


def person(contributor):
    """A Person from anything with a name and credentials."""
    node = {"@type": "Person", "name": contributor.name}
    if contributor.credentials:
        node["honorificSuffix"] = contributor.credentials
    return node


def breadcrumb_list(crumbs):
    """A BreadcrumbList from (name, absolute URL) pairs, outermost first."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name, "item": item}
            for index, (name, item) in enumerate(crumbs, start=1)
        ],
    }


def question_nodes(questions):
    """A Question node for each question: its text and its answer's stored HTML, as shown,
    in the order shown. Plain data, so that a page may store it (see articles.views)."""
    return [
        {
            "@type": "Question",
            "name": question.question,
            "acceptedAnswer": {"@type": "Answer", "text": question.answer_html},
        }
        for question in questions
    ]


def faq_page(nodes, url):
    """One FAQPage node of question_nodes()."""
    return {"@type": "FAQPage", "@id": f"{url}#faq", "url": url, "mainEntity": nodes}


def with_absolute_urls(data, absolute):
    """A copy of `data` (nodes built with paths for URLs) whose URLs are absolute:
    `absolute` (e.g. request.build_absolute_uri) turns each path into one."""
    if isinstance(data, dict):
        return {
            key: absolute(value)
            if key in URL_KEYS and isinstance(value, str) and value.startswith("/")
            else with_absolute_urls(value, absolute)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [with_absolute_urls(item, absolute) for item in data]
    return data
