"""Who said each quote: accounts and handles, descriptions that point back, initials,
a name before a quote against a pronoun after it."""

import ast
import re
from importlib import resources
from pathlib import Path

import pytest

from service.extraction import extract_article
from service.extraction.speakers import SPEAKER_RULES


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
        "Rekaman itu diunggah oleh akun Instagram @warung_berkah.\n"
        '"Sambal di sini juara," tulis keterangan video tersebut.',
        ["@warung_berkah"],
    ),
    # "akun itu" is the handle given last, even where no cue gave it
    (
        "Sebuah akun @pantaujalan88 mengunggah video banjir di jalan tol.\n"
        '"Air sudah setinggi lutut orang dewasa," tulis akun itu.',
        ["@pantaujalan88"],
    ),
    # an account the text does not name is kept as written; not a person named before
    ('"Air sudah setinggi lutut orang dewasa," tulis akun Instagram.', ["akun Instagram"]),
    (
        "Camat Budi Santoso meninjau lokasi banjir.\n"
        '"Air sudah setinggi lutut orang dewasa," tulis akun tersebut.',
        ["akun tersebut"],
    ),
    # negative: a name with no handle stays a name; an e-mail address is no handle
    ('"Stok vaksin habis hari ini," tulis Rina Marlina.', ["Rina Marlina"]),
    (
        "Keluhan pasien bisa dikirim ke info@klinikmawar.id.\n"
        '"Stok vaksin habis hari ini," tulis akun itu.',
        ["akun itu"],
    ),
    (
        "Sebuah akun @pantaujalan88 mengunggah video banjir. Warga juga mengirim surel ke "
        'posko@banjirkota.id.\n"Air sudah setinggi lutut orang dewasa," tulis akun itu.',
        ["@pantaujalan88"],
    ),
    # a name written in an address is no common word: the name keeps its first word
    (
        '"Stok vaksin habis hari ini," tulis Rina Marlina dalam surel rina@klinikmawar.id.',
        ["Rina Marlina"],
    ),
    (
        "Pesan bisa dikirim ke rina.marlina@klinikmawar.id atau www.rina.id.\n"
        '"Stok vaksin habis hari ini," tulis Rina Marlina.',
        ["Rina Marlina"],
    ),
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
        '"Situasi aman terkendali," ujar mantan Kapolres Ambon itu.',
        ["Markus Latuheru"],
    ),
    (
        "Ketua DPR Rudi Santosa membantah kabar itu.\n"
        '"Tidak ada rencana itu," ujar politikus yang biasa disapa Rudi itu ketika dihubungi.',
        ["Rudi Santosa"],
    ),
    (
        "Di tepi jalan, seorang pemuda memotret antrean kendaraan.\n"
        '"Macetnya sampai ke tol," tutur pemuda tersebut.',
        ["pemuda tersebut"],
    ),
    # negative: a role with a name after "mantan" is that person, not a description
    (
        '"Harga harus turun," kata mantan Menteri Perdagangan Sri Wulandari.',
        ["Sri Wulandari"],
    ),
    # negative: no one named nearby: the description as written
    ('"Harga harus turun," kata pria itu.', ["pria itu"]),
    # a noun for a person, or what an account posts, points back at who was named last
    (
        "Saridah Wulan (80) masih berjualan sayur setiap pagi di pasar.\n"
        '"Saya tidak mau merepotkan anak," kata perempuan itu.',
        ["Saridah Wulan"],
    ),
    (
        "Akun @warungkopi88 mengunggah foto antrean panjang di depan pangkalan gas.\n"
        '"Antre dari subuh belum dapat juga," tulis keterangan unggahan tersebut.',
        ["@warungkopi88"],
    ),
    # negative: a thing or a group is not the person named before it
    (
        "Kepala Dinas Pendidikan Yuni Astuti menerima laporan lembaga itu pekan lalu.\n"
        '"Sebanyak 40 persen gedung sekolah rusak berat," tulis laporan tersebut.',
        ["laporan tersebut"],
    ),
    (
        "Kepala Dinas Pendidikan Yuni Astuti menerima laporan lembaga itu pekan lalu.\n"
        '"Sebanyak 40 persen gedung sekolah rusak berat," kata kelompok pemantau tersebut.',
        ["kelompok pemantau tersebut"],
    ),
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
    # negative: a body the lexicon knows stays the body, even where it spells someone's
    # initials
    (
        "Ketua tim, Budi Priyo Kusumo, menyerahkan laporan itu.\n"
        '"Temuan itu harus ditindaklanjuti," kata BPK.',
        ["BPK"],
    ),
    # negative: so also as the subject of a speech verb, or after "menurut"
    (
        "Penyidik senior Kurniawan Putra Kusuma hadir dalam sidang itu.\n"
        'KPK menyatakan, "Berkas perkara sudah lengkap."',
        ["KPK"],
    ),
    (
        "Penyidik senior Kurniawan Putra Kusuma hadir dalam sidang itu.\n"
        'Menurut KPK, "Berkas perkara sudah lengkap dan siap dilimpahkan."',
        ["KPK"],
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
        '"Ini jalan kami," kata Rina Marlina. Petugas sudah tiga kali datang dan '
        'mengingatkan, "Kami menunggu sejak pagi," ucapnya.',
        ["Rina Marlina", "Rina Marlina"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAME_BEFORE_PRONOUN_AFTER)
def test_name_before_pronoun_after(text, expected):
    assert speakers(text) == expected


# (text, speakers): "X melalui Y": the words are Y's, a person named there
THROUGH = [
    (
        '"Api sudah padam," jelas Kapolres Sikka AKBP Bayu Wicaksana melalui Kapolsek Waigete '
        "AKP Rudi Hartono.",
        ["Rudi Hartono"],
    ),
    (
        "Kapolsek Waigete AKP Yudi Prasetyo lewat Kanit Intelkam Ipda Joko Susilo "
        'menjelaskan, "Kami masih menyelidiki."',
        ["Joko Susilo"],
    ),
    # negative: through an account or a statement, the words stay the first one's
    (
        '"Api sudah padam," kata Bayu Wicaksana melalui akun Instagram pribadinya.',
        ["Bayu Wicaksana"],
    ),
    ('"Api sudah padam," kata Bayu Wicaksana melalui keterangan tertulis.', ["Bayu Wicaksana"]),
    # one word after a rank is a name
    (
        '"Api sudah padam," jelas Kapolres Kampar AKBP Bayu Wicaksana melalui Kasat Reskrim '
        "Iptu Darwis.",
        ["Darwis"],
    ),
    # negative: a meeting or a letter is the means, a role's place is no name
    ('"Api sudah padam," kata Bupati Bayu Wicaksana melalui Zoom Meeting.', ["Bayu Wicaksana"]),
    ('"Sekolah diliburkan," kata Bayu Wicaksana melalui Surat Edaran Nomor 7.', ["Bayu Wicaksana"]),
    ('"Api sudah padam," kata Bayu Wicaksana melalui Kabag Humas Tapanuli.', ["Bayu Wicaksana"]),
]


@pytest.mark.parametrize(("text", "expected"), THROUGH)
def test_through(text, expected):
    assert speakers(text) == expected


# (text, speakers): a role, then "yang bernama X": X
NAMED_AFTER_ROLE = [
    ('"Ikan makin mahal," kata pedagang Kupang yang bernama Yosef.', ["Yosef"]),
    ('"Ikan makin mahal," kata pedagang Kupang yang berinisial YT.', ["YT"]),
    # negative: a relative clause that names nobody leaves the role
    ('"Ikan makin mahal," kata pedagang Kupang yang berjualan di dermaga.', ["pedagang Kupang"]),
]


@pytest.mark.parametrize(("text", "expected"), NAMED_AFTER_ROLE)
def test_named_after_role(text, expected):
    assert speakers(text) == expected


# (text, speakers): "X ... dengan berkata", "sambil mengatakan": the sentence's subject
MANNER = [
    ('Rina lalu menepuk bahu Dodi dengan berkata, "Giliranmu sekarang."', ["Rina"]),
    ('Rina melambai ke arah Dodi sambil mengatakan, "Giliranmu sekarang."', ["Rina"]),
    # negative: a plain subject before the verb
    ('Dodi berkata, "Giliranmu sekarang."', ["Dodi"]),
    # a short name ending a sentence is no abbreviation: the next sentence is read alone
    (
        'Dodi sempat mengobrol dengan Tia. Rina lalu menepuk Dodi dengan berkata, "Ayo main."',
        ["Rina"],
    ),
    # a role in lower case before the name opens the subject too
    (
        "ketua panitia Rina Marlina lalu memanfaatkan momen itu sambil mengatakan, "
        '"Kami tidak akan mundur sedikit pun."',
        ["Rina Marlina"],
    ),
    # negative: a role with no name after it names no one
    (
        'Ketua panitia lalu memanfaatkan momen itu sambil mengatakan, "Kami tidak akan mundur."',
        [None],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MANNER)
def test_manner(text, expected):
    assert speakers(text) == expected


# (text, speakers): a subject that describes someone ("Pejabat yang biasa dipanggil X ini") is
# the person named before; "pihaknya" and a "nya" written apart are pronouns
POINTING_SUBJECTS = [
    (
        "Kepala BPBD Hendra Wijaya meninjau lokasi banjir.\n"
        "Pejabat yang biasa dipanggil Hendra ini menuturkan, Camat Yusuf Pratama sudah "
        "diminta membantu.\n"
        '"Kami akan mengevaluasi," tegasnya.',
        ["Hendra Wijaya"],
    ),
    (
        "Menteri Pendidikan Rudi Hartono meresmikan sekolah itu.\n"
        "Pihaknya menuturkan, jam pelajaran sore akan dipangkas.\n"
        '"Murid bisa pulang lebih awal," ujarnya.',
        ["Rudi Hartono"],
    ),
    (
        'Ketua panitia Rudi Hartono menutup acara.\n"Terima kasih semuanya," tutur nya.',
        ["Rudi Hartono"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), POINTING_SUBJECTS)
def test_pointing_subjects(text, expected):
    assert speakers(text) == expected


def test_dateline_separator_starts_a_sentence():
    text = (
        "Patroli Malam Digelar Jelang Pemilu\n"
        "Suarapesisir.id | Lewoleba | Kapolres Lembata, AKBP Yosef Wenda memimpin patroli.\n"
        '"Kami siap melayani," kata Kapolres.'
    )
    assert speakers(text) == ["Yosef Wenda"]


# "diunggah ke akun X": a passive verb then a preposition names no one ("ke" ends the
# phrase; without it "Youtube" is read as the one who spoke), so the pronoun cue after it
# still means the person named before
def test_no_speaker_after_a_passive_verb_and_a_preposition():
    text = (
        "Guru SD Rina Marlina merekam kegiatan kelasnya. Video itu diunggah ke akun Youtube "
        'sekolah. "Anak-anak senang sekali," ujarnya.'
    )
    assert speakers(text) == ["Rina Marlina"]


# (text, speakers): bare quote paragraphs that no one spoke before are the speaker's
# whose name the next quote paragraph gives
ATTRIBUTED_BELOW = [
    (
        '"Lini tengah kami kalah cepat."\n"Pelatih sudah memberi peringatan."\n'
        '"Setelah jeda kami bangkit," kata Oskar Manurung.',
        ["Oskar Manurung"] * 3,
    ),
    # negative: a pronoun below points back, not down; and a speaker before continues
    ('"Lini tengah kami kalah cepat."\n"Setelah jeda kami bangkit," katanya.', [None, None]),
    (
        '"Kami siap," kata Rina Marlina.\n"Tim sudah berlatih keras."\n'
        '"Setelah jeda kami bangkit," kata Oskar Manurung.',
        ["Rina Marlina", "Rina Marlina", "Oskar Manurung"],
    ),
    # negative: a question the paragraph below answers is someone else's
    (
        'Dalam video itu terdengar dua orang berbicara.\n"Mau ke mana kalian malam-malam '
        'begini?"\n"Kami hanya mau pulang ke kampung," kata Rudi Hartono.',
        [None, "Rudi Hartono"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTED_BELOW)
def test_attributed_below(text, expected):
    assert speakers(text) == expected


# (text, speakers): a name followed by a clause ending in a demonstrative is named; a
# noun phrase ending in one is a description
NAME_OR_DESCRIPTION = [
    (
        '"Rem saya sempat macet," jawab Marco Sitanggang kepada kedua mekaniknya tersebut.',
        ["Marco Sitanggang"],
    ),
    (
        "Kapolda Maluku Irjen Pol Markus Latuheru meninjau lokasi.\n"
        '"Situasi aman," ujar Jenderal berkumis tebal tersebut.',
        ["Markus Latuheru"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAME_OR_DESCRIPTION)
def test_name_or_description(text, expected):
    assert speakers(text) == expected


# (text, speakers): "ia menyampaikan ... Presiden X": the pronoun's person speaks again, so
# the person named after the verb is an object, not whom the next "ungkapnya" means
def test_pronoun_subject_keeps_the_speaker():
    text = (
        '"Stok gabah aman sampai panen," ujar Menteri Pertanian Ahmad Fauzan.\n'
        "Ia menceritakan kunjungan Presiden Bima Aryasatya ke lumbung desa kemarin.\n"
        '"Gudang masih penuh," ungkapnya.'
    )
    assert speakers(text) == ["Ahmad Fauzan", "Ahmad Fauzan"]


# (text, speakers): "Role (Short) Name": the role is the name's, so "kata Short" finds him
def test_role_with_its_short_form_in_brackets():
    text = (
        "Menteri Pertanian (Mentan) Ahmad Fauzan memantau harga pupuk.\n"
        "Mentan menjelaskan subsidi dibayar bulan depan.\n"
        '"Petani tidak perlu cemas," imbuhnya.'
    )
    assert speakers(text) == ["Ahmad Fauzan"]


# (text, speakers): the sentence between two quotes of a paragraph is read before the
# second: its subject is whom the second quote's pronoun means
def test_sentence_between_two_quotes():
    text = (
        '"Rupiah melemah karena suku bunga," tutur Gilang Pramudya, ekonom. Ekonom lain, '
        'Yohanes Sitanggang menilai, harga minyak ikut menekan. "Ekspor turun," kata dia.'
    )
    assert speakers(text) == ["Gilang Pramudya", "Yohanes Sitanggang"]


# (text, speakers): a headline gives the full name of someone the body names by one word
TITLE_NAMES = [
    (
        "Rangga Pradipta Diperiksa Jaksa Pekan Ini\n"
        "Pemeriksaan berlangsung hingga sore.\n"
        '"Saya hanya menjalankan perintah," kata Rangga.',
        ["Rangga Pradipta"],
    ),
    # negative: a verb a headline capitalises is no name word
    (
        "Lukas Sebut Pasokan Aman\nRapat digelar pada Senin.\n"
        '"Pasokan aman sampai akhir tahun," kata Lukas.',
        ["Lukas"],
    ),
    # negative: a bare verb the body writes with its prefix (rangkul: merangkul), or one
    # headlines use bare, is no name word
    (
        "Wulan Rangkul Petani Tembakau\nBupati itu merangkul kelompok tani di desa.\n"
        '"Harga daun harus adil," kata Wulan.',
        ["Wulan"],
    ),
    (
        'Wulan Tanggapi Kritik Warga\nRapat digelar pada Senin.\n"Kritik itu kami terima," '
        "kata Wulan.",
        ["Wulan"],
    ),
    # a word with a verb's prefix that the body capitalises is a name word; any word of
    # the headline's name completes the body's short name
    (
        "Sinta Meliala Pimpin Tim SAR\nTim gabungan dikerahkan sejak pagi. Meliala memimpin "
        'langsung pencarian.\n"Kami menyisir sungai sampai sore," kata Sinta.',
        ["Sinta Meliala"],
    ),
    # negative: a place the body uses as a subject does not open a name
    (
        "Presiden Austria Klaus Weber Tiba di Jakarta\nAustria menyatakan dukungan bagi kerja "
        'sama itu.\n"Kami datang sebagai sahabat," kata Weber.',
        ["Klaus Weber"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), TITLE_NAMES)
def test_names_from_the_headline(text, expected):
    assert speakers(text) == expected


# (text, speakers): a pronoun after someone new the story does not name is not the
# person named before
def test_pronoun_after_someone_new():
    text = (
        "Rekaman itu diunggah oleh akun @warung_berkah.\n"
        "Di tepi jalan, seorang pemuda memotret antrean. Ia kemudian berbicara.\n"
        '"Macetnya sampai ke tol," tutur pemuda tersebut.'
    )
    assert speakers(text) == ["pemuda tersebut"]


# (text, speakers): the colon form names the speaker without what they do; a body's name
# then a one-word name after a comma
COLON_AND_COMMA = [
    ('Bagus mengangguk pelan: "Saya setuju dengan usul itu."', ["Bagus"]),
    (
        '"Pupuk subsidi belum datang," keluh Ketua Gapoktan Tunas Harapan, Sarmidi saat dihubungi.',
        ["Sarmidi"],
    ),
    (
        '"Kami tidak menerbitkan izin itu," bunyi pernyataan KBRI Phnom Penh.',
        ["KBRI Phnom Penh"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), COLON_AND_COMMA)
def test_colon_and_comma_forms(text, expected):
    assert speakers(text) == expected


# (text, speakers): a quote right after another's attribution continues it; after a
# sentence of narrative that names someone else, it is that someone's
SAME_PARAGRAPH = [
    (
        '"Harga beras sudah turun," kata Rina Marlina. "Petani sudah merasakan manfaatnya."',
        ["Rina Marlina", "Rina Marlina"],
    ),
    (
        '"Harga beras sudah turun," kata Rina Marlina. Sementara itu, Ketua Koperasi Budi '
        'Santoso menilai harga masih tinggi. "Petani belum merasakan manfaatnya."',
        ["Rina Marlina", "Budi Santoso"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SAME_PARAGRAPH)
def test_same_paragraph(text, expected):
    assert speakers(text) == expected


def test_the_rules_are_listed_where_a_reader_sees_them_in_their_order():
    # speakers.py's docstring numbers the rules, one item each, as SPEAKER_RULES tries them,
    # and each rule's own docstring opens with its number
    path = Path(resources.files("service.extraction")) / "speakers.py"
    tree = ast.parse(path.read_text("utf-8"))
    listed = re.findall(r"^(\d+)\. `(\w+)`:", ast.get_docstring(tree), re.MULTILINE)
    names = [name for name, _ in SPEAKER_RULES]
    assert listed == [(str(i), name) for i, name in enumerate(names, 1)]
    docs = {f.name: ast.get_docstring(f) for f in tree.body if isinstance(f, ast.FunctionDef)}
    for i, (_, rule) in enumerate(SPEAKER_RULES, 1):
        assert docs[rule.__name__].startswith(f"{i}. "), rule.__name__
