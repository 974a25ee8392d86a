//! Language identification for asset text: the path first (`kk.json`, `values-kk/`, `*.kk.md`,
//! `kk-KZ`), then script statistics (Kazakh-specific letters), then frequent words: Russian
//! versus Kazakh typed without its letters, Kazakh in Latin script (2021, 2018 and informal
//! spellings) versus English, and neighbours that are none of kk, ru, en (Uzbek, Karakalpak,
//! Kyrgyz, Italian…).

use crate::model::Lang;
use crate::text::WordMap;
use std::sync::{LazyLock, OnceLock};

/// What a locale code or a path declares about a file's language: one of the languages of the
/// law's disclosures, or another (`de`, `uk`, `pt-BR`), whose text is then no kk, ru or en
/// disclosure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declared {
    Lang(Lang),
    Other,
}

/// What a locale code names (`kk`, `kk-KZ`, `kk_Latn`, `ru-RU`, `en`; `de`, `pt_BR`, `sr@latin`,
/// `hsb`): `None` when it is no locale code, that is when its primary subtag is not two or three
/// letters.
pub fn declared(code: &str) -> Option<Declared> {
    let primary = code
        .trim()
        .split(['-', '_', '@', '.'])
        .next()?
        .to_ascii_lowercase();
    Some(match primary.as_str() {
        "kk" | "kaz" => Declared::Lang(Lang::Kk),
        "ru" | "rus" => Declared::Lang(Lang::Ru),
        "en" | "eng" => Declared::Lang(Lang::En),
        p if (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Declared::Other
        }
        _ => return None,
    })
}

/// The language a locale code names, if it is kk, ru or en.
pub fn from_code(code: &str) -> Option<Lang> {
    match declared(code)? {
        Declared::Lang(lang) => Some(lang),
        Declared::Other => None,
    }
}

/// ISO 639-1 language codes, with the legacy `in`, `iw` and `ji` that Android still uses: a
/// folder or file name in a locale folder is a locale only if it is one of them, so that
/// `locales/app.json` is not taken for a locale.
const ISO_639_1: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "in", "io", "is", "it", "iu", "iw", "ja", "ji", "jv", "ka",
    "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb",
    "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt",
    "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or",
    "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se",
    "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te",
    "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz",
    "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Whether a name (`de`, `pt-BR`, `zh_Hans.json`, Android's `rAT` region and `b+sr+Latn`) is a
