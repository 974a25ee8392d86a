//! Assets in every supported format (`tests/fixtures/assets/chat-app`): the disclosures found,
//! with their spans, language, channel, concepts, key group and UI reachability, the parity gaps
//! across locales, and the language mismatches, as a reviewed snapshot.

use aidisclose::knowledge::Knowledge;
use aidisclose::model::{Channel, Concept, GapKind, Lang};
use aidisclose::scan::Inventory;
use aidisclose::{ScanRequest, inventory};
use serde_json::{Value, json};
use std::path::PathBuf;

fn scan(fixture: &str) -> Inventory {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(fixture);
    let request = ScanRequest::new(root);
    inventory(&request, Knowledge::embedded().unwrap()).inventory
}

fn disclosures(inv: &Inventory) -> Value {
    let list: Vec<Value> = inv
        .disclosures
        .iter()
        .map(|d| {
            let l = &d.location;
            json!({
                "path": d.path,
                "span": format!("{}:{}-{}:{} bytes {}..{}", l.line, l.column, l.end_line, l.end_column, l.start_byte, l.end_byte),
                "language": d.language,
                "channel": d.channel,
                "concepts": d.concepts,
                "scope": d.scope,
                "key": d.key,
                "reachable": d.reachable,
                "references": d.references.iter().map(|r| format!("{}:{}", r.path, r.line)).collect::<Vec<_>>(),
                "hits": d.hits.iter().map(|h| format!("{} {}:{}-{}:{}", h.concept, h.location.line, h.location.column, h.location.end_line, h.location.end_column)).collect::<Vec<_>>(),
                "excerpt": d.excerpt,
            })
        })
        .collect();
    let gaps: Vec<Value> = inv
        .translation_gaps
        .iter()
        .map(|g| {
            json!({
                "table": g.table, "key": g.key, "kind": g.kind, "language": g.language,
                "at": g.location.as_ref().map(|l| format!("{}:{}", l.path, l.line)),
                "source": format!("{}:{} ({})", g.source.path, g.source.line, g.source_language),
            })
        })
        .collect();
    json!({"disclosures": list, "translation_gaps": gaps, "notes": inv.notes})
}

#[test]
fn every_format_snapshot() {
    let inv = scan("tests/fixtures/assets/chat-app");
    insta::assert_json_snapshot!(disclosures(&inv));
}

#[test]
fn every_format_yields_a_disclosure() {
    let inv = scan("tests/fixtures/assets/chat-app");
    for path in [
        "android/app/src/main/res/values-kk/strings.xml",
        "config/locales/kk.yml",
        "docs/manual.kk.md",
        "docs/privacy.mdx",
        "fastlane/metadata/android/kk-KZ/full_description.txt",
        "ios/Komek/Localizable.xcstrings",
        "ios/Komek/kk.lproj/Localizable.strings",
        "ios/Komek/kk.lproj/Localizable.stringsdict",
        "locale/kk/LC_MESSAGES/django.po",
        "mobile/lib/l10n/app_kk.arb",
        "packaging/label.svg",
        "server/src/main/resources/messages_kk.properties",
        "web/l10n/ru/main.ftl",
        "web/public/locales/kk/common.json",
        "web/src/components/ChatFooter.tsx",
        "web/src/pages/About.html",
    ] {
        assert!(
            inv.disclosures.iter().any(|d| d.path == path),
            "no disclosure in {path}"
        );
    }
    #[cfg(feature = "pdf")]
    assert!(
        inv.disclosures
            .iter()
            .any(|d| d.path == "packaging/manual.en.pdf")
    );
    // Hidden HTML, scripts and hidden SVG groups are not read.
    assert!(
        !inv.disclosures
            .iter()
            .any(|d| d.text.contains("Скрытый") || d.text.contains("Old AI label"))
    );
}

#[test]
fn channels_languages_and_concepts() {
    let inv = scan("tests/fixtures/assets/chat-app");
    let find = |path: &str, lang: Lang| {
        inv.disclosures
            .iter()
            .find(|d| d.path == path && d.language == lang)
            .unwrap_or_else(|| panic!("{path} {lang}"))
    };
    let label = find("packaging/label.svg", Lang::Kk);
    assert_eq!(label.channel, Channel::Packaging);
    assert!(label.concepts.contains(&Concept::SafeUse));
    let store = find("fastlane/metadata/ru-RU/description.txt", Lang::Ru);
    assert_eq!(store.channel, Channel::Store);
    let json = find("web/public/locales/kk/common.json", Lang::Kk);
    assert_eq!(json.channel, Channel::Ui);
    assert_eq!(json.key.as_deref(), Some("ai.disclaimer"));
    for c in [Concept::AiNotice, Concept::AiRisks, Concept::SafeUse] {
        assert!(json.concepts.contains(&c), "{c}");
    }
    let po = find("locale/kk/LC_MESSAGES/django.po", Lang::Kk);
    assert!(po.concepts.contains(&Concept::ConsentWithdrawal));
    let props = find("server/src/main/resources/messages_kk.properties", Lang::Kk);
    assert!(props.concepts.contains(&Concept::AutomatedProcessing));
    assert!(props.concepts.contains(&Concept::Objection));
    // The exact span of the concept inside an escaped JSON string.
    let hit = json
        .hits
        .iter()
        .find(|h| h.concept == Concept::AiRisks)
        .unwrap();
    let src = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/assets/chat-app/web/public/locales/kk/common.json"),
    )
    .unwrap();
    assert!(src[hit.location.start_byte..].starts_with("қателесуі"));
}

