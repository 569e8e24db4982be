"""A verifier's answer as sentences a reader understands: the verdict, and each change
between the claim and the stored quote."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext, lazy_gettext

from .data import Change, CheckView, SpeakerRef

# Each kind of change: its name in a legend and a sentence, and a sign printed beside the
# marked words, so a change is told by more than its colour.
KIND_LABELS = {
    "negation": lazy_gettext("kata ingkar"),
    "number": lazy_gettext("angka"),
    "name": lazy_gettext("nama"),
    "word": lazy_gettext("kata"),
    "spelling": lazy_gettext("ejaan"),
    "filler": lazy_gettext("kata pengisi"),
}
KIND_SYMBOLS = {
    "negation": "¬",
    "number": "#",
    "name": "@",
    "word": "≠",
    "spelling": "~",
    "filler": "+",
}
# At most this many changes are spelled out in the verdict sentence.
SPELLED_OUT = 3


def _who(speaker: SpeakerRef | None) -> str:
    if speaker is None:
        return gettext("pembicara yang tidak diketahui")
    if speaker.role and speaker.role != speaker.name:
        return gettext("%(name)s (%(role)s)", name=speaker.name, role=speaker.role)
    return speaker.name


def change_sentence(change: Change) -> str:
    """One change, stored quote first: what the claim replaced, dropped or added."""
    kind = KIND_LABELS.get(change.kind, KIND_LABELS["word"])
    claimed, stored = change.claimed.text, change.stored.text
    if not claimed:
        return gettext("%(kind)s “%(stored)s” dihilangkan", kind=kind, stored=stored)
    if not stored:
        return gettext("%(kind)s “%(claimed)s” ditambahkan", kind=kind, claimed=claimed)
    return gettext(
        "%(kind)s “%(stored)s” diganti “%(claimed)s”", kind=kind, stored=stored, claimed=claimed
    )


def change_sentences(changes: Sequence[Change]) -> list[str]:
    return [change_sentence(c) for c in changes]


def verdict_sentence(result: CheckView) -> str:
    """The verdict as a plain sentence, naming who said the stored quote."""
    best = result.best
    if best is None or result.verdict == "not_found":
        return gettext("Tidak ditemukan di arsip.")
    who = _who(best.quote.speaker)
    verdict = result.verdict
    if verdict == "exact":
        if best.quote.speaker is None:
            return gettext("Kutipan ini ditemukan, tetapi pembicaranya tidak diketahui.")
        return gettext("Kutipan ini ditemukan, diucapkan oleh %(who)s.", who=who)
    if verdict == "close":
        return gettext("Mirip, dengan kata yang berbeda: aslinya diucapkan oleh %(who)s.", who=who)
    if verdict == "partial":
        claim_words = len(result.claim.split())
        stored_words = len(best.quote.text.split())
        if claim_words <= stored_words:
            return gettext(
                "Sebagian: kutipan ini penggalan dari ucapan %(who)s yang lebih panjang.",
                who=who,
            )
        return gettext(
            "Sebagian: hanya sebagian dari kutipan ini yang ditemukan, diucapkan oleh %(who)s.",
            who=who,
        )
    if verdict == "different_speaker":
        if result.speaker:
            return gettext(
                "Diucapkan orang lain: %(who)s, bukan %(claimed)s.",
                who=who,
                claimed=result.speaker,
            )
        return gettext("Diucapkan orang lain: %(who)s.", who=who)
    if verdict == "altered":
        described = change_sentences(best.changes[:SPELLED_OUT])
        more = len(best.changes) - SPELLED_OUT
        if more > 0:
            described.append(gettext("dan %(count)d perubahan lain", count=more))
        if not described:
            return gettext("Kutipan ini diubah dari ucapan %(who)s.", who=who)
        return gettext(
            "Kutipan ini diubah: %(changes)s. Aslinya diucapkan oleh %(who)s.",
            changes="; ".join(described),
            who=who,
        )
    return gettext("Tidak ditemukan di arsip.")
