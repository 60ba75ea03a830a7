"""JSON-LD for article pages, built from the same records the page shows."""

from gutguide.structured_data import breadcrumb_list, faq_page, person


def scholarly_article(source):
    """A source as schema.org's citation: what the References list shows."""
    work = {"@type": "ScholarlyArticle", "name": source.title}
    if source.authors:
        work["author"] = source.authors
    if source.journal:
        work["isPartOf"] = {"@type": "Periodical", "name": source.journal}
    if source.year:
        work["datePublished"] = str(source.year)
    if source.doi:
        work["sameAs"] = source.link
        work["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": source.doi}
    elif source.url:
        work["url"] = source.url
    return work


def article_graph(article, request, questions=()):
    """The page, its breadcrumbs and, when it shows questions, their FAQPage."""
    url = request.build_absolute_uri(article.get_absolute_url())
    page = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": article.title,
        "headline": article.title,
        "description": article.meta_description or article.dek,
        "dateModified": article.updated_at.isoformat(),
        "inLanguage": "en",
    }
    if article.published_at:
        page["datePublished"] = article.published_at.isoformat()
    if article.author:
        page["author"] = person(article.author)
    if article.has_medical_review:
        page["reviewedBy"] = person(article.reviewer)
        page["lastReviewed"] = article.reviewed_on.isoformat()
    citations = [scholarly_article(reference.source) for reference in article.references.all()]
    if citations:
        page["citation"] = citations
    if article.topic:
        page["about"] = {"@type": "Thing", "name": article.topic.name}

    crumbs = [("Home", request.build_absolute_uri("/"))]
    if article.topic:
        crumbs.append(
            (article.topic.name, request.build_absolute_uri(article.topic.get_absolute_url()))
        )
    crumbs.append((article.title, url))
    graph = [page, breadcrumb_list(crumbs)]
    if questions:
        graph.append(faq_page(questions, url))
    return {"@context": "https://schema.org", "@graph": graph}
