from django.utils.functional import SimpleLazyObject

from .models import Disclaimer


def disclaimer(request):
    """The site-wide medical disclaimer, queried only by templates that show it."""
    return {"disclaimer_html": SimpleLazyObject(Disclaimer.current_html)}
