"""srsly's msgpack registries answer from one lookup during an export, and as before after it."""

from __future__ import annotations

import srsly
from srsly.msgpack import msgpack_decoders, msgpack_encoders

from annotator.formats.msgpack_registries import entry_points_read_once


def test_the_registries_give_the_same_answers_inside_and_after_the_block() -> None:
    before = (msgpack_encoders.get_all(), msgpack_decoders.get_all())
    with entry_points_read_once():
        assert (msgpack_encoders.get_all(), msgpack_decoders.get_all()) == before
        assert "get_all" in vars(msgpack_encoders)
        packed = srsly.msgpack_dumps({"spans": [1, 2], "text": "Jakarta 😀"})
        assert srsly.msgpack_loads(packed) == {"spans": [1, 2], "text": "Jakarta 😀"}
    assert "get_all" not in vars(msgpack_encoders) and "get_all" not in vars(msgpack_decoders)
    assert (msgpack_encoders.get_all(), msgpack_decoders.get_all()) == before