/// locale: an ISO 639-1 code and subtags of two to four letters or digits, before any extension
/// (`is_valid.yml` and `no-reply.md` are not).
fn iso_locale(name: &str) -> bool {
    let name = name.strip_prefix("b+").unwrap_or(name);
    let stem = name.split('.').next().unwrap_or(name);
    let mut subtags = stem.split(['-', '_', '+']);
    subtags.next().is_some_and(|code| ISO_639_1.contains(&code))
        && subtags
            .all(|t| (2..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Whether a path puts a file in the locale of a language other than kk, ru and en: the folder
/// of a gettext catalogue (`locale/de/LC_MESSAGES/`), an Apple `de.lproj` or Android
/// `values-de-rAT` folder, or a folder or file named for the locale in a locale folder
/// (`locales/de/`, `i18n/pt-BR.json`). A path that names kk, ru or en anywhere is not.
pub fn other_locale_path(path: &str) -> bool {
    if from_path(path).is_some() {
        return false;
    }
    let lower = path.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split(['/', '\\']).collect();
    parts.iter().enumerate().any(|(i, part)| {
        let other = |code: &str| declared(code) == Some(Declared::Other);
        parts.get(i + 1) == Some(&"lc_messages") && other(part)
            || part.strip_suffix(".lproj").is_some_and(other)
            || part.strip_prefix("values-").is_some_and(iso_locale)
            || i > 0 && super::LOCALE_DIRS.contains(&parts[i - 1]) && iso_locale(part)
    })
}

/// The language a path declares, if any: a path segment or file-name part that is a locale code.
pub fn from_path(path: &str) -> Option<Lang> {
    let lower = path.to_ascii_lowercase();
    let mut found = None;
    for part in lower.split(['/', '\\']) {
        let part = part.strip_suffix(".lproj").unwrap_or(part);
        let part = part.strip_prefix("values-").unwrap_or(part);
        // Pieces of a file or folder name: `about.kk.md`, `messages_kk.properties`, `kk-KZ`.
        for piece in part.split(['.', '_', '-', '+']) {
            let lang = match piece {
                "kk" | "kaz" | "kz" => Some(Lang::Kk),
                "ru" | "rus" => Some(Lang::Ru),
                "en" | "eng" => Some(Lang::En),
                _ => None,
            };
            if let Some(l) = lang {
                // `kz` alone is a country code; as a language marker it only counts as a folder.
                if piece == "kz" && part != "kz" {
                    continue;
                }
                found = Some(l);
                break;
            }
        }
    }
    found
}

/// Letters only Kazakh uses among kk, ru (Cyrillic).
const KAZAKH_LETTERS: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";
/// Cyrillic letters of Uzbek and Karakalpak that Kazakh does not use.
const OTHER_CYRILLIC: &str = "ўҳЎҲ";
/// Latin letters of the 2021 Kazakh alphabet that its Latin neighbours do not share.
const KAZAKH_LATIN_LETTERS: &str = "äöüūşğñÄÖÜŪŞĞÑ";

/// Frequent Kazakh words, with and without Kazakh letters (typed on a Russian keyboard).
const KAZAKH_WORDS: &[&str] = &[
    "бұл",
    "бул",
    "және",
    "жане",
    "үшін",
    "ушин",
    "туралы",
    "бойынша",
    "арқылы",
    "аркылы",
    "болып",
    "емес",
    "сіз",
    "сиз",
    "сіздің",
    "сиздин",
    "біз",
    "биз",
    "біздің",
    "бiздiң",
    "осы",
    "немесе",
    "жоқ",
    "жок",
    "керек",
    "мүмкін",
    "мумкин",
    "жасанды",
    "деректер",
    "деректерді",
    "пайдалану",
    "пайдаланады",
    "қолдану",
    "колдану",
    "қолданады",
    "колданады",
    "кезде",
    "тиіс",
    "қажет",
    "арналған",
    "жауап",
    "жауаптар",
    "жасалған",
    "жасалган",
    "көмегімен",
    "комегимен",
    "нәтиже",
    "тексеріңіз",
    "текседіңіз",
    "ақпарат",
    "акпарат",
    "қызмет",
    "кызмет",
    "берілген",
    "ретінде",
    "болуы",
    "болады",
    "мен",
    "бен",
    "пен",
    "ол",
    "оны",
    "оның",
    "бар",
    "барлық",
];
/// Frequent Russian words that Kazakh text does not use.
const RUSSIAN_WORDS: &[&str] = &[
    "и",
    "в",
    "не",
    "на",
    "что",
    "с",
    "по",
    "для",
    "это",
    "как",
    "или",
    "от",
    "вы",
    "ваш",
    "ваши",
    "вашего",
    "мы",
    "наш",
    "при",
    "если",
    "может",
    "могут",
    "быть",
    "этот",
    "эта",
    "все",
    "также",
    "только",
    "о",
    "об",
    "к",
    "у",
    "из",
    "за",
    "до",
    "его",
    "их",
    "без",
    "после",
    "через",
    "сервис",
    "данные",
    "использует",
    "используем",
    "является",
];
/// Frequent English words.
const ENGLISH_WORDS: &[&str] = &[
    "the",
    "and",
    "of",
    "to",
    "is",
    "are",
    "you",
    "your",
    "this",
    "with",
    "for",
    "by",
    "or",
    "may",
    "can",
    "we",
    "our",
    "be",
    "it",
    "not",
    "in",
    "on",
    "an",
    "that",
    "will",
    "use",
    "uses",
    "data",
    "please",
    "about",
    "from",
    "any",
    "all",
    "if",
    "do",
    "does",
    "made",
    "how",
    "what",
    "when",
    "answer",
    "answers",
    "generated",
    "image",
    "content",
    "created",
];
/// Kazakh in Latin script: 2021 (`jasandy`, `intellektımen`), 2018 (`ıntellekt`, `jáne`) and
/// informal (`zhasandy`, `arqyly`) spellings.
const KAZAKH_LATIN_WORDS: &[&str] = &[
    "jasandy",
    "zhasandy",
    "jasandı",
    "bul",
    "būl",
    "jäne",
    "jane",
    "zhane",
    "jáne",
    "üşın",
    "ushin",
    "úshin",
    "turaly",
    "arqyly",
    "arkyly",
    "boiynşa",
    "boiynsha",
    "boıynsha",
    "emes",
    "paidalanu",
    "paıdalaný",
    "qoldanu",
    "qoldaný",
    "derekter",
    "sız",
    "siz",
    "sızdıñ",
    "sizdin",
    "sizdiń",
    "osy",
    "nemese",
    "joq",
    "zhok",
    "kerek",
    "mümkın",
    "mumkin",
    "múmkin",
    "jauap",
    "zhauap",
    "jaýap",
    "jasalğan",
    "zhasalgan",
    "jasalǵan",
    "kömegımen",
    "komegimen",
    "kómegimen",
    "qyzmet",
    "tūtynuşy",
    "tutynushy",
    "paidalanuşy",
    "täuekel",
    "táýekel",
    "qauıp",
    "qaýip",
    "tekserıñız",
    "tekserińiz",
    "tekseriniz",
    "nätije",
    "nátije",
    "ji",
];
/// Words of Latin-script neighbours that are none of kk, ru, en: Uzbek, Karakalpak, Italian.
const OTHER_LATIN_WORDS: &[&str] = &[
    // Uzbek
    "va",
    "bilan",
    "uchun",
    "sun'iy",
    "sunʼiy",
    "foydalanish",
    "foydalanadi",
    "ma'lumot",
    "ma'lumotlar",
    "yordamida",
    "orqali",
    "emas",
    "qilish",
    "bo'lishi",
    "xizmat",
    "tomonidan",
    "yaratilgan",
    "intellektdan",
    // Karakalpak
    "hám",
    "menen",
    "ushın",
    "jasalma",
    "qollanıw",
    "paydalanıw",
    "maǵlıwmat",
    "arqalı",
    "boyınsha",
    "arqalı",
    "tárepinen",
    "intellektten",
    // Italian and other Romance decoys of the English `ai`
    "il",
    "la",
    "di",
    "che",
    "per",
    "del",
    "della",
    "sono",
    "dei",
    "ai",
    "alle",
    "con",
    "non",
    "una",
    "gli",
    "le",
    "nel",
    "si",
    "clienti",
    "sensi",
];

/// The lists a frequent word belongs to, as bit flags.
const KAZAKH: u8 = 1;
const RUSSIAN: u8 = 2;
const ENGLISH: u8 = 4;
const KAZAKH_LATIN: u8 = 8;
const OTHER_LATIN: u8 = 16;

/// Every frequent word with the lists it is in.
struct WordLists {
    words: WordMap<&'static str, u8>,
    /// For each first byte, the lengths in bytes of the words that start with it (bit `n` for
    /// `n` bytes, bit 63 for 63 or more): about half the words of a text need no lookup.
    lengths: [u64; 256],
}

/// The bit of a word's length in [`WordLists::lengths`].
fn length_bit(word: &str) -> u64 {
    1 << word.len().min(63)
}

/// The [`WordLists`], made when first used: at most one lookup per word.
static WORD_LISTS: LazyLock<WordLists> = LazyLock::new(|| {
    let mut table = WordLists {
        words: WordMap::default(),
        lengths: [0; 256],
    };
    for (list, flag) in [
        (KAZAKH_WORDS, KAZAKH),
        (RUSSIAN_WORDS, RUSSIAN),
        (ENGLISH_WORDS, ENGLISH),
        (KAZAKH_LATIN_WORDS, KAZAKH_LATIN),
        (OTHER_LATIN_WORDS, OTHER_LATIN),
    ] {
        for &w in list {
            *table.words.entry(w).or_default() |= flag;
            if let Some(&first) = w.as_bytes().first() {
                table.lengths[usize::from(first)] |= length_bit(w);
            }
        }
    }
    table
});

/// The lists `word` (lower case) is in: none, without a lookup, if no word of its length starts
/// with its first byte.
fn lists(word: &str) -> u8 {
    let Some(&first) = word.as_bytes().first() else {
        return 0;
    };
    let table = &*WORD_LISTS;
    if table.lengths[usize::from(first)] & length_bit(word) == 0 {
        return 0;
    }
    table.words.get(word).copied().unwrap_or(0)
}

/// What a byte is to [`for_each_word`], as bit flags. An ASCII byte is a letter (upper case or
/// not, a `w` or an `x` of either case), an apostrophe, or nothing (a separator); a byte that
/// starts a non-ASCII char is a lead, one that continues it a continuation.
const LETTER_BYTE: u8 = 1;
const UPPER_BYTE: u8 = 2;
const WX_BYTE: u8 = 4;
const APOSTROPHE_BYTE: u8 = 8;
const LEAD_BYTE: u8 = 16;
const CONTINUATION_BYTE: u8 = 32;

/// The class of each byte, looked up once per byte of a text.
static BYTE_CLASSES: [u8; 256] = byte_classes();

/// The table of [`BYTE_CLASSES`].
const fn byte_classes() -> [u8; 256] {
    let mut table = [LEAD_BYTE; 256];
    let mut b = 0u8;
    while b.is_ascii() {
        let upper = if b.is_ascii_uppercase() {
            UPPER_BYTE
        } else {
            0
        };
        table[b as usize] = match b.to_ascii_lowercase() {
            b'w' | b'x' => LETTER_BYTE | WX_BYTE | upper,
            b'a'..=b'z' => LETTER_BYTE | upper,
            b'\'' => APOSTROPHE_BYTE,
            _ => 0,
        };
        b += 1;
    }
    while b < 0xC0 {
        table[b as usize] = CONTINUATION_BYTE;
        b += 1;
    }
    table
}

/// A word of a text as [`for_each_word`] gives it.
struct Word<'a> {
    /// The word in lower case.
    text: &'a str,
    /// Whether it is all ASCII (in lower case: the Kelvin sign `K` becomes a `k`).
    ascii: bool,
    /// Whether it has a `w` or an `x`.
    wx: bool,
}

/// Calls `f` with each word of `text` (letters and apostrophes, `'` or `ʼ`; outer `'` trimmed) in
/// lower case, skipping those that are only apostrophes. One pass over the bytes, classed by
/// [`BYTE_CLASSES`]: a char is decoded only where a non-ASCII one starts.
fn for_each_word(text: &str, mut f: impl FnMut(Word<'_>)) {
    let mut buffer = String::new();
    let mut i = 0;
    while let Some(start) = word_start(text, i) {
        let (end, classes) = word_end(text, start);
        if let Some(word) = lower_word(&text[start..end], classes, &mut buffer) {
            f(word);
        }
        i = end;
    }
}

/// Where the first word char from byte `i` of `text` is, if there is one.
fn word_start(text: &str, mut i: usize) -> Option<usize> {
    while let Some(&b) = text.as_bytes().get(i) {
        let class = BYTE_CLASSES[usize::from(b)];
        if class & (LETTER_BYTE | APOSTROPHE_BYTE) != 0
            || class == LEAD_BYTE && word_char_at(text, i)
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Where the run of word chars from byte `i` of `text` ends, and the classes of its bytes: the
/// bytes that continue a non-ASCII char go with it.
fn word_end(text: &str, mut i: usize) -> (usize, u8) {
    let mut classes = 0;
    while let Some(&b) = text.as_bytes().get(i) {
        let class = BYTE_CLASSES[usize::from(b)];
        if class == 0 || class == LEAD_BYTE && !word_char_at(text, i) {
            break;
        }
        classes |= class;
        i += 1;
    }
    (i, classes)
}

/// Whether the non-ASCII char at byte `i` of `text` is a word char: a letter or `ʼ`.
fn word_char_at(text: &str, i: usize) -> bool {
    text[i..]
        .chars()
        .next()
        .is_some_and(|c| is_letter(c) || c == 'ʼ')
}

/// The word of `run`, a run of word chars whose bytes have the [`BYTE_CLASSES`] `classes`: its
/// outer `'` trimmed, in lower case (in `buffer` if it has upper-case letters or non-ASCII
/// chars); `None` if it is only apostrophes.
fn lower_word<'a>(run: &'a str, classes: u8, buffer: &'a mut String) -> Option<Word<'a>> {
    let word = if classes & APOSTROPHE_BYTE != 0 {
        run.trim_matches('\'')
    } else {
        run
    };
    if word.is_empty() {
        return None;
    }
    if classes & LEAD_BYTE != 0 {
        return Some(lower_unicode(word, buffer));
    }
    let text = if classes & UPPER_BYTE != 0 {
        buffer.clear();
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
        buffer
    } else {
        word
    };
    Some(Word {
        text,
        ascii: true,
        wx: classes & WX_BYTE != 0,
    })
}

/// `word`, which has non-ASCII chars, in lower case in `buffer`. Char by char: `str::to_lowercase`
/// differs only for a word-final Greek sigma, and no Greek word is in a list.
fn lower_unicode<'a>(word: &str, buffer: &'a mut String) -> Word<'a> {
    buffer.clear();
    let mut ascii = true;
    let mut wx = false;
    let mut push = |c: char| {
        ascii &= c.is_ascii();
        wx |= c == 'w' || c == 'x';
        buffer.push(c);
    };
    for c in word.chars() {
        match c {
            'а'..='я' => push(c),
            // A Russian capital is 32 code points before its small letter.
            'А'..='Я' => push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c)),
            _ if c.is_ascii() => push(c.to_ascii_lowercase()),
            _ => c.to_lowercase().for_each(&mut push),
        }
    }
    Word {
        text: buffer,
        ascii,
        wx,
    }
}

/// The word evidence of a text: how many of its words are in each list, and the other word
/// statistics [`identify`] weighs.
#[derive(Debug, Default, PartialEq)]
struct WordCounts {
    kazakh: usize,
    russian: usize,
    english: usize,
    kazakh_latin: usize,
    other_latin: usize,
    /// Words longer than four letters with a Russian inflection ending.
    russian_endings: usize,
    /// Words with a `w` or an `x`.
    wx: usize,
    /// Whether every word is ASCII.
    ascii: bool,
}

impl WordCounts {
    /// The counts of `text`; the Russian endings only for `cyrillic` text, the words with a `w`
    /// or an `x` only for Latin text.
    fn of(text: &str, cyrillic: bool) -> WordCounts {
        let mut n = WordCounts {
            ascii: true,
            ..WordCounts::default()
        };
        for_each_word(text, |w| {
            let l = lists(w.text);
            n.kazakh += usize::from(l & KAZAKH != 0);
            n.russian += usize::from(l & RUSSIAN != 0);
            n.english += usize::from(l & ENGLISH != 0);
            n.kazakh_latin += usize::from(l & KAZAKH_LATIN != 0);
            n.other_latin += usize::from(l & OTHER_LATIN != 0);
            n.ascii &= w.ascii;
            if !cyrillic {
                n.wx += usize::from(w.wx);
            } else if !w.ascii {
                n.russian_endings += usize::from(
                    RUSSIAN_ENDINGS.iter().any(|e| w.text.ends_with(e))
                        && w.text.chars().count() > 4,
                );
            }
        });
        n
    }
}

/// Which chars of each block of 256 in the Basic Multilingual Plane are letters.
static LETTER_BLOCKS: [OnceLock<[u64; 4]>; 256] = [const { OnceLock::new() }; 256];

/// `char::is_alphabetic`, answered for the Basic Multilingual Plane from a bitmap per block of
/// 256 chars, made when a char of the block is first asked about (the standard library's lookup
/// costs hundreds of steps per char outside Latin and Cyrillic: CJK, Arabic, Indic scripts).
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let code = c as usize;
    let Some(block) = LETTER_BLOCKS.get(code >> 8) else {
        return c.is_alphabetic();
    };
    let bits = block.get_or_init(|| {
        let base = code & !0xFF;
        let mut bits = [0u64; 4];
        for i in 0..256 {
            if char::from_u32((base + i) as u32).is_some_and(char::is_alphabetic) {
                bits[i >> 6] |= 1 << (i & 63);
            }
        }
        bits
    });
    bits[(code >> 6) & 3] & (1 << (code & 63)) != 0
}

