"""The people of an article: what a short name, a role or a misspelt name points to."""

import pytest

from service.extraction import extract_article


def speakers(text):
    return [q.speaker for q in extract_article(text).quotes]


# (text, speakers): a one-word name that no full name holds stands for the one full name
# it misspells by a letter, or whose first word it shortens
WRITTEN_OTHERWISE = [
    (
        "Juru bicara Istana, Hendrawan Saputro, membantah kabar itu.\n"
        '"Berita itu tidak benar," kata Hendrawen.',
        ["Hendrawan Saputro"],
    ),
    (
        "Gubernur Maluku Fransiskus Wattimena meninjau pelabuhan.\n"
        '"Kapal harus segera diperbaiki," kata Watimena.',
        ["Fransiskus Wattimena"],
    ),
    (
        "Kepala Bappeda Kornelius Rettob menyerahkan rancangan anggaran.\n"
        '"Angkanya sudah final," kata Kornel.',
        ["Kornelius Rettob"],
    ),
    # negative: two full names fit, so the short name stays as written
    (
        "Kornelius Rettob dan Kornelius Ohoiwutun hadir dalam rapat.\n"
        '"Angkanya sudah final," kata Kornel.',
        ["Kornel"],
    ),
    # negative: short names under six letters are not read as misspellings (Rina, Rini)
    (
        'Bidan Rina Marlina memeriksa warga.\n"Semua sehat," kata Rini.',
        ["Rini"],
    ),
    # negative: a one-word name the article gives as someone's whole name (with an age,
    # after a role) is that someone, not the full name it shortens or misspells
    (
        "Pelatih Andika Pratama memimpin latihan sore itu. Andi (17), salah satu pemain, "
        'datang paling awal.\n"Saya ingin masuk tim inti," kata Andi.',
        ["Andi"],
    ),
    (
        "Pelatih Hendrawan Saputra memimpin latihan sore itu. Pemain Hendra, kiper tim, "
        'datang paling awal.\n"Saya ingin masuk tim inti," kata Hendra.',
        ["Hendra"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), WRITTEN_OTHERWISE)
def test_written_otherwise(text, expected):
    assert speakers(text) == expected


# (text, speakers): a role and a one-word place after a cue ("tegas Kapolres Sorong") is
# the person the article introduced with that role and place
ROLE_AND_PLACE = [
    (
        "Kapolres Sorong AKBP Rangga Wiradinata memimpin apel pagi.\n"
        '"Situasi sudah kondusif," tegas Kapolres Sorong.',
        ["Rangga Wiradinata"],
    ),
    # negative: a one-word name after a role that nobody was introduced with stays a name
    (
        "Kapolres Sorong AKBP Rangga Wiradinata memimpin apel pagi.\n"
        '"Situasi sudah kondusif," kata Bupati Yulianus.',
        ["Yulianus"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROLE_AND_PLACE)
def test_role_and_place(text, expected):
    assert speakers(text) == expected


# (text, speakers): a role with a unit's number ("Dandim 0735/Surakarta") and a one-word
# name after a rank and its corps: "kata Dandim" finds that person
UNIT_ROLES = [
    (
        "Sementara itu Dandim 0425/Lembata Letkol Kav. Sudirgo menyatakan latihan menembak usai.\n"
        '"Prajurit kami siap ditugaskan," kata Dandim.',
        ["Sudirgo"],
    ),
    (
        "Danyon 501 Raider Mayor Inf Heru Santoso memimpin apel.\n"
        '"Prajurit siap diberangkatkan," kata Danyon.',
        ["Heru Santoso"],
    ),
    # a rank and its corps before a word that names a place: the word is the name
    ('"Pos jaga dibangun ulang," kata Kapten Arh Jakarta.', ["Jakarta"]),
    # negative: a full name with the role wins over a one-word name given the same role
    (
        "Presiden Raka Wiratama meresmikan bendungan itu.\nPresiden Rawi menyatakan puas.\n"
        '"Air untuk sawah petani," kata Presiden.',
        ["Raka Wiratama"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNIT_ROLES)
def test_unit_roles(text, expected):
    assert speakers(text) == expected


# (text, speakers): a name the article uses for someone, opening a sentence as the
# subject of what it tells, is whom the next pronoun cue means
def test_subject_of_the_nearest_narrative_sentence():
    text = (
        "Bupati Lembata Darius Kedang membuka festival. Kapolres Lembata Ajun Komisaris Besar "
        'Stefanus Gelu mengatakan, "Jalur arak-arakan sudah dijaga."\n'
        "Darius juga membagikan tumbler kepada warga.\n"
        '"Kita kurangi sampah plastik," ujarnya.'
    )
    assert speakers(text) == ["Stefanus Gelu", "Darius Kedang"]


def test_a_name_after_a_preposition_is_no_subject():
    text = (
        "Bupati Lembata Darius Kedang membuka festival. Kapolres Lembata Ajun Komisaris Besar "
        'Stefanus Gelu mengatakan, "Jalur arak-arakan sudah dijaga."\n'
        "Warga menanam bakau bersama Darius pagi itu. Petugas kebersihan juga ditambah.\n"
        '"Semua pos sudah terisi," ujarnya.'
    )
    assert speakers(text) == ["Stefanus Gelu", "Stefanus Gelu"]


# (text, speakers): a word of a full name given before, opening a sentence as its
# subject, is that person again: whom a pronoun after it means
SENTENCE_SUBJECTS = [
    (
        "Penyanyi Intan Permata tampil di alun-alun.\n"
        "Lurah Joko Santoso ikut menonton. Permata juga menyapa penonton dari atas panggung.\n"
        '"Penonton tertib sampai acara selesai," ujarnya.',
        ["Intan Permata"],
    ),
    # negative: not a word the article also writes in lower case (permata: a gem)
    (
        "Penyanyi Intan Permata tampil di alun-alun. Pedagang menjual permata di sekitar "
        "panggung.\nLurah Joko Santoso ikut menonton. Permata imitasi laris terjual malam "
        'itu.\n"Penonton tertib sampai acara selesai," ujarnya.',
        ["Joko Santoso"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_SUBJECTS)
def test_sentence_subjects(text, expected):
    assert speakers(text) == expected
