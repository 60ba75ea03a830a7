"""
`manage.py generate_articles N`: N realistic published articles for scale tests and benchmarks,
each with key points, a comparison table placed in its body and three to five questions, under
topics and authors of their own. Comparisons are shared: one per pair of subjects.

Fast through bulk inserts, yet every stored HTML is the Markdown pipeline's output: each
template is rendered once with tokens standing for its words (see _generated_text), and the
words go into the rendered HTML, escaped; heading ids get the words' slug as the pipeline's
table of contents would. (tests/gutguide/test_generate_articles.py re-renders generated
articles and compares.) The search index is written for each batch.
"""

import datetime
import html
import itertools
import random
import re
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from markdown.extensions.toc import slugify as heading_slug

from articles import checks
from articles.models import Article, Contributor, KeyPoint, Placement, Topic
from comparisons import placements
from comparisons.models import Comparison, ComparisonRow, ComparisonSubject, ComparisonValue
from faq.models import Question
from gutguide import markdown, pagecache, search
from gutguide.models import Status

from . import _generated_text as text

BATCH = 500
TOKEN_RE = re.compile("QQ(?:SA|SB|TA|TB|GL|GC)")
ID_TOKEN_RE = re.compile("qq(?:sa|sb|ta|tb|gl|gc)")
OLDEST = datetime.timedelta(days=5 * 365)


