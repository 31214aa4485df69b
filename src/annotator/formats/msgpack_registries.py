"""srsly's msgpack encoders and decoders, looked up once per export instead of once per call.

Every ``srsly.msgpack_dumps``/``msgpack_loads`` builds a Packer or Unpacker, and each asks
catalogue for the registered encoders or decoders (``Registry.get_all``), which reads the entry
points of every installed distribution and then scans catalogue's whole registry (spaCy keeps
thousands of functions there): 2-5 ms a call, four calls per document in ``DocBin.add``. That was
two thirds of a 2,000-document spaCy export, and it grows with every package installed beside us.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from catalogue import Registry
from srsly.msgpack import msgpack_decoders, msgpack_encoders


@contextmanager
def entry_points_read_once() -> Iterator[None]:
    """Within the block, the msgpack registries answer from one lookup made at its start.

    Nothing registers msgpack encoders while an export runs, so the answers are the ones each
    call would have computed.
    """
    with ExitStack() as stack:
        for registry in (msgpack_encoders, msgpack_decoders):
            stack.enter_context(_answered_once(registry))
        yield


@contextmanager
def _answered_once(registry: Registry) -> Iterator[None]:
    found = registry.get_all()

    def get_all() -> dict[str, Any]:
        return dict(found)

    registry.get_all = get_all
    try:
        yield
    finally:
        del registry.get_all
