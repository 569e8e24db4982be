"""Person names grouped into people: the same groups whatever the order of the names."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.extraction.groups import SpeakerGroups


def own_id(name: str) -> str:
    """A name's own id, as a store makes it: a hash (so that the least is any of them)."""
    return hashlib.sha256(name.casefold().encode()).hexdigest()[:8]


NAMES = [
    "Alexander Petrenko",
    "Aleksandar Petrenko",
    "Petrenko",
    "Joko Wirabumi",
    "Budi Wirabumi",
    "Wirabumi",
    "Joko",
    "Soeharto Wiryo",
    "Suharto Wiryo",
    "Rina Kartikasari",
    "Rina Dewi Kartikasari",
    "Kartikasari",
    "Dewi",
]


def groups_of(counts: dict[str, int]) -> dict[str, tuple]:
    groups = SpeakerGroups(own_id)
    groups.update(counts)
    return {name: (groups.person(name), tuple(groups.names(name))) for name in counts}


@pytest.mark.parametrize(
    "counts, expected",
    [
        # the fullest name: most words, then the most quoted, then the longest
        (
            {"Alexander Petrenko": 11, "Aleksandar Petrenko": 1, "Petrenko": 2},
            {n: "Alexander Petrenko" for n in ("Alexander Petrenko", "Petrenko")},
        ),
        (
            {"Rina Kartikasari": 9, "Rina Dewi Kartikasari": 1},
            {"Rina Kartikasari": "Rina Dewi Kartikasari"},
        ),
        # a surname shared by two people joins neither
        (
            {"Joko Wirabumi": 3, "Budi Wirabumi": 1, "Wirabumi": 2},
            {"Wirabumi": "Wirabumi", "Budi Wirabumi": "Budi Wirabumi"},
        ),
        # a first name joins the one person it belongs to
        ({"Joko Wirabumi": 3, "Joko": 1}, {"Joko": "Joko Wirabumi"}),
        ({"Soeharto Wiryo": 1, "Suharto Wiryo": 2}, {"Soeharto Wiryo": "Suharto Wiryo"}),
        ({"Kartikasari": 4}, {"Kartikasari": "Kartikasari"}),
    ],
)
def test_groups_and_their_names(counts, expected):
    got = groups_of(counts)
    for name, canonical in expected.items():
        assert got[name][0][0] == canonical, name
        # the person's id: the least of its names' own ids
        assert got[name][0][1] == min(map(own_id, got[name][1]))


def test_a_name_that_goes_takes_its_links_with_it():
    groups = SpeakerGroups(own_id)
    groups.update({"Joko Wirabumi": 1, "Wirabumi": 1})
    assert groups.canonical("Wirabumi") == "Joko Wirabumi"
    assert {"Wirabumi", "Budi Wirabumi"} <= groups.update({"Budi Wirabumi": 1})
    assert groups.canonical("Wirabumi") == "Wirabumi"
    assert {"Wirabumi", "Budi Wirabumi"} <= groups.update({"Budi Wirabumi": 0})
    assert (
        groups.canonical("Wirabumi") == "Joko Wirabumi"
        and groups.canonical("Budi Wirabumi") is None
    )
    # one linking name gone: the two variants it held together part
    groups.update({"Rina Kartikasari": 1, "Rina Dewi Kartikasari": 1})
    assert groups.names("Rina Kartikasari") == ["Rina Dewi Kartikasari", "Rina Kartikasari"]
    groups.update({"Rina Dewi Kartikasari": 0})
    assert groups.names("Rina Kartikasari") == ["Rina Kartikasari"]
    assert "Rina Dewi Kartikasari" not in groups


@st.composite
def histories(draw):
    """A final set of counts and a history of updates reaching it in any order: names
    added in batches, some first given other counts, some added and taken away again."""
    final = draw(st.dictionaries(st.sampled_from(NAMES), st.integers(1, 4), min_size=1))
    steps = []
    for name, count in final.items():
        if draw(st.booleans()):
            steps.append({name: draw(st.integers(1, 6))})
        steps.append({name: count})
    for name in draw(st.lists(st.sampled_from(NAMES), max_size=4)):
        if name not in final:
            steps += [{name: 2}, {name: 0}]
    order = draw(st.permutations(range(len(steps))))
    # each name's own updates keep their order: its last one is its final count
    by_name: dict[str, list[dict]] = {}
    for step in steps:
        by_name.setdefault(next(iter(step)), []).append(step)
    ordered = []
    for n in order:
        name = next(iter(steps[n]))
        ordered.append(by_name[name].pop(0))
    batches, current = [], {}
    for step in ordered:
        if draw(st.booleans()) and current:
            batches.append(current)
            current = {}
        ((name, count),) = step.items()
        if name in current:
            batches.append(current)
            current = {}
        current[name] = count
    batches.append(current)
    return final, batches


@given(histories())
@settings(max_examples=300, deadline=None)
def test_any_order_of_updates_gives_the_groups_of_all_at_once(history):
    final, batches = history
    groups = SpeakerGroups(own_id)
    for batch in batches:
        before = {n: groups.person(n) for n in NAMES}
        changed = groups.update(batch)
        after = {n: groups.person(n) for n in NAMES}
        # every name whose person (name or id) changed is reported, and only those
        assert changed == {n for n in NAMES if before[n] != after[n]}
    assert groups.counts == final
    assert {n: (groups.person(n), tuple(groups.names(n))) for n in final} == groups_of(final)


@given(st.dictionaries(st.sampled_from(NAMES), st.integers(1, 4), min_size=1))
def test_groups_restored_from_their_keys_are_the_groups_worked_out(counts):
    worked_out = SpeakerGroups(own_id)
    worked_out.update(counts)
    restored = SpeakerGroups(own_id)
    restored.restore(counts, {n: worked_out.person(n)[1] for n in counts})
    for name in counts:
        assert restored.person(name) == worked_out.person(name)
        assert restored.names(name) == worked_out.names(name)
    # and they change alike
    for change in ({"Budi Wirabumi": 2}, {"Alexander Petrenko": 0}, {"Wirabumi": 5}):
        assert restored.update(change) == worked_out.update(change)
        assert {n: restored.person(n) for n in NAMES} == {n: worked_out.person(n) for n in NAMES}
