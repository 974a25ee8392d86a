//! Text normalisation before lexicon matching, keeping a map back to the original byte offsets:
//! NFC, soft hyphens and zero-width characters removed, NBSP as a space, hyphen variants as `-`,
//! and Latin look-alike letters inside Cyrillic words folded to Cyrillic.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalised text and, for each of its chars, the byte offset of its source in the original.
pub struct Normalized {
    pub text: String,
    /// (offset in `text`, offset in the original) for every char of `text`; `None` when the
    /// text is the original unchanged.
    map: Option<Vec<(usize, usize)>>,
    original_len: usize,
}

impl Normalized {
    /// The original byte offset of a byte offset in the normalised text.
    pub fn original(&self, offset: usize) -> usize {
        let Some(map) = &self.map else {
            // The offset itself, or the start of the char it falls in the middle of.
            return (offset..self.text.len())
                .find(|&o| self.text.is_char_boundary(o))
                .unwrap_or(self.original_len);
        };
        match map.binary_search_by_key(&offset, |&(n, _)| n) {
            Ok(i) => map[i].1,
            Err(i) if i < map.len() => map[i].1,
            Err(_) => self.original_len,
        }
    }

    /// The original byte range of a normalised range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.original(start), self.original(end))
    }
}

/// A text prepared for the lexicon and the string-table hash: normalised, and lower-cased.
pub struct Prepared {
    pub norm: Normalized,
    pub lower: String,
}

/// Normalises `text` and lower-cases the result.
pub fn prepare(text: &str) -> Prepared {
    let norm = normalize(text);
    let lower = norm.text.to_lowercase();
    Prepared { norm, lower }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

/// Latin letters that look like Cyrillic ones, as typed by mistake inside Cyrillic words.
fn cyrillic_lookalike(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'x' => 'х',
        'y' => 'у',
        'i' => 'і',
        'k' => 'к',
        'A' => 'А',
        'E' => 'Е',
        'O' => 'О',
        'P' => 'Р',
        'C' => 'С',
        'X' => 'Х',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'T' => 'Т',
        'B' => 'В',
        'I' => 'І',
        _ => return None,
    })
}

fn fold(c: char) -> Option<char> {
    match c {
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' => Some(' '),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => Some('-'),
        '\u{2019}' | '\u{02BC}' | '\u{2018}' => Some('\''),
        _ => Some(c),
    }
}

/// The lenient "skeleton" of normalised Kazakh text: Cyrillic and Latin (2021, 2018, informal)
/// spellings folded to one ASCII-like form (`жасанды интеллектінің`, `jasandy ıntellektiniń`,
/// `zhasandy intellektinin` → `jasandy intellektinin`), Kazakh letters typed as their Russian
/// look-alikes included (`қ`/`к` → `k`, `і`/`и` → `i`). Case is kept, so abbreviations still match
/// case-sensitively (`ЖИ`, `JI` → `JI`). Offsets map back to `input`.
pub fn skeleton(input: &str) -> Normalized {
    let mut text = String::with_capacity(input.len());
    let mut map = Vec::with_capacity(input.len());
    let mut chars = input.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let next = chars.peek().map(|&(_, n)| n.to_ascii_lowercase());
        // Informal Latin digraphs: zh → j, kh → h, gh → g.
        let folded: &str = match (lower, next) {
            ('z', Some('h')) | ('k', Some('h')) | ('g', Some('h')) => {
                chars.next();
                match lower {
                    'z' => "j",
                    'k' => "h",
                    _ => "g",
                }
            }
            _ => skeleton_of(lower),
        };
        for (i, f) in folded.chars().enumerate() {
            map.push((text.len(), at));
            if i == 0 && c.is_uppercase() {
                text.extend(f.to_uppercase());
            } else {
                text.push(f);
            }
        }
        if folded.is_empty() && skeleton_keeps(lower) {
            map.push((text.len(), at));
            text.push(c);
        }
    }
    Normalized {
        text,
        map: Some(map),
        original_len: input.len(),
    }
}

