"""Speakers across articles: variants merge, different people stay apart."""

from service.extraction import extract_corpus


def speakers(docs):
    return {(a.name, q.speaker): q.aliases for a in extract_corpus(docs) for q in a.quotes}


def test_spelling_variants_become_one_canonical_speaker():
    docs = [
        ("a", 'Presiden Polandia Viktor Moroz hadir.\n"Kami siap bekerja sama," kata Moroz.'),
        ("b", 'Presiden Polandia Viktor Moroz hadir.\n"Perbatasan aman," ujar Moroz.'),
        ("c", 'Presiden Viktar Moroz berpidato.\n"Rakyat bersatu," kata Viktar Moroz.'),
    ]
    # All three articles name one canonical person; the variant is an alias.
    assert speakers(docs) == {(name, "Viktor Moroz"): ("Viktar Moroz",) for name in "abc"}


def test_one_word_name_gets_the_corpus_full_name_as_alias():
    docs = [
        ("a", 'Menteri Pertanian Budi Hartono meninjau sawah.\n"Panen bagus," kata Budi Hartono.'),
        ("b", '"Stok beras cukup," kata Hartono.'),
    ]
    got = speakers(docs)
    assert got[("b", "Hartono")] == ("Budi Hartono",)


def test_people_sharing_a_surname_stay_apart():
    docs = [
        ("a", '"Panen bagus," kata Menteri Pertanian Budi Hartono.'),
        ("b", '"Sekolah dibuka," kata Kepala Dinas Pendidikan Rina Hartono.'),
        ("c", '"Jalan diperbaiki," kata Bupati Sumbawa Budi Santoso.'),
    ]
    got = speakers(docs)
    assert {name for _, name in got} == {"Budi Hartono", "Rina Hartono", "Budi Santoso"}
    assert all(aliases == () for aliases in got.values())
