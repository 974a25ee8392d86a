//! String tables across locales: which file is which locale of the same table, and the parity
//! facts the rules use: a key that carries a disclosure in one locale and is missing, empty,
//! untranslated or in the wrong language in another required locale.

use super::normalize::Prepared;
use crate::model::{GapKind, Lang, TableEntry, TranslationGap};
use foldhash::{HashMap, HashMapExt, HashSet};
use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// The table a locale file belongs to: its path with the locale replaced by `{lang}`
/// (`res/values-kk/strings.xml` → `res/values{lang}/strings.xml`, `locales/kk/app.json` →
/// `locales/{lang}/app.json`, `messages_kk.properties` → `messages{lang}.properties`).
pub fn table_id(path: &str) -> String {
    let parts: Vec<String> = path.split('/').map(strip_locale).collect();
    parts.join("/")
}

fn is_locale(piece: &str) -> bool {
    let lower = piece.to_ascii_lowercase();
    let code = lower
        .split(['-', '_', '+'])
        .find(|p| !p.is_empty() && *p != "b")
        .unwrap_or("");
    super::language::from_code(code).is_some() && code.len() <= 3
}

/// A path component with its locale code replaced by `{lang}`.
fn strip_locale(part: &str) -> String {
    if let Some(rest) = part.strip_prefix("values") {
        // Android: `values`, `values-kk`, `values-kk-rKZ`, `values-b+kk+Cyrl` are one table.
        let qualifiers: Vec<&str> = rest
            .split('-')
            .filter(|q| !q.is_empty() && !is_locale(q) && !q.starts_with('r'))
            .collect();
        return if qualifiers.is_empty() {
            "values{lang}".into()
        } else {
            format!("values{{lang}}-{}", qualifiers.join("-"))
        };
    }
    if let Some(stem) = part.strip_suffix(".lproj")
        && (is_locale(stem) || stem.eq_ignore_ascii_case("base"))
    {
        return "{lang}.lproj".into();
    }
    if is_locale(part) && part.len() <= 10 && !part.contains('.') {
        return "{lang}".into();
    }
    // File names: `kk.json`, `app.kk.json`, `messages_kk.properties`, `app_kk.arb`.
    let (name, ext) = part.rsplit_once('.').unwrap_or((part, ""));
    let pieces: Vec<&str> = name.split('.').collect();
    let mut out: Vec<String> = Vec::new();
    for p in pieces {
        if is_locale(p) {
            out.push("{lang}".into());
        } else if let Some((base, code)) = p.split_once('_')
            && is_locale(code)
        {
            out.push(format!("{base}_{{lang}}"));
        } else {
            out.push(p.to_string());
        }
    }
    let name = out.join(".");
    if ext.is_empty() {
        name
    } else {
        format!("{name}.{ext}")
    }
}

/// A hash of a value's normalised text (case and spacing folded), to tell untranslated copies:
/// the hash of the list of its lower-case words.
pub fn text_hash(text: &Prepared) -> u64 {
    let words = text.lower.split_whitespace();
    let mut h = DefaultHasher::new();
    // As a slice of words hashes: its length, then each word.
    words.clone().count().hash(&mut h);
    for w in words {
        w.hash(&mut h);
    }
    h.finish()
}