/// Chars the skeleton drops entirely (hard and soft signs) are not kept.
fn skeleton_keeps(c: char) -> bool {
    !matches!(c, 'ъ' | 'ь')
}

fn skeleton_of(c: char) -> &'static str {
    match c {
        'а' | 'ә' | 'a' | 'ä' | 'á' => "a",
        'б' | 'b' => "b",
        'в' | 'v' => "v",
        'г' | 'ғ' | 'g' | 'ğ' | 'ǵ' => "g",
        'д' | 'd' => "d",
        'е' | 'э' | 'e' => "e",
        'ё' => "io",
        'ж' | 'j' => "j",
        'з' | 'z' => "z",
        'и' | 'й' | 'і' | 'i' | 'ı' | 'ì' | 'í' => "i",
        'к' | 'қ' | 'k' | 'q' => "k",
        'л' | 'l' => "l",
        'м' | 'm' => "m",
        'н' | 'ң' | 'n' | 'ñ' | 'ń' => "n",
        'о' | 'ө' | 'o' | 'ö' | 'ó' => "o",
        'п' | 'p' => "p",
        'р' | 'r' => "r",
        'с' | 's' => "s",
        'т' | 't' => "t",
        'у' | 'ұ' | 'ү' | 'u' | 'ū' | 'ü' | 'ú' | 'ý' => "u",
        'ф' | 'f' => "f",
        'х' | 'һ' | 'h' => "h",
        'ц' => "ts",
        'ч' | 'ç' => "ch",
        'ш' | 'щ' | 'ş' => "sh",
        'ы' | 'y' => "y",
        'ю' => "iu",
        'я' => "ia",
        _ => "",
    }
}

/// Normalises `input` for matching.
pub fn normalize(input: &str) -> Normalized {
    if is_normal(input) {
        return Normalized {
            text: input.to_string(),
            map: None,
            original_len: input.len(),
        };
    }
    rewrite(input)
}

/// Normalises `input` char by char, mapping each char of the result to its source.
fn rewrite(input: &str) -> Normalized {
    let mut text = String::with_capacity(input.len());
    let mut map = Vec::with_capacity(input.len());
    let mut chars = input.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        // A base char with its combining marks is composed as one cluster.
        if chars.peek().is_some_and(|&(_, n)| is_combining_mark(n)) {
            let mut cluster = String::from(c);
            while let Some(&(_, n)) = chars.peek() {
                if !is_combining_mark(n) {
                    break;
                }
                cluster.push(n);
                chars.next();
            }
            for composed in cluster.nfc() {
                map.push((text.len(), at));
                text.push(composed);
            }
            continue;
        }
        if let Some(f) = fold(c) {
            map.push((text.len(), at));
            text.push(f);
        }
    }
    let (text, map) = fold_lookalikes(text, map);
    Normalized {
        text,
        map: Some(map),
        original_len: input.len(),
    }
}

/// Whether normalising `input` leaves it as it is: no char to fold or compose, and no Latin
/// look-alike to replace.
fn is_normal(input: &str) -> bool {
    if input.is_ascii() {
        return true;
    }
    let untouched = |c: char| c.is_ascii() || fold(c) == Some(c) && !is_combining_mark(c);
    input.chars().all(untouched) && !has_lookalikes(input)
}

/// Whether a word that is otherwise Cyrillic holds a Latin look-alike letter (see
/// [`fold_lookalikes`]).
fn has_lookalikes(text: &str) -> bool {
    if !text.bytes().any(|b| b.is_ascii_alphabetic()) || !text.chars().any(is_cyrillic) {
        return false;
    }
    text.split(|c: char| !c.is_alphanumeric()).any(|word| {
        let (mut cyr, mut latin, mut lookalike) = (0, 0, false);
        for c in word.chars() {
            cyr += usize::from(is_cyrillic(c));
            if c.is_ascii_alphabetic() {
                latin += 1;
                lookalike |= cyrillic_lookalike(c).is_some();
            }
        }
        lookalike && cyr >= latin
    })
}

