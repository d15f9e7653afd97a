"""Mention roles: an article's own outlet in its dateline or sign-off is a self-mention, another
outlet credited there or in a photo credit is a credit, and everything else is named."""

import pandas as pd

from analysis.entities import CREDIT, NAMED, SELF, mention_roles


def test_own_outlet_in_a_signoff_is_a_self_mention_and_others_are_credits():
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["Global Times", "BBC News"]})
    sentences = pd.DataFrame({
        "article_id": ["a1", "a1", "a1", "a2", "a2"],
        "sentence_id": [0, 1, 2, 0, 1],
        "start": [0, 40, 90, 0, 30],
        "end": [38, 88, 104, 28, 60],
        "kind": ["body", "caption", "signoff", "dateline", "body"],
        "text": ["The Global Times said Li met Putin.",
                 "Li in Moscow [Pavel Bednyakov/Sputnik via Reuters]",
                 "(Global Times)", "MOSCOW (Reuters) -", "Reuters reported the visit."],
    })
    mentions = pd.DataFrame({
        "article_id": ["a1", "a1", "a1", "a1", "a2", "a2", "a2"],
        "sentence_id": [0, 0, 1, 2, 0, 0, 1],
        "start": [4, 22, 83, 91, 0, 8, 30],
        "text": ["Global Times", "Li", "Reuters", "Global Times", "MOSCOW", "Reuters", "Reuters"],
        "label": ["ORG", "PERSON", "ORG", "ORG", "GPE", "ORG", "ORG"],
    })
    roles = mention_roles(mentions, sentences, articles)
    assert list(roles) == [
        NAMED,   # the body names its own outlet: that is the article speaking of it
        NAMED,
        CREDIT,  # the photo credit of a caption
        SELF,    # "(Global Times)" closing a Global Times article
        NAMED,   # a place in a dateline is still where the story is
        CREDIT,  # a BBC article's dateline crediting Reuters
        NAMED,
    ]