#[test]
fn untranslated_and_missing_locales_are_gaps() {
    let inv = scan("tests/fixtures/assets/chat-app");
    let gap = |key: &str, lang: Lang| {
        inv.translation_gaps
            .iter()
            .find(|g| g.key == key && g.language == lang)
            .map(|g| g.kind)
    };
    // kk lacks the complaint line that ru and en carry.
    assert_eq!(
        gap("ai.disclaimer.complaint", Lang::Kk),
        Some(GapKind::Missing)
    );
    // values-ru/strings.xml left the notice in English.
    assert_eq!(
        gap("ai_notice_body", Lang::Ru),
        Some(GapKind::WrongLanguage)
    );
    // Translated keys are no gap.
    assert_eq!(gap("ai.disclaimer.body", Lang::Kk), None);
}

#[test]
fn ui_string_tables_are_reachable_only_when_referenced() {
    let inv = scan("tests/fixtures/assets/chat-app");
    let reach = |path: &str| {
        inv.disclosures
            .iter()
            .find(|d| d.path == path)
            .and_then(|d| d.reachable)
    };
    // t("ai.disclaimer.body") in ChatFooter.tsx
    assert_eq!(reach("web/public/locales/kk/common.json"), Some(true));
    // @string/ai_notice_body in activity_chat.xml
    assert_eq!(
        reach("android/app/src/main/res/values-kk/strings.xml"),
        Some(true)
    );
    // NSLocalizedString("chat.ai_notice") in ChatView.swift
    assert_eq!(reach("ios/Komek/kk.lproj/Localizable.strings"), Some(true));
    // Nothing references the onboarding keys of the Rails locale.
    assert_eq!(reach("config/locales/kk.yml"), Some(false));
    // Documents are not string tables.
    assert_eq!(reach("docs/manual.kk.md"), None);
}

#[test]
fn a_kazakh_file_left_in_russian_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let kk = dir.path().join("locales/kk.json");
    std::fs::create_dir_all(kk.parent().unwrap()).unwrap();
    std::fs::write(
        &kk,
        r#"{"ai": {"notice": "Ответы формирует искусственный интеллект, он может ошибаться.",
                   "safety": "Не вводите в чат пароли и данные банковских карт."}}"#,
    )
    .unwrap();
    let request = ScanRequest::new(dir.path());
    let inv = inventory(&request, Knowledge::embedded().unwrap()).inventory;
    let m = &inv.language_mismatches[0];
    assert_eq!((m.declared, m.reads_as), (Lang::Kk, Some(Lang::Ru)));
    assert!(
        inv.notes
            .iter()
            .any(|n| n.path == "locales/kk.json" && n.message.contains("reads as ru"))
    );
    // Its disclosure counts as Russian, not as the Kazakh one it claims to be.
    assert!(inv.disclosures.iter().all(|d| d.language == Lang::Ru));
}

#[test]
fn locales_of_other_languages_are_no_disclosures() {
    // English or Russian text left untranslated in a German, Ukrainian, Belarusian or Brazilian
    // locale reaches the users of that locale, not those of kk, ru or en.
    let inv = scan("tests/fixtures/assets/other-locales");
    let found: Vec<(&str, Lang)> = inv
        .disclosures
        .iter()
        .map(|d| (d.path.as_str(), d.language))
        .collect();
    assert_eq!(
        found,
        [
            ("locale/ru/LC_MESSAGES/django.po", Lang::Ru),
            // `app` is no locale code: the file is read.
            ("web/locales/app.json", Lang::En),
            ("web/locales/en/common.json", Lang::En),
        ]
    );
    let foreign = |path: &str| {
        ["/uk/", "be.po", "/de/", "values-de", "pt-BR", "app_de"]
            .iter()
            .any(|p| path.contains(p))
    };
    assert!(
        inv.translation_gaps
            .iter()
            .all(|g| g.location.as_ref().is_none_or(|l| !foreign(&l.path))
                && !foreign(&g.source.path)),
        "{:?}",
        inv.translation_gaps
    );
    assert!(
        inv.language_mismatches.is_empty(),
        "{:?}",
        inv.language_mismatches
    );
    assert!(inv.notes.is_empty(), "{:?}", inv.notes);
}