/// Replaces Latin look-alikes inside words that are otherwise Cyrillic, keeping each char's
/// original offset.
fn fold_lookalikes(text: String, map: Vec<(usize, usize)>) -> (String, Vec<(usize, usize)>) {
    if !text.chars().any(is_cyrillic) || !text.chars().any(|c| c.is_ascii_alphabetic()) {
        return (text, map);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut out_map = Vec::with_capacity(map.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && chars[j].is_alphanumeric() {
            j += 1;
        }
        let word = &chars[i..j.max(i + 1).min(chars.len())];
        let cyr = word.iter().filter(|&&c| is_cyrillic(c)).count();
        let latin = word.iter().filter(|c| c.is_ascii_alphabetic()).count();
        let fold = cyr > 0 && latin > 0 && cyr >= latin;
        for (k, &c) in word.iter().enumerate() {
            out_map.push((out.len(), map[i + k].1));
            out.push(if fold {
                cyrillic_lookalike(c).unwrap_or(c)
            } else {
                c
            });
        }
        i += word.len();
    }
    (out, out_map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_soft_hyphens_and_maps_offsets_back() {
        let src = "жасан\u{00AD}ды интеллект";
        let n = normalize(src);
        assert_eq!(n.text, "жасанды интеллект");
        let start = n.text.find("интеллект").unwrap();
        assert_eq!(&src[n.original(start)..], "интеллект");
    }

    #[test]
    fn folds_hyphens_spaces_and_lookalikes() {
        let n = normalize("ЖИ\u{2011}мен\u{00A0}жасалған, иcкусственный");
        assert_eq!(n.text, "ЖИ-мен жасалған, искусственный");
    }

    #[test]
    fn skeleton_folds_kazakh_spellings() {
        for s in [
            "жасанды интеллектінің",
            "jasandy ıntellektiniń",
            "zhasandy intellektinin",
            "жасанды интеллектинин",
            "jasandy intellektınıñ",
        ] {
            assert_eq!(skeleton(s).text, "jasandy intellektinin", "{s}");
        }
        assert_eq!(skeleton("ЖИ-мен").text, "JI-men");
        let src = "Бұл ЖИ";
        let sk = skeleton(src);
        let at = sk.text.find("JI").unwrap();
        assert_eq!(&src[sk.original(at)..], "ЖИ");
    }

    #[test]
    fn text_already_normal_is_kept_with_the_same_offsets() {
        for src in [
            "",
            "AI-generated content",
            "Бұл ЖИ-мен жасалған",
            "Искусственный интеллект: %(name)s и ИИ",
            "Contenu généré par l’IA",
            "naïve café ǂ ҂҃ 語",
            "и\u{0306}",
            "иcкусственный",
            "ЖИ\u{2011}мен\u{00A0}жасалған",
            "Pas de IA ici, ПРИВЕТ mir",
            "MIR мир: Hi",
        ] {
            let fast = normalize(src);
            let slow = rewrite(src);
            assert_eq!(fast.text, slow.text, "{src}");
            assert!(fast.map.is_some() || fast.text == src, "{src}");
            for offset in 0..=fast.text.len() + 1 {
                assert_eq!(
                    fast.original(offset),
                    slow.original(offset),
                    "{src} @{offset}"
                );
            }
        }
        assert!(is_normal("Искусственный интеллект: %(name)s и ИИ"));
        assert!(is_normal("Contenu généré par l'IA"));
        assert!(!is_normal("Contenu généré par l’IA"));
        assert!(!is_normal("иcкусственный"));
    }

    #[test]
    fn composes_decomposed_letters() {
        let n = normalize("и\u{0306}");
        assert_eq!(n.text, "й");
    }
}
