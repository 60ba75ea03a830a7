from django.core.management.base import BaseCommand

from articles import checks
from articles.models import Article
from gutguide import links
from gutguide.models import LinkCheck


class Command(BaseCommand):
    help = (
        "Check every outside link the articles show (links in their texts, placed tables and "
        "answers; references' URLs; sources' DOIs through GUTGUIDE_DOI_RESOLVER), store what "
        "each answered, and recount every article's editorial problems. Pages never fetch "
        "links; run this daily (e.g. from cron)."
    )

    def handle(self, **options):
        urls = collect_urls()
        answers = links.check_all(urls)
        # Results of links no article shows any more are of no use.
        LinkCheck.objects.exclude(url__in=urls).delete()
        failing = [answer for answer in answers if not answer.ok]
        for answer in failing:
            outcome = (
                f"answered {answer.status_code}"
                if answer.status_code is not None
                else f"failed ({answer.error})"
            )
            self.stdout.write(f"{answer.url} {outcome}")
        checks.refresh(Article.objects.values_list("pk", flat=True))
        self.stdout.write(
            f"Checked {len(answers)} link{'s' if len(answers) != 1 else ''}: "
            f"{len(failing)} failing. Editorial checks recounted."
        )


def collect_urls():
    """Every outside address the articles show, once each."""
    run = checks.Run()
    found = {}
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), checks.REFRESH_BATCH):
        chunk = list(
            checks.loaded(Article.objects.filter(pk__in=ids[start : start + checks.REFRESH_BATCH]))
        )
        for article in chunk:
            for _, url in checks.article_outside_urls(article, run):
                if len(url) <= LinkCheck._meta.get_field("url").max_length:
                    found[url] = True
    return list(found)
