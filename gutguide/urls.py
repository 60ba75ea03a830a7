from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles.feeds import LatestArticlesFeed

from . import editor_views, media, views
from .sitemaps import SITEMAPS

admin.site.site_header = "GutGuide editors"
admin.site.site_title = "GutGuide admin"
admin.site.index_title = "Content"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("articles.urls")),
    path("", include("comparisons.urls")),
    path("", include("faq.urls")),
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