/// Word endings of Russian inflection that Kazakh does not use.
const RUSSIAN_ENDINGS: &[&str] = &[
    "ый", "ого", "ому", "ая", "ое", "ые", "ых", "ется", "ются", "ться", "ует", "уют", "ение",
    "ость", "ции", "ция", "ией", "ью",
];

/// Identifies the language of `text` from its letters and words; `None` when it cannot be told
/// or is none of kk, ru, en.
pub fn detect(text: &str) -> Option<Lang> {
    identify(text).map(|(lang, _)| lang)
}

/// The language of `text` and whether the evidence for it is clear (Kazakh letters, frequent
/// words) rather than a default (Cyrillic without evidence reads as Russian, plain ASCII as
/// English).
pub fn identify(text: &str) -> Option<(Lang, bool)> {
    survey(text, 0).language
}

/// What [`survey`] tells about a text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Survey {
    /// The number of letters.
    pub letters: usize,
    /// The language, as [`identify`] tells it, if the text has at least the letters asked for.
    pub language: Option<(Lang, bool)>,
}

/// Counts the letters of `text` and, if there are at least `min_letters`, identifies its
/// language, in one pass over its chars.
pub fn survey(text: &str, min_letters: usize) -> Survey {
    let n = Letters::of(text);
    let language = if n.letters < min_letters || n.cyrillic == 0 && n.latin == 0 {
        None
    } else if n.cyrillic >= n.latin {
        cyrillic_language(text, n.cyrillic, n.kazakh, n.other_cyrillic)
    } else {
        latin_language(text, n.kazakh_latin)
    };
    Survey {
        letters: n.letters,
        language,
    }
}

