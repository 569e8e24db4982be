"""Word-level changes between a claimed and a stored quote (service.changes), with the
sentences written for these tests."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service import changes
from service.changes import Words, align, compare
from service.extraction.lexicon import checking_words
from service.index import normalise_text
from service.quickwords import unit_words

TARIFF = "Pemerintah daerah tidak akan menaikkan tarif air bersih tahun ini"
AID = "Kami sudah menyalurkan 1.250 paket bantuan kepada warga Desa Sukamaju sejak Senin"
BRIDGE = "Proyek jembatan itu belum selesai karena anggarannya terlambat cair dari pusat"
CHILLI = "Saya kira harga cabai akan turun pekan depan setelah panen raya di Brebes"
RISK = "Kerja sama dengan swasta punya risiko, tapi kami siap menanggungnya sendiri"
RATE = "Inflasi bulan lalu hanya 2,5 persen, jauh di bawah target"


def kinds(claim: str, stored: str, counts=None) -> tuple[str | None, list[tuple]]:
    """The verdict and the changes as (kind, claimed text, stored text)."""
    found = compare(claim, stored, counts)
    return found.verdict, [
        (c.kind, claim[slice(*c.claimed)], stored[slice(*c.stored)]) for c in found.changes
    ]


@pytest.mark.parametrize(
    "claim, stored, verdict, expected",
    [
        # the same words, punctuation, case and spacing aside
        (
            "pemerintah daerah TIDAK akan menaikkan tarif air bersih, tahun ini!",
            TARIFF,
            "exact",
            [],
        ),
        # a number's groups and a symbol are punctuation too
        (AID.replace("1.250", "1250"), AID, "exact", []),
        ("Inflasi bulan lalu hanya 2,5%, jauh di bawah target", RATE, "exact", []),
        # negation: dropped, added, put for another word, another negation's group
        (TARIFF.replace("tidak ", ""), TARIFF, "altered", [("negation", "", "tidak")]),
        (
            CHILLI.replace("akan turun", "tidak akan turun"),
            CHILLI,
            "altered",
            [("negation", "tidak", "")],
        ),
        (BRIDGE.replace("belum", "sudah"), BRIDGE, "altered", [("negation", "sudah", "belum")]),
        (TARIFF.replace("tidak", "belum"), TARIFF, "altered", [("negation", "belum", "tidak")]),
        # ... but a form of the same negation is a spelling variant
        (TARIFF.replace("tidak", "tak"), TARIFF, "close", [("spelling", "tak", "tidak")]),
        (TARIFF.replace("tidak", "nggak"), TARIFF, "close", [("spelling", "nggak", "tidak")]),
        # numbers: digits, a decimal run together, a number word
        (AID.replace("1.250", "12.500"), AID, "altered", [("number", "12.500", "1.250")]),
        (RATE.replace("2,5", "25"), RATE, "altered", [("number", "25", "2,5")]),
        (
            CHILLI.replace("pekan depan", "tiga pekan lagi"),
            CHILLI,
            "altered",
            [("number", "tiga", ""), ("word", "lagi", "depan")],
        ),
        # names: a capitalised word that does not open a sentence
        (CHILLI.replace("Brebes", "Tegal"), CHILLI, "altered", [("name", "Tegal", "Brebes")]),
        (
            AID.replace("Sukamaju", "Sukamakmur"),
            AID,
            "altered",
            [("name", "Sukamakmur", "Sukamaju")],
        ),
        # ... the name wherever its capital is
        (
            CHILLI.lower().replace("brebes", "tegal"),
            CHILLI,
            "altered",
            [("name", "tegal", "Brebes")],
        ),
        # another word: changed, added, dropped; opening a sentence is no name
        (CHILLI.replace("turun", "naik"), CHILLI, "altered", [("word", "naik", "turun")]),
        (CHILLI.replace("Saya kira", "Kami kira"), CHILLI, "altered", [("word", "Kami", "Saya")]),
        (
            CHILLI.replace("turun", "turun tajam"),
            CHILLI,
            "altered",
            [("word", "tajam", "")],
        ),
        (TARIFF.replace(" bersih", ""), TARIFF, "altered", [("word", "", "bersih")]),
        # spelling: a typo, a listed variant, words run together
        (
            TARIFF.replace("menaikkan", "menaikan"),
            TARIFF,
            "close",
            [("spelling", "menaikan", "menaikkan")],
        ),
        (
            BRIDGE.replace("anggarannya", "angagrannya"),
            BRIDGE,
            "close",
            [("spelling", "angagrannya", "anggarannya")],
        ),
        (RISK.replace("risiko", "resiko"), RISK, "close", [("spelling", "resiko", "risiko")]),
        (
            RISK.replace("Kerja sama", "Kerjasama"),
            RISK,
            "close",
            [("spelling", "Kerjasama", "Kerja sama")],
        ),
        # fillers and particles: dropped, added, glued on
        (BRIDGE.replace(" itu", ""), BRIDGE, "close", [("filler", "", "itu")]),
        (TARIFF.replace("tarif", "tarif juga"), TARIFF, "close", [("filler", "juga", "")]),
        (
            TARIFF.replace("tahun ini", "tahun inilah"),
            TARIFF,
            "close",
            [("filler", "inilah", "ini")],
        ),
        (
            RISK.replace("menanggungnya", "menanggung"),
            RISK,
            "close",
            [("filler", "menanggung", "menanggungnya")],
        ),
        # a fragment, and a fragment with a change of meaning
        ("harga cabai akan turun pekan depan setelah panen", CHILLI, "partial", []),
        (
            "harga cabai akan naik pekan depan setelah panen",
            CHILLI,
            "altered",
            [("word", "naik", "turun")],
        ),
        # the stored quote inside a longer claim
        (f"{TARIFF}. Warga diminta tetap tenang dan hemat air.", TARIFF, "partial", []),
        # one word more or less at an end is a change, not a fragment
        (BRIDGE.removesuffix(" pusat"), BRIDGE, "altered", [("word", "", "pusat")]),
        # not a match: another sentence, too many changes, too short a fragment
        ("Harga beras di pasar tradisional akan turun minggu depan", CHILLI, None, []),
        ("Saya yakin harga bawang akan naik pekan depan", CHILLI, None, []),
        ("akan turun pekan", CHILLI, None, []),
        ("", CHILLI, None, []),
    ],
)
def test_verdicts_and_changes(claim, stored, verdict, expected):
    assert kinds(claim, stored) == (verdict, expected)


def test_two_forms_of_established_words_are_two_words():
    """A form a typo apart is a typo unless both are words of the index, each common
    enough: 'benar' for 'besar' is another word there."""
    stored = "Menurut kami dampaknya cukup besar bagi para petani kecil"
    claim = stored.replace("besar", "benar")
    assert kinds(claim, stored) == ("close", [("spelling", "benar", "besar")])
    common = {"besar": 900, "benar": 400, "dampaknya": 30}.get
    assert kinds(claim, stored, lambda w: common(w, 0)) == (
        "altered",
        [("word", "benar", "besar")],
    )
    # a misspelling seen a few times in a large index is still one
    rare = {"besar": 900, "benar": 4}.get
    assert kinds(claim, stored, lambda w: rare(w, 0))[0] == "close"


def test_a_misspelt_negation_is_one_only_if_the_index_never_saw_the_form():
    stored = TARIFF
    claim = stored.replace("tidak", "tidka")
    # without the index's counts a negation is never taken for a typo
    assert kinds(claim, stored)[0] == "altered"
    assert kinds(claim, stored, lambda w: 0) == ("close", [("spelling", "tidka", "tidak")])
    # 'bukan' for 'bulan': a word of the index, so a negation changed
    month = "Harga pupuk naik bulan ini di semua kabupaten"
    assert kinds(month.replace("bulan", "bukan"), month, lambda w: 0 if w == "x" else 5) == (
        "altered",
        [("negation", "bukan", "bulan")],
    )


def test_spans_of_changes_point_into_each_text():
    claim = "«Kami SUDAH menyalurkan 12.500 paket bantuan kepada warga desa Sukamaju sejak Senin»"
    found = compare(claim, AID)
    assert found.verdict == "altered"
    (change,) = found.changes
    assert change.kind == "number"
    assert claim[slice(*change.claimed)] == "12.500"
    assert AID[slice(*change.stored)] == "1.250"
    assert claim[slice(*found.claim_span)] == claim[1:-1]
    assert found.stored_span == (0, len(AID))


def test_an_added_or_dropped_word_has_an_empty_span_where_it_would_be():
    dropped = compare(TARIFF.replace("tidak ", ""), TARIFF).changes[0]
    at = TARIFF.replace("tidak ", "").index("akan")
    assert dropped.claimed == (at, at) and TARIFF[slice(*dropped.stored)] == "tidak"
    claim = TARIFF + " juga"
    added = compare(claim, TARIFF).changes[0]
    assert added.stored == (len(TARIFF), len(TARIFF)) and claim[slice(*added.claimed)] == "juga"


def test_a_fragment_spans_the_matched_words_only():
    fragment = "harga cabai akan naik pekan depan setelah panen"
    found = compare(fragment, CHILLI)
    assert CHILLI[slice(*found.stored_span)] == "harga cabai akan turun pekan depan setelah panen"
    assert found.claim_span == (0, len(fragment)) and not found.claim_partly
    longer = f"{TARIFF}. Warga diminta tetap tenang."
    found = compare(longer, TARIFF)
    assert longer[slice(*found.claim_span)] == TARIFF and found.claim_partly


def test_a_repeated_word_at_a_fragments_edge_is_not_taken_from_earlier():
    """'di' opens the fragment and occurs earlier in the quote too: the words between are
    not dropped from the claim."""
    stored = "Banjir di utara sudah surut, tetapi genangan di jalan protokol masih tinggi"
    assert kinds("di jalan protokol masih tinggi", stored) == ("partial", [])
    assert kinds("Banjir di utara sudah surut, tetapi genangan", stored) == ("partial", [])


@pytest.mark.parametrize(
    "text, words, capitalised",
    [
        ("Kami dari Desa Sukamaju.", ["kami", "dari", "desa", "sukamaju"], [0, 0, 1, 1]),
        ("naik 1.250.000 atau 2,5%", ["naik", "1250000", "atau", "2", "5", "persen"], [0] * 6),
        ("Pukul 23.00. Warga Pulang", ["pukul", "23", "00", "warga", "pulang"], [0, 0, 0, 0, 1]),
        # a text in capitals says nothing of names
        ("KAMI DARI DESA SUKAMAJU", ["kami", "dari", "desa", "sukamaju"], [0] * 4),
        ('"Ya," kata dia. “Tidak”', ["ya", "kata", "dia", "tidak"], [0, 0, 0, 0]),
        ("1234.567 dan 12.3456", ["1234", "567", "dan", "12", "3456"], [0] * 5),
        # as the text folds: full-width digits and percent, a mark that folds into nothing
        ("\uff11.250\uff05 naik", ["1250", "persen", "naik"], [0] * 3),
        ("1.\u0301250", ["1250"], [0]),
    ],
)
def test_the_compared_words(text, words, capitalised):
    found = Words.of(text)
    assert list(found.words) == words
    assert [int(found.capitalised(i)) for i in range(len(words))] == capitalised
    assert unit_words(text) == words


_VOCABULARY = (
    "pemerintah daerah akan menaikkan tarif air bersih tahun ini itu warga desa kami "
    "sudah harga cabai turun naik pekan depan panen Brebes juga 1.250 tiga"
).split()
_NEGATIONS = ["tidak", "tak", "bukan", "belum", "jangan", "enggak", "nggak", "gak"]


@st.composite
def _negation_edit(draw) -> tuple[str, str]:
    """(stored quote, the quote with a negation word inserted or one of its negations
    removed)."""
    words = draw(st.lists(st.sampled_from(_VOCABULARY + _NEGATIONS[:3]), min_size=1, max_size=25))
    negations = [i for i, w in enumerate(words) if w in _NEGATIONS]
    if negations and draw(st.booleans()):
        i = draw(st.sampled_from(negations))
        return " ".join(words), " ".join(words[:i] + words[i + 1 :])
    i = draw(st.integers(0, len(words)))
    return " ".join(words), " ".join(words[:i] + [draw(st.sampled_from(_NEGATIONS))] + words[i:])


@given(_negation_edit(), st.booleans())
@settings(max_examples=1000)
def test_a_negation_added_or_removed_is_never_exact_or_close(edit, with_counts):
    stored, claim = edit
    counts = (lambda w: 10) if with_counts else None
    assert compare(claim, stored, counts).verdict not in ("exact", "close")
    lex = checking_words()
    fast = align(unit_words(claim), unit_words(stored), lex, counts, give_up=True)
    assert fast is None or fast.verdict not in ("exact", "close")


_EDIT_WORDS = CHILLI.split() + ["tidak", "Tegal", "juga", "ini", "12", "hargaa", "kira-kira"]


def _edited(rng: random.Random, text: str) -> str:
    """`text` with a few words changed, dropped, added, misspelt, or cut to a fragment."""
    words = text.split()
    for _ in range(rng.randrange(5)):
        op = rng.randrange(5)
        i = rng.randrange(len(words))
        if op == 0:
            words[i] = rng.choice(_EDIT_WORDS)
        elif op == 1 and len(words) > 2:
            del words[i]
        elif op == 2:
            words.insert(i, rng.choice(_EDIT_WORDS))
        elif op == 3 and len(words[i]) > 4:
            k = rng.randrange(len(words[i]))
            words[i] = words[i][:k] + words[i][k + 1 :]
        else:
            j = rng.randrange(len(words))
            words = words[min(i, j) : max(i, j) + 1] or words
    return " ".join(words)


@given(st.integers(0, 100_000), st.booleans())
@settings(max_examples=500)
def test_giving_up_early_gives_the_same_answer(seed, with_counts):
    """`align(give_up=True)`, as verify calls it on every candidate, answers as the full
    comparison does: it only stops where no match is possible."""
    rng = random.Random(seed)
    stored = _edited(rng, rng.choice([CHILLI, TARIFF, CHILLI + " " + TARIFF]))
    claim = _edited(rng, rng.choice([stored, CHILLI]))
    counts = (lambda w: len(w) % 7) if with_counts else None
    lex = checking_words()
    full = align(list(Words.of(claim).words), list(Words.of(stored).words), lex, counts)
    fast = align(unit_words(claim), unit_words(stored), lex, counts, give_up=True)
    assert (fast and (fast.verdict, fast.claim_range)) == (
        full and (full.verdict, full.claim_range)
    )
    assert compare(claim, stored, counts).verdict == (full and full.verdict)


@given(st.integers(0, 100_000))
@settings(max_examples=300)
def test_changes_are_in_claim_order_and_their_spans_in_the_texts(seed):
    rng = random.Random(seed)
    stored = rng.choice([CHILLI, TARIFF, AID])
    claim = _edited(rng, stored)
    found = compare(claim, stored)
    starts = [c.claimed for c in found.changes]
    assert starts == sorted(starts)
    for change in found.changes:
        for text, (start, end) in ((claim, change.claimed), (stored, change.stored)):
            assert 0 <= start <= end <= len(text)
        assert change.kind in changes.KINDS
        if found.verdict in ("close", "partial"):
            assert change.kind in ("spelling", "filler")
    if found.verdict == "altered":
        assert any(c.kind in changes.MEANING_KINDS for c in found.changes)


@given(st.text(max_size=80))
@settings(max_examples=500)
def test_folded_words_are_the_normal_form_with_their_offsets(text):
    found = changes._folded_words(text)
    assert " ".join(w for w, _, _ in found) == normalise_text(text)
    ends = [0]
    for word, start, end in found:
        # each word comes from its span of the text, and the spans go forward
        assert start >= ends[-1] - 1 and start < end <= len(text)
        assert word in changes._WORD.findall("".join(map(changes._fold_char, text[start:end])))
        ends.append(end)


def test_spans_point_at_the_words_as_written():
    original = "«Jembatan INI», kata-nya; Straße Café! Naik 1.250%"
    found = Words.of(original)
    assert list(found.words) == [
        "jembatan", "ini", "kata", "nya", "strasse", "cafe", "naik", "1250", "persen"
    ]  # fmt: skip
    assert [original[a:b] for a, b in found.spans] == [
        "Jembatan", "INI", "kata", "nya", "Straße", "Café", "Naik", "1.250", "%"
    ]  # fmt: skip
    assert found.span(1, 3) == (original.index("INI"), original.index("-nya"))
    assert found.span(9, 9) == (len(original), len(original))
