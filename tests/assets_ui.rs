//! UI code as an asset: user-facing strings in JSX, SwiftUI and Compose become `ui` disclosures
//! (one passage per component), and translation keys referenced from code (`t('…')`,
//! `R.string.…`, `NSLocalizedString`) make string-table passages reachable.

use aidisclose::knowledge::Knowledge;
use aidisclose::model::{Channel, Concept, Lang};
use aidisclose::scan::Inventory;
use aidisclose::{ScanRequest, inventory};
use std::fs;

fn scan(files: &[(&str, &str)]) -> Inventory {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let request = ScanRequest::new(dir.path());
    inventory(&request, Knowledge::embedded().unwrap()).inventory
}

#[test]
fn compose_swiftui_and_jsx_text_are_ui_disclosures() {
    let inv = scan(&[
        (
            "app/src/main/java/kz/komek/ChatScreen.kt",
            r#"package kz.komek

@Composable
fun AiNotice() {
    Column {
        Text("Жауаптарды жасанды интеллект жасайды.")
        Text("ЖИ қателесуі мүмкін, маңызды ақпаратты тексеріңіз.")
    }
}
"#,
        ),
        (
            "ios/Komek/NoticeView.swift",
            r#"import SwiftUI

struct NoticeView: View {
    var body: some View {
        Text("Ответы формирует ИИ и могут содержать ошибки.")
    }
}
"#,
        ),
        (
            "web/src/Banner.jsx",
            r#"export function Banner() {
  return <div className="banner">This image is AI-generated.</div>;
}
"#,
        ),
    ]);
    let find = |path: &str| {
        inv.disclosures
            .iter()
            .find(|d| d.path == path)
            .unwrap_or_else(|| panic!("no disclosure in {path}: {:#?}", inv.disclosures))
    };
    let kt = find("app/src/main/java/kz/komek/ChatScreen.kt");
    assert_eq!((kt.language, kt.channel), (Lang::Kk, Channel::Ui));
    assert!(kt.concepts.contains(&Concept::AiNotice) && kt.concepts.contains(&Concept::AiRisks));
    assert_eq!((kt.line, kt.end_line), (6, 7));
    let swift = find("ios/Komek/NoticeView.swift");
    assert_eq!(swift.language, Lang::Ru);
    assert!(swift.concepts.contains(&Concept::AiRisks));
    let jsx = find("web/src/Banner.jsx");
    assert_eq!(jsx.language, Lang::En);
    assert!(jsx.concepts.contains(&Concept::AiGeneratedLabel));
}

#[test]
fn string_tables_are_reachable_through_key_references() {
    let strings = r#"<resources>
    <string name="ai_notice">Ответы формирует искусственный интеллект.</string>
    <string name="promo_ai">Попробуйте нового ИИ-помощника!</string>
</resources>
"#;
    let inv = scan(&[
        ("app/src/main/res/values-ru/strings.xml", strings),
        (
            "app/src/main/java/kz/komek/Notice.kt",
            "package kz.komek\n\nfun notice(c: Context) = c.getString(R.string.ai_notice)\n",
        ),
    ]);
    let d = inv
        .disclosures
        .iter()
        .find(|d| d.path.ends_with("strings.xml"))
        .unwrap();
    // `ai_notice` and `promo_ai` are two groups (`ai`, `promo`): only the first is referenced.
    assert_eq!(d.key.as_deref(), Some("ai"));
    assert_eq!(d.reachable, Some(true));
    assert_eq!(d.references[0].path, "app/src/main/java/kz/komek/Notice.kt");
    let promo = inv
        .disclosures
        .iter()
        .find(|d| d.key.as_deref() == Some("promo"))
        .unwrap();
    assert_eq!(promo.reachable, Some(false));
}

#[test]
fn without_ui_code_reachability_is_undecided() {
    let inv = scan(&[(
        "locales/ru.json",
        r#"{"ai": {"notice": "Ответы формирует искусственный интеллект."}}"#,
    )]);
    assert_eq!(inv.disclosures.len(), 1);
    assert_eq!(inv.disclosures[0].reachable, None);
}

#[test]
fn key_references_are_parsed_in_files_that_name_a_disclosure_key() {
    let inv = scan(&[
        (
            "web/public/locales/ru/translation.json",
            r#"{
  "chat": {
    "ai_notice": "В этом чате вам отвечает искусственный интеллект.",
    "placeholder": "Напишите вопрос"
  },
  "orders": {"title": "Мои заказы"}
}
"#,
        ),
        (
            "web/src/ChatHeader.tsx",
            r#"import { useTranslation } from "react-i18next";

export function ChatHeader() {
  const { t } = useTranslation();
  return <p className="notice">{t("chat.ai_notice")}</p>;
}
"#,
        ),
        (
            "web/src/Orders.tsx",
            r#"import { useTranslation } from "react-i18next";

export function Orders() {
  const { t } = useTranslation();
  return <h1>{t("orders.title")}</h1>;
}
"#,
        ),
    ]);
    let chat = inv
        .disclosures
        .iter()
        .find(|d| d.key.as_deref() == Some("chat"))
        .unwrap_or_else(|| panic!("{:#?}", inv.disclosures));
    assert_eq!(chat.reachable, Some(true));
    let refs: Vec<(&str, u32)> = chat
        .references
        .iter()
        .map(|l| (l.path.as_str(), l.line))
        .collect();
    assert_eq!(refs, [("web/src/ChatHeader.tsx", 5)]);
    // Orders.tsx names no disclosing key and no AI literal: it is not parsed at all.
    assert!(
        inv.code_facts
            .iter()
            .all(|f| f.location.path != "web/src/Orders.tsx"),
        "{:#?}",
        inv.code_facts
    );
}

#[test]
fn string_tables_are_unreachable_when_ui_code_never_names_their_keys() {
    let inv = scan(&[
        (
            "web/public/locales/ru/translation.json",
            r#"{"chat": {"ai_notice": "В этом чате вам отвечает искусственный интеллект."}}"#,
        ),
        (
            "web/src/Orders.tsx",
            "import { useTranslation } from \"react-i18next\";\n\nexport const Orders = () => {\n  const { t } = useTranslation();\n  return <h1>{t(\"orders.title\")}</h1>;\n};\n",
        ),
    ]);
    assert_eq!(inv.disclosures.len(), 1);
    assert_eq!(inv.disclosures[0].reachable, Some(false));
}