/// The parity facts of all string tables: for every entry that carries a disclosure, each
/// other `required` locale where that key is missing, empty, identical or in another language.
pub fn gaps(entries: &[TableEntry], required: &[Lang]) -> Vec<TranslationGap> {
    // The first entry of each key in each language (the gaps are a set: the order of the keys
    // does not matter).
    let slot = |lang: Lang| Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    // Only the keys with a disclosing source can have gaps: the entries of the other keys (most
    // of a project's strings) are not gathered. (The keys are hashed with foldhash, seeded per
    // process like SipHash and faster: the benchmark tree's 47,000 entries took 5 ms with SipHash.)
    let sourced: HashSet<(&str, &str)> = entries
        .iter()
        .filter(|e| e.discloses && e.reads_as.is_none())
        .map(|e| (e.table.as_str(), e.key.as_str()))
        .collect();
    if sourced.is_empty() {
        return Vec::new();
    }
    let mut by_key: HashMap<(&str, &str), [Option<&TableEntry>; Lang::ALL.len()]> =
        HashMap::with_capacity(sourced.len());
    for e in entries {
        let id = (e.table.as_str(), e.key.as_str());
        if sourced.contains(&id) {
            by_key.entry(id).or_default()[slot(e.language)].get_or_insert(e);
        }
    }
    let mut out = BTreeSet::new();
    for ((table, key), locales) in &by_key {
        for source in locales
            .iter()
            .flatten()
            .filter(|e| e.discloses && e.reads_as.is_none())
        {
            for &lang in required.iter().filter(|l| **l != source.language) {
                let entry = locales[slot(lang)];
                let kind = match entry {
                    None => Some(GapKind::Missing),
                    Some(e) if e.empty => Some(GapKind::Empty),
                    Some(e) if e.reads_as.is_some() => Some(GapKind::WrongLanguage),
                    Some(e) if e.text_hash == source.text_hash => Some(GapKind::Identical),
                    Some(_) => None,
                };
                if let Some(kind) = kind {
                    out.insert(TranslationGap {
                        table: (*table).to_string(),
                        key: (*key).to_string(),
                        kind,
                        language: lang,
                        location: entry.map(|e| e.location.clone()),
                        source: source.location.clone(),
                        source_language: source.language,
                    });
                }
            }
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::normalize;
    use crate::model::Location;

    #[test]
    fn table_ids() {
        assert_eq!(
            table_id("app/src/main/res/values-kk/strings.xml"),
            "app/src/main/res/values{lang}/strings.xml"
        );
        assert_eq!(
            table_id("app/src/main/res/values/strings.xml"),
            "app/src/main/res/values{lang}/strings.xml"
        );
        assert_eq!(
            table_id("res/values-kk-rKZ/strings.xml"),
            "res/values{lang}/strings.xml"
        );
        assert_eq!(
            table_id("public/locales/kk/common.json"),
            "public/locales/{lang}/common.json"
        );
        assert_eq!(table_id("messages/ru.json"), "messages/{lang}.json");
        assert_eq!(
            table_id("ios/kk.lproj/Localizable.strings"),
            "ios/{lang}.lproj/Localizable.strings"
        );
        assert_eq!(
            table_id("src/main/resources/messages_kk.properties"),
            "src/main/resources/messages_{lang}.properties"
        );
        assert_eq!(table_id("lib/l10n/app_en.arb"), "lib/l10n/app_{lang}.arb");
        assert_eq!(
            table_id("locale/kk/LC_MESSAGES/django.po"),
            "locale/{lang}/LC_MESSAGES/django.po"
        );
    }

    fn entry(lang: Lang, text: &str, discloses: bool, reads_as: Option<Lang>) -> TableEntry {
        TableEntry {
            table: "locales/{lang}/app.json".into(),
            key: "ai.notice".into(),
            language: lang,
            reads_as,
            empty: text.is_empty(),
            text_hash: text_hash(&normalize::prepare(text)),
            discloses,
            location: Location::default(),
        }
    }

    #[test]
    fn text_hash_is_the_hash_of_the_word_list() {
        for text in [
            "",
            "  ",
            "Ответы  генерирует\tИИ",
            "Жауаптарды ЖИ\u{00A0}жасайды",
            "ΣΟΦΟΣ λόγος",
            "AI-generated\ncontent",
        ] {
            let lower = normalize::normalize(text).text.to_lowercase();
            let words: Vec<&str> = lower.split_whitespace().collect();
            let mut h = DefaultHasher::new();
            words.hash(&mut h);
            assert_eq!(text_hash(&normalize::prepare(text)), h.finish(), "{text}");
        }
        let hash = |t: &str| text_hash(&normalize::prepare(t));
        assert_eq!(
            hash("Ответы генерирует ИИ"),
            hash(" ответы  генерирует ии ")
        );
        assert_ne!(hash("Ответы генерирует ИИ"), hash("Жауаптарды ЖИ жасайды"));
    }

    #[test]
    fn gap_kinds() {
        let ru = entry(Lang::Ru, "Ответы генерирует ИИ", true, None);
        let required = [Lang::Kk, Lang::Ru];
        let kinds = |others: Vec<TableEntry>| {
            let mut all = vec![ru.clone()];
            all.extend(others);
            gaps(&all, &required)
                .into_iter()
                .map(|g| (g.language, g.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(vec![]), [(Lang::Kk, GapKind::Missing)]);
        assert_eq!(
            kinds(vec![entry(Lang::Kk, "", false, None)]),
            [(Lang::Kk, GapKind::Empty)]
        );
        assert_eq!(
            kinds(vec![entry(
                Lang::Kk,
                "Ответы  генерирует ИИ",
                true,
                Some(Lang::Ru)
            )]),
            [(Lang::Kk, GapKind::WrongLanguage)]
        );
        assert_eq!(
            kinds(vec![entry(Lang::Kk, "ответы генерирует ии", false, None)]),
            [(Lang::Kk, GapKind::Identical)]
        );
        assert_eq!(
            kinds(vec![entry(Lang::Kk, "Жауаптарды ЖИ жасайды", true, None)]),
            []
        );
    }
}