/// The letters of a text by script, as [`survey`] counts them.
#[derive(Debug, Default, PartialEq)]
struct Letters {
    /// Every letter (`char::is_alphabetic`).
    letters: usize,
    /// The chars of the Cyrillic block.
    cyrillic: usize,
    /// Letters only Kazakh uses among kk, ru.
    kazakh: usize,
    /// Cyrillic letters of Uzbek and Karakalpak.
    other_cyrillic: usize,
    /// ASCII letters and the other Latin ones below U+0250.
    latin: usize,
    /// Letters of the 2021 Kazakh Latin alphabet.
    kazakh_latin: usize,
}

/// The bytes [`Letters::of`] takes at once where they are all ASCII.
const ASCII_CHUNK: usize = 16;

impl Letters {
    /// The letters of `text`: a chunk of [`ASCII_CHUNK`] bytes at once where they are all ASCII,
    /// else char by char to the end of the chunk.
    fn of(text: &str) -> Letters {
        let mut n = Letters::default();
        let mut i = 0;
        while i < text.len() {
            let end = i + ASCII_CHUNK;
            if let Some(letters) = text.as_bytes()[i..].first_chunk().and_then(ascii_letters) {
                n.latin += letters;
                n.letters += letters;
                i = end;
                continue;
            }
            for c in text[i..].chars() {
                n.add(c);
                i += c.len_utf8();
                if i >= end {
                    break;
                }
            }
        }
        n
    }

