"""The ``config.cfg`` written next to a spaCy export, ready for
``python -m spacy train config.cfg --paths.train train.spacy --paths.dev dev.spacy``.

It starts from ``spacy.cli.init_config`` (blank pipeline, CPU, efficiency: nothing to
download) and adds, for each span layer other than the entity layer (claims, sections), a
``span_finder`` + ``spancat`` pair on the span group named after the layer.

Why ``span_finder`` and not a wider n-gram suggester: the default suggester proposes only
1-3 token n-grams; widening ``spacy.ngram_range_suggester.v1`` to the longest section (often
hundreds of tokens) proposes n x max candidates per document, each embedded and scored,
which is slow and memory-hungry on CPU. ``span_finder`` learns where spans start and end and
proposes only those pairs up to ``max_length`` tokens (set from the longest annotated span of
the layer), and ``spancat`` labels them via ``spacy.preset_spans_suggester.v1`` reading the
same span group. This is the combination spaCy documents for long spans. The span finders
are annotating components so spancat sees their candidates during training, and they keep
their own small tok2vec (a listener would read an empty ``doc.tensor`` while annotating).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from thinc.api import Config

ENTITY_LAYER = "entity"


@dataclass(frozen=True)
class LayerStats:
    labels: frozenset[str]
    longest: int
    """Longest span of the layer, in tokens."""


def build_config(lang: str, ner: bool, span_layers: dict[str, LayerStats]) -> Config:
    """A training config for ``lang``: NER when ``ner``, span_finder + spancat per span layer.

    spaCy is imported here, not with the module: ``ENTITY_LAYER`` is read by modules the app
    loads at start-up, where spaCy's import would cost about a second."""
    from spacy.cli.init_config import init_config
    from thinc.api import Config

    pipeline = (["ner"] if ner else []) + (["spancat"] if span_layers else [])
    if not pipeline:
        pipeline = ["ner"]
    config = init_config(
        lang=lang,
        pipeline=pipeline,
        optimize="efficiency",
        gpu=False,
        pretraining=False,
        silent=True,
    )
    data: dict[str, Any] = copy.deepcopy(dict(config))
    components: dict[str, Any] = data["components"]
    template = components.pop("spancat", None)
    order = ["tok2vec"] + (["ner"] if "ner" in components else [])
    weights: dict[str, float | None] = {}
    if "ner" in components:
        weights.update({"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None})
    annotating: list[str] = []
    for layer, stats in span_layers.items():
        assert template is not None
        finder, spancat = f"span_finder_{layer}", f"spancat_{layer}"
        components[finder] = _span_finder(layer, stats.longest)
        components[spancat] = _spancat(template, layer)
        order += [finder, spancat]
        annotating.append(finder)
        weights.update(
            {
                f"spans_{layer}_f": 1.0,
                f"spans_{layer}_p": 0.0,
                f"spans_{layer}_r": 0.0,
                f"span_finder_{layer}_f": 0.0,
                f"span_finder_{layer}_p": 0.0,
                f"span_finder_{layer}_r": 0.0,
            }
        )
    total = sum(v for v in weights.values() if v) or 1.0
    data["nlp"]["pipeline"] = order
    data["training"]["annotating_components"] = annotating
    data["training"]["score_weights"] = {
        k: (round(v / total, 4) if v else v) for k, v in weights.items()
    }
    return Config(data)


def _span_finder(layer: str, longest: int) -> dict[str, Any]:
    return {
        "factory": "span_finder",
        "spans_key": layer,
        "threshold": 0.5,
        "max_length": max(1, longest),
        "min_length": None,
        "scorer": {"@scorers": "spacy.span_finder_scorer.v1"},
        "model": {
            "@architectures": "spacy.SpanFinder.v1",
            "scorer": {"@layers": "spacy.LinearLogistic.v1", "nO": 2},
            "tok2vec": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {
                    "@architectures": "spacy.MultiHashEmbed.v2",
                    "width": 64,
                    "rows": [2000, 1000, 1000, 1000],
                    "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                    "include_static_vectors": False,
                },
                "encode": {
                    "@architectures": "spacy.MaxoutWindowEncoder.v2",
                    "width": 64,
                    "window_size": 1,
                    "maxout_pieces": 3,
                    "depth": 2,
                },
            },
        },
    }


def _spancat(template: dict[str, Any], layer: str) -> dict[str, Any]:
    component = copy.deepcopy(template)
    component["spans_key"] = layer
    component["suggester"] = {"@misc": "spacy.preset_spans_suggester.v1", "spans_key": layer}
    return component
