//! Language identification for asset text: the path first (`kk.json`, `values-kk/`, `*.kk.md`,
//! `kk-KZ`), then script statistics (Kazakh-specific letters), then frequent words: Russian
//! versus Kazakh typed without its letters, Kazakh in Latin script (2021, 2018 and informal
//! spellings) versus English, and neighbours that are none of kk, ru, en (Uzbek, Karakalpak,
//! Kyrgyz, Italian…).

use crate::model::Lang;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The language a locale code names (`kk`, `kk-KZ`, `kk_Latn`, `ru-RU`, `en`).
pub fn from_code(code: &str) -> Option<Lang> {
    let lang = code
        .trim()
        .split(['-', '_', '@', '.'])
        .next()?
        .to_ascii_lowercase();
    match lang.as_str() {
        "kk" | "kaz" => Some(Lang::Kk),
        "ru" | "rus" => Some(Lang::Ru),
        "en" | "eng" => Some(Lang::En),
        _ => None,
    }
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

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(is_letter(c) || c == '\'' || c == 'ʼ'))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('\'').to_lowercase())
        .collect()
}

/// A word list as a set, made when first used.
type WordSet = LazyLock<HashSet<&'static str>>;

static KAZAKH: WordSet = LazyLock::new(|| KAZAKH_WORDS.iter().copied().collect());
static RUSSIAN: WordSet = LazyLock::new(|| RUSSIAN_WORDS.iter().copied().collect());
static ENGLISH: WordSet = LazyLock::new(|| ENGLISH_WORDS.iter().copied().collect());
static KAZAKH_LATIN: WordSet = LazyLock::new(|| KAZAKH_LATIN_WORDS.iter().copied().collect());
static OTHER_LATIN: WordSet = LazyLock::new(|| OTHER_LATIN_WORDS.iter().copied().collect());

/// How many of `words` are in `set`.
fn count(words: &[String], set: &WordSet) -> usize {
    words.iter().filter(|w| set.contains(w.as_str())).count()
}

/// The number of letters in `text`.
pub fn letters(text: &str) -> usize {
    text.chars().filter(|&c| is_letter(c)).count()
}

/// `char::is_alphabetic`, with the basic Cyrillic letters answered without a table lookup.
fn is_letter(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё') || c.is_alphabetic()
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
    let mut cyrillic = 0usize;
    let mut kazakh = 0usize;
    let mut other_cyrillic = 0usize;
    let mut latin = 0usize;
    let mut kazakh_latin = 0usize;
    for c in text.chars() {
        if c.is_ascii() {
            latin += usize::from(c.is_ascii_alphabetic());
        } else if matches!(c, 'А'..='я' | 'Ё' | 'ё') {
            // The letters Kazakh and Russian share.
            cyrillic += 1;
        } else if KAZAKH_LETTERS.contains(c) {
            kazakh += 1;
            cyrillic += 1;
        } else if OTHER_CYRILLIC.contains(c) {
            other_cyrillic += 1;
            cyrillic += 1;
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic += 1;
        } else if KAZAKH_LATIN_LETTERS.contains(c) {
            latin += 1;
            kazakh_latin += 1;
        } else if c < '\u{0250}' && c.is_alphabetic() {
            latin += 1;
        }
    }
    if cyrillic == 0 && latin == 0 {
        return None;
    }
    if cyrillic >= latin {
        if other_cyrillic * 50 >= cyrillic {
            return None;
        }
        // One Kazakh letter in a hundred Cyrillic ones is enough; Russian has none.
        if kazakh * 100 >= cyrillic {
            return Some((Lang::Kk, true));
        }
        let words = words(text);
        let kk = count(&words, &KAZAKH);
        let ru = count(&words, &RUSSIAN)
            + words
                .iter()
                .filter(|w| w.chars().count() > 4 && RUSSIAN_ENDINGS.iter().any(|e| w.ends_with(e)))
                .count();
        return Some(match kk.cmp(&ru) {
            std::cmp::Ordering::Greater => (Lang::Kk, true),
            std::cmp::Ordering::Less => (Lang::Ru, true),
            std::cmp::Ordering::Equal => (Lang::Ru, false),
        });
    }
    let words = words(text);
    let en = count(&words, &ENGLISH);
    let kk = count(&words, &KAZAKH_LATIN) + kazakh_latin.min(3);
    let other = count(&words, &OTHER_LATIN);
    if other > kk && other > en {
        return None;
    }
    if kk > en {
        // Karakalpak and Uzbek write `w` and `x` where Kazakh writes `u`/`ý` and `h`.
        let wx = words.iter().filter(|w| w.contains(['w', 'x'])).count();
        return (wx < kk).then_some((Lang::Kk, true));
    }
    if en > 0 {
        return Some((Lang::En, true));
    }
    words
        .iter()
        .all(|w| w.is_ascii())
        .then_some((Lang::En, false))
}

#[cfg(test)]
mod tests {
    use super::*;

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