    /// Counts the char `c`.
    fn add(&mut self, c: char) {
        if c.is_ascii() {
            let l = usize::from(c.is_ascii_alphabetic());
            self.latin += l;
            self.letters += l;
            return;
        }
        let letter = is_letter(c);
        self.letters += usize::from(letter);
        if matches!(c, 'А'..='я' | 'Ё' | 'ё') {
            // The letters Kazakh and Russian share.
            self.cyrillic += 1;
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            self.cyrillic += 1;
            self.kazakh += usize::from(KAZAKH_LETTERS.contains(c));
            self.other_cyrillic += usize::from(OTHER_CYRILLIC.contains(c));
        } else if c < '\u{0250}' && letter {
            self.latin += 1;
            self.kazakh_latin += usize::from(KAZAKH_LATIN_LETTERS.contains(c));
        }
    }
}

/// The number of letters in `chunk`, if it is all ASCII.
fn ascii_letters(chunk: &[u8; ASCII_CHUNK]) -> Option<usize> {
    if !chunk.iter().fold(0, |all, b| all | b).is_ascii() {
        return None;
    }
    Some(chunk.iter().filter(|b| b.is_ascii_alphabetic()).count())
}

/// The language of a mostly Cyrillic text: Kazakh, Russian, or a neighbour (`None`).
fn cyrillic_language(
    text: &str,
    cyrillic: usize,
    kazakh: usize,
    other_cyrillic: usize,
) -> Option<(Lang, bool)> {
    if other_cyrillic * 50 >= cyrillic {
        return None;
    }
    // One Kazakh letter in a hundred Cyrillic ones is enough; Russian has none.
    if kazakh * 100 >= cyrillic {
        return Some((Lang::Kk, true));
    }
    let words = WordCounts::of(text, true);
    let ru = words.russian + words.russian_endings;
    Some(match words.kazakh.cmp(&ru) {
        std::cmp::Ordering::Greater => (Lang::Kk, true),
        std::cmp::Ordering::Less => (Lang::Ru, true),
        std::cmp::Ordering::Equal => (Lang::Ru, false),
    })
}

