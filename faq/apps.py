from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "FAQ"

    def ready(self):
        from gutguide import search

        from . import checks
        from .models import Question

        # A question's entry: the question as its title, the answer as its body. Readers see
        # it while Question.objects.published() has it (so also only with its article).
        search.register(
            Question,
            results=lambda questions: questions.with_articles().defer("answer", "answer_html"),
        )
        # An article's questions are part of its editorial checks.
        checks.register()
