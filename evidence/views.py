from django.views.generic import TemplateView

from .models import Grade, StudyType


class GradesView(TemplateView):
    """ "How we grade evidence": the grades readers see beside claims, and the study types."""

    template_name = "evidence/grades.html"
    extra_context = {"grades": list(Grade), "study_types": list(StudyType)}