/// The language of a mostly Latin text: English, Kazakh in Latin script, or a neighbour (`None`).
fn latin_language(text: &str, kazakh_latin: usize) -> Option<(Lang, bool)> {
    let words = WordCounts::of(text, false);
    let en = words.english;
    let kk = words.kazakh_latin + kazakh_latin.min(3);
    let other = words.other_latin;
    if other > kk && other > en {
        return None;
    }
    if kk > en {
        // Karakalpak and Uzbek write `w` and `x` where Kazakh writes `u`/`ý` and `h`.
        return (words.wx < kk).then_some((Lang::Kk, true));
    }
    if en > 0 {
        return Some((Lang::En, true));
    }
    words.ascii.then_some((Lang::En, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_codes_of_other_languages() {
        for (code, want) in [
            ("kk-KZ", Some(Declared::Lang(Lang::Kk))),
            ("ru_RU", Some(Declared::Lang(Lang::Ru))),
            ("en", Some(Declared::Lang(Lang::En))),
            ("de", Some(Declared::Other)),
            (" pt_BR", Some(Declared::Other)),
            ("sr@latin", Some(Declared::Other)),
            ("hsb", Some(Declared::Other)),
            ("", None),
            ("German", None),
            ("x1", None),
        ] {
            assert_eq!(declared(code), want, "{code:?}");
        }
    }

    #[test]
    fn paths_in_locales_of_other_languages() {
        for path in [
            "django/contrib/admin/locale/uk/LC_MESSAGES/django.po",
            "locale/pt_BR/LC_MESSAGES/messages.po",
            "locale/hsb/LC_MESSAGES/django.po",
            "ios/App/de.lproj/Localizable.strings",
            "ios/App/zh-Hans.lproj/Localizable.strings",
            "app/src/main/res/values-de-rAT/strings.xml",
            "app/src/main/res/values-b+sr+Latn/strings.xml",
            "public/locales/de/common.json",
            "src/i18n/pt-BR.json",
            "config/locales/fr.yml",
        ] {
            assert!(other_locale_path(path), "{path}");
        }
        for path in [
            // kk, ru or en anywhere in the path.
            "locale/kk/LC_MESSAGES/django.po",
            "locale/en_GB/LC_MESSAGES/django.po",
            "ios/App/ru.lproj/Localizable.strings",
            "public/locales/en/de.json",
            // No locale: the default table, Android qualifiers, names that are no locale code.
            "ios/App/Base.lproj/Main.strings",
            "app/src/main/res/values/strings.xml",
            "app/src/main/res/values-night/strings.xml",
            "app/src/main/res/values-car/strings.xml",
            "public/locales/app.json",
            "public/locales/common/ui.json",
            "config/locales/is_valid.yml",
            "docs/de/guide.md",
            "src/de/handler.json",
        ] {
            assert!(!other_locale_path(path), "{path}");
        }
    }

    #[test]
    fn path_hints() {
        assert_eq!(from_path("docs/ai-notice.kk.md"), Some(Lang::Kk));
        assert_eq!(
            from_path("app/src/main/res/values-ru/strings.xml"),
            Some(Lang::Ru)
        );
        assert_eq!(from_path("res/values-kk-rKZ/strings.xml"), Some(Lang::Kk));
        assert_eq!(
            from_path("ios/kk.lproj/Localizable.strings"),
            Some(Lang::Kk)
        );
        assert_eq!(
            from_path("fastlane/metadata/android/kk-KZ/full_description.txt"),
            Some(Lang::Kk)
        );
        assert_eq!(
            from_path("src/main/resources/messages_kk.properties"),
            Some(Lang::Kk)
        );
        assert_eq!(from_path("locales/en/translation.json"), Some(Lang::En));
        assert_eq!(from_path("docs/manual.md"), None);
        assert_eq!(from_path("docs/kazakhstan/intro.md"), None);
        assert_eq!(from_code("kk_KZ"), Some(Lang::Kk));
        assert_eq!(from_code("uz"), None);
    }

    #[test]
    fn script_statistics() {
        assert_eq!(
            detect("Бұл қолданба жасанды интеллектті пайдаланады."),
            Some(Lang::Kk)
        );
        assert_eq!(
            detect("Приложение использует искусственный интеллект."),
            Some(Lang::Ru)
        );
        assert_eq!(
            detect("This app uses artificial intelligence."),
            Some(Lang::En)
        );
        assert_eq!(
            detect("Бул колданба жасанды интеллект аркылы жане деректер"),
            Some(Lang::Kk)
        );
        assert_eq!(detect("12345 !!!"), None);
        assert_eq!(
            identify("Искусственный интеллект иногда ошибается."),
            Some((Lang::Ru, true))
        );
        assert_eq!(identify("Контент создан ИИ"), Some((Lang::Ru, false)));
    }

    #[test]
    fn letters_are_the_alphabetic_chars() {
        for c in ('\0'..='\u{10800}').chain(['\u{1F600}', '\u{20000}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn word_table_holds_each_list() {
        let lists_of = [
            (KAZAKH_WORDS, KAZAKH),
            (RUSSIAN_WORDS, RUSSIAN),
            (ENGLISH_WORDS, ENGLISH),
            (KAZAKH_LATIN_WORDS, KAZAKH_LATIN),
            (OTHER_LATIN_WORDS, OTHER_LATIN),
        ];
        let all: Vec<&str> = lists_of
            .iter()
            .flat_map(|(l, _)| l.iter().copied())
            .collect();
        for w in all {
            for (list, flag) in lists_of {
                assert_eq!(lists(w) & flag != 0, list.contains(&w), "{w} ({flag})");
            }
        }
        assert_eq!(lists("emes"), KAZAKH_LATIN);
        assert_eq!(lists("emas"), OTHER_LATIN);
        assert_eq!(lists("intelligence"), 0);
        assert_eq!(lists("Сіз"), 0, "the table holds lower-case words only");
    }

    #[test]
    fn words_are_counted_in_lower_case() {
        let text = "Бұл Сіздің 'деректер' ЖӘНЕ используется, the WAX";
        let n = WordCounts::of(text, true);
        assert_eq!(n.kazakh, 4);
        assert_eq!(n.russian, 0);
        assert_eq!(n.russian_endings, 1);
        assert_eq!(n.english, 1);
        assert_eq!(n.wx, 0, "not counted in Cyrillic text");
        assert!(!n.ascii);
        let n = WordCounts::of(text, false);
        assert_eq!((n.russian_endings, n.wx), (0, 1));
        let n = WordCounts::of("Jauaptardy tekserıñız, qollanıw", false);
        assert_eq!((n.kazakh_latin, n.other_latin, n.wx), (1, 1, 1));
        assert!(WordCounts::of("plain words only", false).ascii);
        let n = WordCounts::of("ПРИВЕТСТВУЕТСЯ Ёлка ''ОНИ'' Ωμέγα", true);
        assert_eq!((n.russian_endings, n.russian), (1, 0));
    }

    /// The words of `text` as [`for_each_word`] gives them: lower case, all ASCII, with a `w` or
    /// an `x`.
    fn words(text: &str) -> Vec<(String, bool, bool)> {
        let mut words = Vec::new();
        for_each_word(text, |w| words.push((w.text.to_string(), w.ascii, w.wx)));
        words
    }

    /// The words of `text` as the char splitter that the byte scanner replaced found them, the
    /// reference [`words`] must agree with (the empty words it gave counted for nothing).
    fn reference_words(text: &str) -> Vec<(String, bool, bool)> {
        let mut words = Vec::new();
        for w in text
            .split(|c: char| !(is_letter(c) || c == '\'' || c == 'ʼ'))
            .filter(|w| !w.is_empty())
        {
            let mut lower = String::new();
            for c in w.trim_matches('\'').chars() {
                if matches!(c, 'а'..='я') {
                    lower.push(c);
                } else {
                    lower.extend(c.to_lowercase());
                }
            }
            if !lower.is_empty() {
                let wx = lower.bytes().any(|b| b == b'w' || b == b'x');
                words.push((lower.clone(), lower.is_ascii(), wx));
            }
        }
        words
    }

    /// The letters of `text` counted char by char, the reference [`Letters::of`] must agree with.
    fn reference_letters(text: &str) -> Letters {
        let mut n = Letters::default();
        text.chars().for_each(|c| n.add(c));
        n
    }

    /// Realistic texts: kk (Cyrillic with and without its letters, Latin), ru, en, neighbours,
    /// and markup around them.
    const SAMPLES: &[&str] = &[
        "Бұл қолданба жасанды интеллектті пайдаланады. Жауаптарды тексеріңіз!",
        "Бул колданба жасанды интеллект аркылы жане деректер",
        "Приложение использует искусственный интеллект; ответы могут содержать ошибки.",
        "ЖИ-мен жасалған мазмұн (AI-generated content), 2024 ж.",
        "This app uses artificial intelligence. Please check the answers: they're not always right.",
        "Bul qoldanba jasandy intellektını paidalanady. Jauaptardy tekserıñız.",
        "Bu xizmat sun'iy intellekt yordamida ishlaydi, sunʼiy ma'lumotlar bo'lishi mumkin.",
        "<p class=\"notice\">Контент создан ИИ &mdash; 'проверьте' ''ответы''</p>",
        "msgid \"Generated by AI\"\nmsgstr \"ЖИ жасаған\"\n",
        "Ωμέγα ΟΔΟΣ 人工智能 AI ИИ ÄÖÜ äöü ǵ ǴÁ naïve café №5 — “quoted” «кавычки»",
        "",
        "'",
        "''' ʼ ' 'ʼ' x'y' 'WX'",
    ];

    #[test]
    fn words_are_letters_and_apostrophes_in_lower_case() {
        let w = |s: &str, ascii: bool, wx: bool| (s.to_string(), ascii, wx);
        assert_eq!(words(""), []);
        assert_eq!(words(" 42, ... -- '' ' "), []);
        assert_eq!(
            words("Hello, World!42x"),
            [
                w("hello", true, false),
                w("world", true, true),
                w("x", true, true)
            ]
        );
        assert_eq!(
            words("a.b_c-d1e\tf\u{a0}g"),
            ["a", "b", "c", "d", "e", "f", "g"].map(|s| w(s, true, false))
        );
        // Inner apostrophes stay, outer ASCII ones go; `ʼ` is a letter of the word and stays.
        assert_eq!(
            words("don't 'Quoted' ''rock'n'roll'' sunʼiy 'ʼ'"),
            [
                w("don't", true, false),
                w("quoted", true, false),
                w("rock'n'roll", true, false),
                w("sunʼiy", false, false),
                w("ʼ", false, false),
            ]
        );
        // Cyrillic upper case, Kazakh letters, ASCII and Cyrillic in one word, non-ASCII
        // separators.
        assert_eq!(
            words("ЁЛКА ӘЛЕМ—ҚАЗАҚСТАН2024ж AIжүйесі WXқ №5"),
            [
                w("ёлка", false, false),
                w("әлем", false, false),
                w("қазақстан", false, false),
                w("ж", false, false),
                w("aiжүйесі", false, false),
                w("wxқ", false, true),
            ]
        );
        // Latin beyond ASCII, Greek char by char (no final sigma), CJK.
        assert_eq!(
            words("NAÏVE ÄÖÜ ΟΔΟΣ 人工智能"),
            [
                w("naïve", false, false),
                w("äöü", false, false),
                w("οδοσ", false, false),
                w("人工智能", false, false),
            ]
        );
        // Lower case decides: the Kelvin sign is a `k`, a dotted `İ` is an `i` and a dot.
        assert_eq!(
            words("\u{212A}M İX"),
            [w("km", true, false), w("i\u{307}x", false, true)]
        );
    }

    #[test]
    fn word_scanner_agrees_with_the_char_splitter() {
        for text in SAMPLES {
            assert_eq!(words(text), reference_words(text), "{text:?}");
        }
        // Every char of the Basic Multilingual Plane and beyond, inside a word, at its ends, and
        // next to apostrophes.
        for c in ('\0'..='\u{10800}').chain(['\u{1F600}', '\u{20000}']) {
            for text in [format!("a{c}B"), format!("{c}"), format!("'{c}' Ж{c}ы")] {
                assert_eq!(words(&text), reference_words(&text), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn word_counts_of_mixed_texts() {
        let n = WordCounts::of(SAMPLES[0], true);
        assert_eq!((n.kazakh, n.russian, n.russian_endings), (4, 0, 0));
        let n = WordCounts::of(SAMPLES[2], true);
        assert_eq!((n.kazakh, n.russian, n.russian_endings), (0, 2, 3));
        let n = WordCounts::of(SAMPLES[4], false);
        assert_eq!(
            (n.english, n.kazakh_latin, n.other_latin, n.wx),
            (6, 0, 0, 2)
        );
        assert!(n.ascii);
        let n = WordCounts::of(SAMPLES[6], false);
        assert_eq!(
            (n.english, n.kazakh_latin, n.other_latin, n.wx),
            (0, 1, 6, 1)
        );
        assert!(!n.ascii);
        let empty = WordCounts {
            ascii: true,
            ..WordCounts::default()
        };
        assert_eq!(WordCounts::of("", false), empty);
        assert_eq!(WordCounts::of(" '' 42 ", true), empty);
        assert_eq!(lists(""), 0);
        assert_eq!(lists(&"the".repeat(30)), 0);
    }

    #[test]
    fn letters_by_script() {
        assert_eq!(
            Letters::of("Бұл ЖИ, naïve äö 42 ўз 人工"),
            Letters {
                letters: 16,
                cyrillic: 7,
                kazakh: 1,
                other_cyrillic: 1,
                latin: 7,
                kazakh_latin: 2,
            }
        );
        assert_eq!(Letters::of(""), Letters::default());
        // Around the ASCII chunks: non-ASCII chars at every offset of a long text.
        for text in SAMPLES {
            for pad in 0..=2 * ASCII_CHUNK {
                let text = format!("{}{text}{}", "ab ".repeat(pad), "x".repeat(pad));
                assert_eq!(Letters::of(&text), reference_letters(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn survey_counts_letters_and_skips_short_texts() {
        let text = "Бұл ЖИ-мен жасалған: 3 ответа, naïve café № 5";
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        let full = survey(text, 0);
        assert_eq!(full.letters, letters);
        assert_eq!(full.language, identify(text));
        assert_eq!(full.language, Some((Lang::Kk, true)));
        let short = survey(text, letters + 1);
        assert_eq!(short.letters, letters);
        assert_eq!(short.language, None);
        assert_eq!(survey(text, letters).language, full.language);
    }

    #[test]
    fn latin_kazakh_and_neighbours() {
        assert_eq!(
            detect("Bul qoldanba jasandy intellektını paidalanady. Jauaptardy tekserıñız."),
            Some(Lang::Kk)
        );
        assert_eq!(
            detect("Bul qyzmet jasandy ıntellekt kómegimen jasalǵan."),
            Some(Lang::Kk)
        );
        assert_eq!(
            detect("Zhauaptar zhasandy intellekt arqyly zhasalgan, tekseriniz."),
            Some(Lang::Kk)
        );
        assert_eq!(
            detect(
                "Bu xizmat sun'iy intellekt yordamida ishlaydi va javoblar xato bo'lishi mumkin."
            ),
            None
        );
        assert_eq!(
            detect(
                "Bul xızmet jasalma intellekt járdeminde isleydi hám juwaplar qáte bolıwı múmkin."
            ),
            None
        );
        assert_eq!(
            detect("Informativa ai clienti: i dati sono trattati ai sensi del regolamento."),
            None
        );
    }
}
