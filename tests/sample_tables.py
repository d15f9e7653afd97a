"""A small hand-made build: four articles from three outlets, with known tones and offsets.

Tones are set by hand (not scored by VADER or the targeted scorer) so tests can state exact
expected figures. A mention's targeted tone is its sentence's tone unless given.
Offsets are computed from the texts, so every mention really points at its words.
"""

from __future__ import annotations

import pandas as pd

from analysis.schemas import Tables

MOSCOW, MINSK, RUSSIA = 524901, 625144, 2017370

PLACES = [
    (MOSCOW, "Moscow", "city", "RU", 55.75, 37.62, 10_381_222),
    (MINSK, "Minsk", "city", "BY", 53.9, 27.57, 1_742_124),
    (RUSSIA, "Russia", "country", "RU", 60.0, 100.0, 140_702_000),
]

ENTITIES = {
    "E_li": ("Li Shangfu", "PERSON"),
    "E_moscow": ("Moscow", "GPE"),
    "E_minsk": ("Minsk", "GPE"),
    "E_russia": ("Russia", "GPE"),
    "E_luka": ("Lukashenko", "PERSON"),
    "E_shoigu": ("Shoigu", "PERSON"),
}

# article_id, outlet, title, published, [(sentence, tone)],
# [(sentence index, surface, entity[, targeted tone of the mention])]
ARTICLES = [
    ("a1", "Alpha News", "Li visits Moscow", "2023-08-14",
     [("Li Shangfu arrived in Moscow.", 0.0),
      ("He praised the great friendship with Russia, Li Shangfu said.", 0.8)],
     [(0, "Li Shangfu", "E_li"), (0, "Moscow", "E_moscow"), (1, "Russia", "E_russia", 0.6),
      (1, "Li Shangfu", "E_li", 0.2)]),
    ("a2", "Alpha News", "Talks in Minsk", "2023-08-16",
     [("Li Shangfu met Lukashenko in Minsk.", 0.0),
      ("The talks were a terrible failure, critics said.", -0.7)],
     [(0, "Li Shangfu", "E_li"), (0, "Lukashenko", "E_luka"), (0, "Minsk", "E_minsk")]),
    ("a3", "Beta Wire", "=cmd|' /C calc'!A0", "2023-08-15",
     [("Moscow hosted Li Shangfu and <b>Shoigu</b> & co.", 0.3),
      ("Nothing else happened.", -0.1)],
     [(0, "Moscow", "E_moscow"), (0, "Li Shangfu", "E_li"), (0, "Shoigu", "E_shoigu")]),
    ("a4", "Gamma Post", "Quiet Minsk", None,
     [("Minsk is quiet today.", 0.0)],
     [(0, "Minsk", "E_minsk")]),
]

PLACE_OF = {"E_moscow": MOSCOW, "E_minsk": MINSK, "E_russia": RUSSIA}


def sample_tables() -> Tables:
    article_rows, sentence_rows, mention_rows = [], [], []
    for article_id, outlet, title, published, sentences, mentions in ARTICLES:
        text, bounds = "", []
        for sentence, tone in sentences:
            if text:
                text += "\n\n"
            bounds.append((len(text), len(text) + len(sentence)))
            text += sentence
            sentence_rows.append({
                "article_id": article_id, "sentence_id": len(bounds) - 1,
                "start": bounds[-1][0], "end": bounds[-1][1], "text": sentence, "tone": tone,
                "pos": max(tone, 0.0), "neu": 1 - abs(tone), "neg": max(-tone, 0.0),
            })
        for sentence_id, surface, entity_id, *targeted in mentions:
            start = text.index(surface, bounds[sentence_id][0])
            tone = targeted[0] if targeted else sentences[sentence_id][1]
            mention_rows.append({
                "article_id": article_id, "sentence_id": sentence_id, "start": start,
                "end": start + len(surface), "text": surface, "label": ENTITIES[entity_id][1],
                "entity_id": entity_id, "place_id": PLACE_OF.get(entity_id), "tone": tone,
            })
        tones = [tone for _, tone in sentences]
        article_rows.append({
            "article_id": article_id, "outlet": outlet, "title": title,
            "published": pd.Timestamp(published) if published else pd.NaT,
            "url": f"https://example.org/{article_id}", "source": f"{article_id}.txt",
            "text": text, "n_words": len(text.split()), "n_sentences": len(sentences),
            "tone": sum(tones) / len(tones),
        })
    articles = pd.DataFrame(article_rows)
    mentions = pd.DataFrame(mention_rows)
    outlets = mentions["article_id"].map(articles.set_index("article_id")["outlet"])
    entities = pd.DataFrame([
        {
            "entity_id": entity_id, "name": name, "label": label,
            "n_mentions": int((mentions["entity_id"] == entity_id).sum()),
            "n_articles": mentions.loc[mentions["entity_id"] == entity_id, "article_id"].nunique(),
            "n_outlets": outlets[mentions["entity_id"] == entity_id].nunique(),
            "aliases": "",
        }
        for entity_id, (name, label) in ENTITIES.items()
    ])
    places = pd.DataFrame(PLACES, columns=["place_id", "name", "kind", "country_code", "lat",
                                           "lon", "population"])
    rejects = pd.DataFrame({"input": ["empty.txt"], "reason": ["empty file"]})
    return Tables.conformed(articles=articles, sentences=pd.DataFrame(sentence_rows),
                            mentions=mentions, entities=entities, places=places,
                            rejects=rejects)
