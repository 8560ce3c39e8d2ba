"""frozen_heap: the build keeps the long-lived heap out of the collector, and gives it back."""

from __future__ import annotations

import gc

from kg.process import frozen_heap


def test_nested_blocks_unfreeze_once_at_the_end() -> None:
    assert gc.get_freeze_count() == 0
    with frozen_heap():
        outer = gc.get_freeze_count()
        assert outer > 0
        with frozen_heap(collect=True):
            assert gc.get_freeze_count() >= outer
        assert gc.get_freeze_count() >= outer  # the inner block does not unfreeze
    assert gc.get_freeze_count() == 0


def test_a_heap_frozen_by_someone_else_is_left_alone() -> None:
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with frozen_heap():
            pass
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()


def test_objects_made_inside_are_still_collected() -> None:
    class Node:
        pass

    with frozen_heap():
        a = Node()
        a.self = a  # type: ignore[attr-defined]
        del a
        assert gc.collect() > 0
