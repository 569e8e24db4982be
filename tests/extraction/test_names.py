"""Names: where a person's name starts and ends in a speaker phrase or in narrative."""

import pytest

from service.extraction import extract_article


def speakers(text):
    return [q.speaker for q in extract_article(text).quotes]


# (text, speakers): a capitalised word after "dari" is a place, but a full name after it
# is a person's ("keterangan dari X Y"), so X stays part of the name later.
SOURCE_HEADS = [
    (
        "Keluhan itu datang dari Markus Wenda, tokoh adat setempat.\n"
        '"Jalan kami rusak sejak tahun lalu," kata Markus Wenda.',
        ["Markus Wenda"],
    ),
    # negative: one capitalised word after "dari" is still a place, never a name word
    (
        "Rombongan datang dari Sentani pagi tadi.\n"
        '"Jalan kami rusak sejak tahun lalu," kata Sentani Wenda.',
        ["Wenda"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SOURCE_HEADS)
def test_source_heads(text, expected):
    assert speakers(text) == expected


# (text, speakers): anything but a space between two capitalised words ends the name:
# a photo credit's ©, an asterisk, a bullet.
NAME_BREAKS = [
    (
        "Penyanyi Larasati Wibowo © Dokumentasi Panitia\n"
        '"Saya sangat gugup malam ini," kata Larasati Wibowo.',
        ["Larasati Wibowo"],
    ),
    (
        'Ketua panitia Bagus Prakoso * Redaksi\n"Tiket sudah habis terjual," kata Bagus Prakoso.',
        ["Bagus Prakoso"],
    ),
    # negative: a body's name joined by "&" is the role's, not the name's
    ('"Tiket sudah habis," kata Direktur CV Karya & Sentosa, Bagus Prakoso.', ["Bagus Prakoso"]),
]


@pytest.mark.parametrize(("text", "expected"), NAME_BREAKS)
def test_name_breaks(text, expected):
    assert speakers(text) == expected


# (text, (speaker, role)): words that end an organisation's name (a club, a company) are
# the role's, never the person's
ORGANISATION_TAILS = [
    (
        '"Kami bermain disiplin," ujar pelatih Bekasi United Rudi Hartanto usai laga.',
        ("Rudi Hartanto", "pelatih Bekasi United"),
    ),
    (
        '"Indeks masih tertekan," kata analis Mandala Sekuritas Dewi Anggraini.',
        ("Dewi Anggraini", "analis Mandala Sekuritas"),
    ),
    # negative: a name of three words after a role stays whole
    (
        '"Indeks masih tertekan," kata analis Dewi Sri Anggraini.',
        ("Dewi Sri Anggraini", "analis"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ORGANISATION_TAILS)
def test_organisation_tails(text, expected):
    (q,) = extract_article(text).quotes
    assert (q.speaker, q.role) == expected


# (text, speaker): a first word is dropped as an organisation's only when it ends a
# capitalised run elsewhere ("Partai Hanura Budi X"), not when it is a given name written
# elsewhere before a misspelt surname
FIRST_WORD_KEPT = [
    (
        "Kapolres Sorong AKBP Rangga Wiradinata Putra meninjau lokasi. "
        "Sebelumnya AKBP Rangga Wiradinat Putra juga hadir.\n"
        '"Situasi sudah kondusif," tegas Kapolres Sorong.',
        "Rangga Wiradinata Putra",
    ),
    (
        "Wakil rakyat dari Partai Hanura mengkritik rencana itu.\n"
        '"Anggaran ini tidak masuk akal," kata politikus Hanura Budi Sanjaya.',
        "Budi Sanjaya",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIRST_WORD_KEPT)
def test_first_word_kept(text, expected):
    assert speakers(text) == [expected]


# (text, speaker): a single capital with a dot after a capitalised word is an initial, not
# a sentence end
INITIALS = [
    (
        "Kapolres Biak, AKBP Herman T. Rumbewas dalam pertemuan itu mengimbau warga.\n"
        '"Jangan mudah terprovokasi," katanya.',
        "Herman T. Rumbewas",
    ),
    # negative: a capital after a lower-case word ends its sentence ("kelas A.")
    (
        "Kapolres Biak AKBP Herman Rumbewas hadir di kelas A. Kepala sekolah Yohana Ayomi "
        "menyambutnya.\n"
        '"Kami senang sekali," kata Yohana Ayomi.',
        "Yohana Ayomi",
    ),
]


@pytest.mark.parametrize(("text", "expected"), INITIALS)
def test_initials(text, expected):
    assert speakers(text) == [expected]


# (text, speaker): words that open a sentence are not names (Awalnya, Terlebih, Iya)
SENTENCE_OPENERS = [
    ('Awalnya Sinta mengatakan, "Saya tidak tahu ada razia."', "Sinta"),
    ('Terlebih Sinta menegaskan, "Saya tidak tahu ada razia."', "Sinta"),
    ('Sayangnya Sinta mengatakan, "Saya tidak tahu ada razia."', "Sinta"),
    # negative: a given name is kept
    ('Sinta Dewi mengatakan, "Saya tidak tahu ada razia."', "Sinta Dewi"),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_OPENERS)
def test_sentence_openers(text, expected):
    assert speakers(text) == [expected]


# (text, speaker): a reply word capitalised is no name
def test_reply_word_is_no_speaker():
    text = (
        "Warga bernama Joko Susilo menunggu di depan.\n"
        "Iya meminta warga tetap tenang dan tidak panik.\n"
        '"Situasinya sudah aman sekarang," katanya.'
    )
    assert speakers(text) == ["Joko Susilo"]


# (text, (speaker, role)): the corps after a soldier's rank goes with the rank
RANK_CORPS = [
    ('"Latihan menembak dimulai besok," kata Kapten Inf Darsono.', "Darsono"),
    ('"Latihan menembak dimulai besok," kata Letkol Kav. Suparlan.', "Suparlan"),
    ('"Latihan menembak dimulai besok," kata Mayor Czi Hendra Gunawan.', "Hendra Gunawan"),
    # negative: a name that is no corps stays
    ('"Latihan menembak dimulai besok," kata Kapten Infantri Darsono.', "Infantri Darsono"),
]


@pytest.mark.parametrize(("text", "expected"), RANK_CORPS)
def test_rank_corps(text, expected):
    assert speakers(text) == [expected]


# (text, speaker): "I" opens a Balinese name only before a Balinese name word; elsewhere it
# is a numeral
BALINESE_I = [
    ('"Upacara berjalan lancar," kata Bupati Gianyar I Made Sudarsana.', "I Made Sudarsana"),
    ('"Upacara berjalan lancar," kata Kapolda I Gusti Ngurah Sudana.', "I Gusti Ngurah Sudana"),
    (
        "Menteri Kabinet Nusantara jilid I Pratama Wirawan tiba di lokasi.\n"
        '"Orang mau lewat saja," kata Pratama Wirawan.',
        "Pratama Wirawan",
    ),
    # negative: "Anak" before anything but "Agung" is no prefix
    ('"Upacara berjalan lancar," kata Anak Agung Ngurah Wira.', "Anak Agung Ngurah Wira"),
]


@pytest.mark.parametrize(("text", "expected"), BALINESE_I)
def test_balinese_i(text, expected):
    assert speakers(text) == [expected]


# (text, speaker): "bin"/"binti" and initials after it stay inside the name
NAME_PARTICLES = [
    (
        '"Nelayan harus waspada," kata Bupati Simeulue Darmansyah Bin MS Daud.',
        "Darmansyah Bin MS Daud",
    ),
    ('"Nelayan harus waspada," kata Zainal Abidin bin Hasan.', "Zainal Abidin bin Hasan"),
]


@pytest.mark.parametrize(("text", "expected"), NAME_PARTICLES)
def test_name_particles(text, expected):
    assert speakers(text) == [expected]


# (text, speaker): a verb opening its sentence is no name word ("Dikatakan Herman, ...")
VERBS_ARE_NO_NAMES = [
    (
        'Dikatakan Herman, jembatan desa itu retak.\n"Truk dilarang lewat," kata Herman.',
        "Herman",
    ),
    # negative: a bare cue word may be a name word (Tegas, Jelas)
    ('"Truk dilarang lewat," kata Herman Tegas Pribadi.', "Herman Tegas Pribadi"),
]


@pytest.mark.parametrize(("text", "expected"), VERBS_ARE_NO_NAMES)
def test_verbs_are_no_names(text, expected):
    assert speakers(text) == [expected]


# (text, speaker): a first name the article leaves out when it shortens a name stays in
# the speaker's full name; words of a body before the name do not
FIRST_NAMES_KEPT = [
    (
        'Bupati Sleman Eko Fauzi Rahman meninjau pasar.\n"Pasar tetap buka," kata Fauzi.',
        "Eko Fauzi Rahman",
    ),
    (
        'Ketua Takmir Masjid Raya Kemas Ahmad Rasyidi menyambut jamaah. "Kajian tetap jalan," '
        "ucap Ahmad.",
        "Kemas Ahmad Rasyidi",
    ),
    (
        "Anggota Fraksi Garda menolak. Politikus Garda Darto Mulyadi angkat bicara.\n"
        '"Kami menolak," kata Darto.',
        "Darto Mulyadi",
    ),
    # a name opening with a given-name prefix is whole; the prefixes before a short name
    # stay when a body's word before them goes
    (
        "Kepala Biro Humas Irjen Raden Bayu Aryo Wibowo memberi keterangan.\n"
        '"Edaran ini berlaku," kata Aryo.',
        "Raden Bayu Aryo Wibowo",
    ),
    (
        "Kepala Unit Pengelola Kawasan Sentul M Iskandar Wiraguna menjelaskan jadwal.\n"
        '"Kami batasi pengunjung," ujar Iskandar.',
        "M Iskandar Wiraguna",
    ),
    # a common word doubled is no name word
    ('Lagi-lagi Yudha Rahman menyindir aturan parkir, "Ini tidak adil."', "Yudha Rahman"),
    # a word the article also writes in lower case is a name word when the article calls
    # someone by it
    (
        "Kepala Subbagian Perundangan Hari Setiawan menjelaskan hari itu.\n"
        '"Pemeriksaan berlanjut," kata Hari.',
        "Hari Setiawan",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIRST_NAMES_KEPT)
def test_first_names_kept(text, expected):
    assert speakers(text)[-1] == expected


def test_an_honorific_inside_a_name_is_a_name_word():
    text = (
        "Kepala Desa Lamalera, Yosef Tuan Lamawuran, meninjau perahu nelayan.\n"
        '"Ombak sedang tinggi," kata Yosef.'
    )
    assert speakers(text) == ["Yosef Tuan Lamawuran"]
