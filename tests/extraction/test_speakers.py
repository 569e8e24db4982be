"""Who said each quote: accounts and handles, descriptions that point back, initials,
a name before a quote against a pronoun after it."""

import pytest

from service.extraction import extract_article


def speakers(text):
    return [q.speaker for q in extract_article(text).quotes]


# (text, speakers): a post is its account's; the account is written as its handle, or by
# its name without the words that say it is an account
ACCOUNTS = [
    ('"Stok vaksin habis hari ini," tulis akun @klinikmawar pada unggahannya.', ["@klinikmawar"]),
    ('"Stok vaksin habis hari ini," cuit @klinikmawar.', ["@klinikmawar"]),
    ('"Stok vaksin habis hari ini," kicau akun Twitter @klinik_mawar.', ["@klinik_mawar"]),
    ('@klinikmawar berkicau, "Stok vaksin habis hari ini."', ["@klinikmawar"]),
    (
        '"Kami mohon maaf atas gangguan ini," tulis akun resmi Instagram Humas Polres Bantul.',
        ["Humas Polres Bantul"],
    ),
    (
        "Video itu diunggah oleh akun Instagram @warung_berkah.\n"
        '"Makan enak di sini," tulis keterangan unggahan tersebut.',
        ["@warung_berkah"],
    ),
    # negative: a name with no handle stays a name; an e-mail address is no handle
    ('"Stok vaksin habis hari ini," tulis Rina Marlina.', ["Rina Marlina"]),
]


@pytest.mark.parametrize(("text", "expected"), ACCOUNTS)
def test_accounts(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("cue", ["kicau", "twit", "komentar", "sahut", "balas", "ulas", "sindir"])
def test_social_and_reply_cues(cue):
    (q,) = extract_article(f'"Harga tiket naik lagi," {cue} Rina Marlina.').quotes
    assert (q.speaker, q.cue) == ("Rina Marlina", cue)


# (text, speakers): a description points back at the person it describes: the one
# introduced with the role it names, else the person last mentioned nearby; someone
# introduced new with no name keeps the description as written
DESCRIPTIONS = [
    (
        "Menteri Keuangan Hendra Gunawan menolak menaikkan pajak.\n"
        '"Ekonomi sedang lesu," tutur sang menteri.',
        ["Hendra Gunawan"],
    ),
    (
        "Penyanyi Lala Anindya hadir di acara itu. Ia tampak bahagia.\n"
        '"Saya senang sekali," ujar sang penyanyi.',
        ["Lala Anindya"],
    ),
    (
        "Kapolda Maluku Irjen Pol Markus Latuheru meninjau lokasi.\n"
        '"Situasi aman terkendali," ajak mantan Kapolres Ambon itu.',
        ["Markus Latuheru"],
    ),
    (
        "Ketua DPR Rudi Santosa membantah kabar itu.\n"
        '"Tidak ada rencana itu," kata pria yang akrab disapa Rudi itu saat ditemui.',
        ["Rudi Santosa"],
    ),
    (
        "Dalam video itu, seorang ibu-ibu merekam suasana pasar.\n"
        '"Pasar tetap ramai," ucap ibu-ibu tersebut.',
        ["ibu-ibu tersebut"],
    ),
    # negative: a role with a name after "mantan" is that person, not a description
    (
        '"Harga harus turun," kata mantan Menteri Perdagangan Sri Wulandari.',
        ["Sri Wulandari"],
    ),
    # negative: no one named nearby: the description as written
    ('"Harga harus turun," kata pria itu.', ["pria itu"]),
]


@pytest.mark.parametrize(("text", "expected"), DESCRIPTIONS)
def test_descriptions(text, expected):
    assert speakers(text) == expected


# (text, speakers): capitals that spell a full name's initials are that person
INITIALS = [
    (
        "Ketua Umum partai itu, Bagus Hendra Yuwono, tiba di lokasi.\n"
        '"Kami siap berkoalisi," kata BHY.',
        ["Bagus Hendra Yuwono"],
    ),
    # negative: a body's acronym that spells no one's initials stays the body
    (
        "Ketua Umum partai itu, Bagus Hendra Yuwono, tiba di lokasi.\n"
        '"Kami siap berkoalisi," kata KPU.',
        ["KPU"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), INITIALS)
def test_initials_spell_a_name(text, expected):
    assert speakers(text) == expected


# (text, speakers): a person named before the quote is who a pronoun cue after it means
NAME_BEFORE_PRONOUN_AFTER = [
    (
        '"Ini jalan kami," kata Rina Marlina. Warga lainnya, Yosef Taolin berkata, '
        '"Kami menunggu sejak pagi," ucapnya.',
        ["Rina Marlina", "Yosef Taolin"],
    ),
    # negative: a clause before the quote names nobody: the pronoun goes back as before
    (
        '"Ini jalan kami," kata Rina Marlina. Petugas sudah berkali-kali mengimbau dan '
        'menegur, "Kami menunggu sejak pagi," ucapnya.',
        ["Rina Marlina", "Rina Marlina"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAME_BEFORE_PRONOUN_AFTER)
def test_name_before_pronoun_after(text, expected):
    assert speakers(text) == expected
