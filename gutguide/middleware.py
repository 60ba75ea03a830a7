"""Request checks that hold for every view. Imports no app."""

from django.core.exceptions import BadRequest


class RejectNulInQueryMiddleware:
    """A NUL character anywhere in the query string answers 400 (the site's 400 page).

    PostgreSQL cannot store or compare text with NUL, so such a value reaching a query (an
    admin filter, the autocomplete's term, a page number) raised a 500 there; no view has a
    use for it on any database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, value in _pairs(request.GET)):
            raise BadRequest("The query string contains a NUL character.")
        return self.get_response(request)


def _pairs(query_dict):
    for key, values in query_dict.lists():
        for value in values:
            yield key, value
