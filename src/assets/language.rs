//! Language identification for asset text: the path first (`kk.json`, `values-kk/`, `*.kk.md`,
//! `kk-KZ`), then script statistics (Kazakh-specific letters), then frequent words.

use crate::model::Lang;

/// The language a path declares, if any: a path segment or file-name part that is a locale code.
pub fn from_path(path: &str) -> Option<Lang> {
    let lower = path.to_ascii_lowercase();
    let mut found = None;
    for part in lower.split(['/', '\\']) {
        let part = part.strip_suffix(".lproj").unwrap_or(part);
        let part = part.strip_prefix("values-").unwrap_or(part);
        // Pieces of a file or folder name: `about.kk.md`, `messages_kk.properties`, `kk-KZ`.
        for piece in part.split(['.', '_', '-']) {
            let lang = match piece {
                "kk" | "kaz" | "kz" => Some(Lang::Kk),
                "ru" | "rus" => Some(Lang::Ru),
                "en" | "eng" => Some(Lang::En),
                _ => None,
            };
            if let Some(l) = lang {
                // `kz` alone is a country code; as a language marker it only counts in `kk-KZ`.
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

const KAZAKH_LETTERS: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";

/// Frequent Kazakh words that contain no Kazakh-specific letter, for text typed without them.
const KAZAKH_WORDS: [&str; 12] = [
    "бул",
    "мен",
    "жане",
    "туралы",
    "бойынша",
    "ушин",
    "арқылы",
    "пайдалану",
    "жасанды",
    "деректер",
    "болып",
    "емес",
];
const RUSSIAN_WORDS: [&str; 12] = [
    "и", "в", "не", "на", "что", "с", "по", "для", "это", "как", "или", "от",
];

/// Identifies the language of `text` from its letters.
pub fn detect(text: &str) -> Option<Lang> {
    let mut cyrillic = 0usize;
    let mut kazakh = 0usize;
    let mut latin = 0usize;
    for c in text.chars() {
        if KAZAKH_LETTERS.contains(c) {
            kazakh += 1;
            cyrillic += 1;
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if cyrillic == 0 && latin == 0 {
        return None;
    }
    if cyrillic >= latin {
        // One Kazakh letter in a hundred Cyrillic ones is enough; Russian has none.
        if kazakh * 100 >= cyrillic {
            return Some(Lang::Kk);
        }
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let kk = words
            .iter()
            .filter(|w| KAZAKH_WORDS.contains(&w.as_str()))
            .count();
        let ru = words
            .iter()
            .filter(|w| RUSSIAN_WORDS.contains(&w.as_str()))
            .count();
        return Some(if kk > ru { Lang::Kk } else { Lang::Ru });
    }
    Some(Lang::En)
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
        assert_eq!(from_path("docs/manual.md"), None);
        assert_eq!(from_path("docs/kazakhstan/intro.md"), None);
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
            detect("Бул колданба жасанды интеллект арқылы жане деректер"),
            Some(Lang::Kk)
        );
        assert_eq!(detect("12345 !!!"), None);
    }
}
