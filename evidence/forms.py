from gutguide.forms import ConcurrentEditForm

from .models import Source


class SourceForm(ConcurrentEditForm):
    class Meta:
        model = Source
        fields = ["key", "authors", "title", "journal", "year", "doi", "url", "study_type"]
