from django.utils.functional import SimpleLazyObject

from gutguide.pagecache import Fragment

from .models import Disclaimer


def disclaimer(request):
    """The site-wide medical disclaimer, read only by templates that show it."""
    return {"disclaimer_html": SimpleLazyObject(stored_disclaimer)}


def stored_disclaimer():
    """The disclaimer's HTML, kept in the shared cache for the content generation like the
    pages that show it (gutguide.pagecache.Fragment): no query on a page otherwise stored."""
    stored = Fragment("disclaimer")
    html = stored.read()
    if html is None:
        html = Disclaimer.current_html()
        stored.store(html)
    return html
