"""Sources are records editors keep once and pick everywhere: a DOI checked for shape and
stored without its link prefix, a lower-case key, found by autocomplete."""

import pytest
from django.urls import reverse

from articles.models import KeyPoint
from evidence.models import Source, StudyType
from tests.factories import make_article, make_editor, make_source
from tests.pages import admin_form

ADD_URL = reverse("admin:evidence_source_add")


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_editor())
    return client


def new_source(client, **fields):
    data = admin_form(client, ADD_URL)
    data.update(
        {
            "key": "zhou-2019",
            "authors": "Zhou Q, Verne ML, Fields JZ, et al",
            "title": "Randomised placebo-controlled trial of dietary glutamine supplements",
            "journal": "Gut",
            "year": "2019",
            "study_type": StudyType.RCT,
            **fields,
        }
    )
    return data


@pytest.mark.parametrize(
    "typed",
    [
        "10.1136/gutjnl-2017-315136",
        "https://doi.org/10.1136/gutjnl-2017-315136",
        " doi:10.1136/gutjnl-2017-315136 ",
    ],
)
def test_editor_adds_a_source_with_a_doi_however_pasted(editor_client, typed):
    response = editor_client.post(ADD_URL, new_source(editor_client, doi=typed))

    assert response.status_code == 302, response.context["errors"]
    assert Source.objects.get().doi == "10.1136/gutjnl-2017-315136"


def test_a_malformed_doi_or_key_is_explained_and_the_text_kept(editor_client):
    data = new_source(editor_client, doi="gutjnl-2017-315136", key="zhou 2019")

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "A DOI looks like" in response.text
    assert "Lower-case letters, digits and single hyphens" in response.text
    assert "Randomised placebo-controlled trial of dietary glutamine" in response.text
    assert not Source.objects.exists()


def test_a_key_typed_in_capitals_is_stored_in_lower_case(editor_client):
    response = editor_client.post(ADD_URL, new_source(editor_client, key="Zhou-2019"))

    assert response.status_code == 302
    assert Source.objects.get().key == "zhou-2019"


def test_a_second_source_with_the_same_doi_is_refused(editor_client):
    make_source("zhou-2019", doi="10.1136/gutjnl-2017-315136")

    data = new_source(editor_client, key="zhou-2019b", doi="10.1136/gutjnl-2017-315136")
    response = editor_client.post(ADD_URL, data)

    assert "Another source has this DOI: cite that one." in response.text


def test_editors_find_sources_by_author_title_or_key_to_pick_on_a_key_point(editor_client):
    make_source("zhou-2019", authors="Zhou Q", title="Glutamine trial")
    make_source("allen-2011", authors="Allen J", title="Oral glutathione")
    article = make_article()
    KeyPoint.objects.create(article=article, position=1, lead="L.", text="T.")

    for term, expected in [("zhou", "zhou-2019"), ("glutathione", "allen-2011")]:
        response = editor_client.get(
            reverse("admin:autocomplete"),
            {
                "term": term,
                "app_label": "articles",
                "model_name": "keypoint",
                "field_name": "sources",
            },
        )
        assert response.status_code == 200
        assert [result["text"].split(":")[0] for result in response.json()["results"]] == [expected]


def test_a_key_the_body_cites_cannot_change_under_it(editor_client):
    source = make_source(key="zhou-2019")
    make_article(title="Glutamine and IBS", body="A trial found it helped [[cite zhou-2019]].")
    url = reverse("admin:evidence_source_change", args=[source.pk])
    data = admin_form(editor_client, url)

    refused = editor_client.post(url, {**data, "key": "zhou-2019-gut"})

    assert refused.status_code == 200
    assert "“zhou-2019” is cited by this key in the body of “Glutamine and IBS”" in refused.text
    assert Source.objects.get().key == "zhou-2019"
    # A key no body cites by key (key points pick sources, not keys) may change.
    renamed = make_source(key="rao-2012", title="Glutamine and tight junctions")
    url = reverse("admin:evidence_source_change", args=[renamed.pk])
    response = editor_client.post(url, {**admin_form(editor_client, url), "key": "rao-2012b"})
    assert response.status_code == 302
    assert Source.objects.filter(key="rao-2012b").exists()