def title_case(phrase):
    small = {"a", "an", "and", "after", "for", "of", "or", "the", "to"}
    words = phrase.split()
    return " ".join(
        word if word.isupper() or (index and word in small) else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


class Words:
    """What the tokens stand for in one article or comparison."""

    def __init__(self, first, second, goal=""):
        self.values = {
            "QQSA": first[0],
            "QQSB": second[0],
            "QQTA": first[1],
            "QQTB": second[1],
            "QQGL": goal,
            "QQGC": goal[:1].upper() + goal[1:],
        }
        values = self.values.items()
        self.slugs = {token.lower(): heading_slug(value, "-") for token, value in values}
        self.escaped = {token: html.escape(value, quote=False) for token, value in values}

    def text(self, template):
        """Plain text or Markdown with the words in."""
        return TOKEN_RE.sub(lambda match: self.values[match.group(0)], template)

    def html(self, rendered):
        """Rendered HTML with the words in: escaped in the text, slugged in heading ids."""
        filled = TOKEN_RE.sub(lambda match: self.escaped[match.group(0)], rendered)
        return ID_TOKEN_RE.sub(lambda match: self.slugs[match.group(0)], filled)

    def toc(self, entries):
        return [
            {
                "id": ID_TOKEN_RE.sub(lambda match: self.slugs[match.group(0)], entry["id"]),
                "title": self.text(entry["title"]),
                "children": self.toc(entry["children"]),
            }
            for entry in entries
        ]


class Generator:
    def __init__(self, rng):
        self.rng = rng
        self.rendered = {}
        self.inline = {}
        self.now = timezone.now()

    def date(self, newest, oldest):
        """A moment between `newest` and `oldest` ago."""
        seconds = self.rng.randint(int(newest.total_seconds()), int(oldest.total_seconds()))
        return self.now - datetime.timedelta(seconds=seconds)

    def render(self, template):
        """The pipeline's output for a template with tokens, rendered once."""
        if template not in self.rendered:
            self.rendered[template] = markdown.render(template)
        return self.rendered[template]

    def render_inline(self, value):
        if value not in self.inline:
            self.inline[value] = markdown.render_inline(value)
        return self.inline[value]

    # --- Setting the scene ---

    def topics(self):
        existing = {topic.slug: topic for topic in Topic.objects.all()}
        for name, slug, description in text.TOPICS:
            if slug not in existing:
                existing[slug] = Topic.objects.create(name=name, slug=slug, description=description)
        return existing

    def authors(self):
        authors = []
        for name, credentials in text.AUTHORS:
            author, _ = Contributor.objects.get_or_create(
                name=name, defaults={"credentials": credentials}
            )
            authors.append(author)
        return authors

    def combinations(self, count):
        """(first subject, second subject, goal, repeat) for `count` articles, in random order."""
        pairs = list(itertools.combinations(range(len(text.SUBJECTS)), 2))
        combos = [(a, b, goal) for a, b in pairs for goal in range(len(text.GOALS))]
        self.rng.shuffle(combos)
        for number in range(count):
            a, b, goal = combos[number % len(combos)]
            yield text.SUBJECTS[a], text.SUBJECTS[b], text.GOALS[goal]

    # --- Comparisons ---

    def comparisons(self, pairs):
        """The published comparison for each (first, second) subject pair, made if missing."""
        slugs = {pair: self.comparison_slug(*pair) for pair in pairs}
        existing = Comparison.objects.in_bulk(list(slugs.values()), field_name="slug")
        new = [pair for pair in pairs if slugs[pair] not in existing]
        made = []
        for pair in new:
            words = Words(*pair)
            intro = self.rng.choice(text.COMPARISON_INTROS)
            made.append(
                Comparison(
                    title=f"{pair[0][0]} vs {pair[1][0]}",
                    slug=slugs[pair],
                    intro=words.text(intro),
                    intro_html=words.html(self.render(intro).html),
                    status=Status.PUBLISHED,
                    published_at=self.date(OLDEST, OLDEST + datetime.timedelta(days=90)),
                    version=1,
                )
            )
        Comparison.objects.bulk_create(made, batch_size=BATCH)
        subjects = ComparisonSubject.objects.bulk_create(
            [
                ComparisonSubject(comparison=comparison, position=position, name=subject[0])
                for comparison, pair in zip(made, new, strict=True)
                for position, subject in enumerate(pair, start=1)
            ],
            batch_size=BATCH,
        )
        rows = ComparisonRow.objects.bulk_create(
            [
                ComparisonRow(comparison=comparison, position=position, feature=feature)
                for comparison in made
                for position, feature in enumerate(text.FEATURES, start=1)
            ],
            batch_size=BATCH,
        )
        subjects_of = {}
        for subject in subjects:
            subjects_of.setdefault(subject.comparison_id, []).append(subject)
        categories = {comparison.pk: pair for comparison, pair in zip(made, new, strict=True)}
        values = []
        for row in rows:
            pair = categories[row.comparison_id]
            for subject, (_, _, category) in zip(subjects_of[row.comparison_id], pair, strict=True):
                value = text.VALUES[category][row.position - 1]
                values.append(
                    ComparisonValue(
                        row=row, subject=subject, text=value, text_html=self.render_inline(value)
                    )
                )
        ComparisonValue.objects.bulk_create(values, batch_size=BATCH)
        for comparison in made:
            comparison.store_table()  # the table as pages show it, as write_table stores it
        search.index(Comparison, [comparison.pk for comparison in made])
        existing.update({comparison.slug: comparison for comparison in made})
        return {pair: existing[slugs[pair]] for pair in pairs}, len(made)

    @staticmethod
    def comparison_slug(first, second):
        return f"{slugify(first[0])}-vs-{slugify(second[0])}"

    # --- Articles ---

    def body(self, words, first, second, comparison_slug):
        """Markdown, HTML (as rendered, before placement markers), table of contents."""
        rng = self.rng
        fragments = [rng.choice(text.INTRO)]

        def role(heading, subject, name_token, text_token):
            fragments.append(text.HEADINGS[heading])
            paragraphs = text.ROLE[subject[2]]
            for paragraph in rng.sample(paragraphs, rng.randint(1, len(paragraphs))):
                fragments.append(paragraph.replace("QQXS", name_token).replace("QQXT", text_token))
            if rng.random() < 0.5:
                fragments.append(rng.choice(text.ROLE_LISTS))

        role("role_a", first, "QQSA", "QQTA")
        role("role_b", second, "QQSB", "QQTB")
        fragments += [text.HEADINGS["glance"], rng.choice(text.GLANCE_INTRO), None]
        fragments += [text.HEADINGS["together"], rng.choice(text.TOGETHER)]
        fragments.append(text.HEADINGS["tips"])
        for heading, paragraph in rng.sample(text.TIPS, rng.randint(2, len(text.TIPS))):
            fragments += [heading, paragraph]
        fragments += [text.HEADINGS["safety"], rng.choice(text.SAFETY)]
        fragments += [text.HEADINGS["bottom"], rng.choice(text.BOTTOM_LINE)]

        sources, parts, toc = [], [], []
        placement = placements.line(comparison_slug)
        for fragment in fragments:
            if fragment is None:  # the placed table, as the pipeline renders its line
                sources.append(placement)
                parts.append(f"<p>{placement}</p>")
                continue
            rendered = self.render(fragment)
            sources.append(words.text(fragment))
            parts.append(words.html(rendered.html))
            for entry in words.toc(rendered.toc):
                if fragment.startswith("### ") and toc:
                    toc[-1]["children"].append(entry)
                else:
                    toc.append(entry)
        return "\n\n".join(sources), "\n".join(parts), toc

    def article(self, first, second, goal, topics, authors, taken):
        rng = self.rng
        words = Words(first, second, goal[0])
        title = rng.choice(text.TITLES).replace("QQGC", title_case(goal[0]))
        title = words.text(title)
        slug = base = slugify(title)[:190]
        for number in itertools.count(2):
            if slug not in taken:
                break
            slug = f"{base}-{number}"
        taken.add(slug)
        comparison_slug = self.comparison_slug(first, second)
        body, body_html, toc = self.body(words, first, second, comparison_slug)
        summary = rng.choice(text.SUMMARIES)
        summary_html = words.html(self.render(summary).html)
        dek = words.text(rng.choice(text.DEKS))
        word_count = markdown.count_words(summary_html) + markdown.count_words(body_html)
        article = Article(
            title=title,
            slug=slug,
            dek=dek,
            topic=topics[goal[1]],
            author=rng.choice(authors),
            summary=words.text(summary),
            body=body,
            meta_description=dek[:160],
            summary_html=summary_html,
            body_html=placements.mark(body_html),
            toc=toc,
            reading_time=markdown.reading_minutes(word_count),
            status=Status.PUBLISHED,
            published_at=self.date(datetime.timedelta(hours=1), OLDEST),
            version=1,
        )
        key_points = [
            (words.text(lead), words.text(sentence))
            for lead, sentence in rng.sample(text.KEY_POINTS, 5)
        ]
        questions = [
            (words.text(question), words.text(answer), words.html(self.render(answer).html))
            for question, answer in rng.sample(text.QUESTIONS, rng.randint(3, 5))
        ]
        return article, key_points, questions, comparison_slug, (first, second)

    def write(self, count, report):
        topics, authors = self.topics(), self.authors()
        taken = set(Article.objects.values_list("slug", flat=True))
        totals = {"comparisons": 0, "key points": 0, "questions": 0}
        combos = self.combinations(count)
        written = 0
        while written < count:
            batch = [
                self.article(first, second, goal, topics, authors, taken)
                for first, second, goal in itertools.islice(combos, min(BATCH, count - written))
            ]
            comparisons, made = self.comparisons(list(dict.fromkeys(item[4] for item in batch)))
            totals["comparisons"] += made
            articles = Article.objects.bulk_create([item[0] for item in batch])
            key_points, questions, placed = [], [], []
            for article, points, asked, comparison_slug, _ in batch:
                placed.append(Placement(article=article, comparison_slug=comparison_slug))
                key_points += [
                    KeyPoint(article=article, position=position, lead=lead, text=sentence)
                    for position, (lead, sentence) in enumerate(points, start=1)
                ]
                questions += [
                    Question(
                        question=question,
                        slug=f"{slugify(question)[:100].rstrip('-')}-{article.pk}",
                        answer=answer,
                        answer_html=answer_html,
                        article=article,
                        order=order,
                        status=Status.PUBLISHED,
                        published_at=article.published_at,
                    )
                    for order, (question, answer, answer_html) in enumerate(asked, start=1)
                ]
            Placement.objects.bulk_create(placed)
            KeyPoint.objects.bulk_create(key_points, batch_size=BATCH * 2)
            Question.objects.bulk_create(questions, batch_size=BATCH * 2)
            search.index(Article, [article.pk for article in articles])
            # Written around save(): their editorial problems are counted here.
            checks.refresh([article.pk for article in articles])
            search.index(Question, [question.pk for question in questions])
            totals["key points"] += len(key_points)
            totals["questions"] += len(questions)
            written += len(articles)
            report(f"{written} of {count} articles")
        return totals


def print_nothing(message):
    pass


class Command(BaseCommand):
    help = (
        "Generate N realistic published articles (key points, a placed comparison table, "
        "questions) for scale tests and benchmarks. Adds to what is there."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many articles to add.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed: the same seed, the same articles."
        )

    def handle(self, count, seed, **options):
        if count < 1:
            raise CommandError("Give a number of articles of at least 1.")
        started = time.monotonic()
        verbose = options["verbosity"] > 1
        generator = Generator(random.Random(seed))
        with transaction.atomic():
            totals = generator.write(count, self.stdout.write if verbose else print_nothing)
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather soon, so that the next queries
            # are planned for the tables' new sizes.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        search.tidy()
        pagecache.content_changed()  # bulk writes send no signals
        made = ", ".join(f"{number} {name}" for name, number in totals.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {count} published articles with {made} "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
