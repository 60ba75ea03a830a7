from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from articles.feeds import LatestArticlesAtomFeed, LatestArticlesFeed

from . import editor_views, media, views
from .sitemaps import SITEMAPS

admin.site.site_header = "GutGuide editors"
admin.site.site_title = "GutGuide admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("topics/", views.topics, name="topics"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("feed/atom/", LatestArticlesAtomFeed(), name="feed_atom"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("", include("articles.urls")),
    path("", include("comparisons.urls")),
    path("", include("faq.urls")),
    path("", include("evidence.urls")),
    # Staff-only stand-ins for markdownx's views (see editor_views).
    path("markdownx/markdownify/", editor_views.markdownify, name="markdownx_markdownify"),
    path("markdownx/upload/", editor_views.upload_image, name="markdownx_upload"),
    path("admin/", admin.site.urls),
]

handler400 = views.bad_request

if settings.SERVE_MEDIA:
    # Uploaded images, served safely by Django itself (see gutguide.media) unless the
    # proxy, a CDN or S3-compatible storage serves them (DJANGO_SERVE_MEDIA=0).
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", media.serve_upload, name="media"
        )
    )
