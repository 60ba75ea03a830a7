"""Article pieces for other apps' pages, so that those apps need not import articles."""

from django import template

from articles.models import Article

register = template.Library()


@register.simple_tag
def placing_articles(comparison):
    """The published articles that place `comparison`, as cards ("Appears in")."""
    return Article.objects.published().cards().placing(comparison)
