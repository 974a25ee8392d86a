//! Code facts the rules rely on, read from realistic sources: objection and consent-withdrawal
//! routes in every supported web framework, with decoys that must not count.

use aidisclose::config::Config;
use aidisclose::facts::{self, FactKind};
use aidisclose::knowledge::Knowledge;
use aidisclose::{ScanRequest, inventory};
use std::path::Path;

fn facts_of(fixture: &str) -> Vec<(FactKind, String, u32)> {
    let knowledge = Knowledge::embedded().unwrap_or_else(|e| panic!("{e}"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(fixture);
    let request = ScanRequest::new(root.clone());
    let outcome = inventory(&request, knowledge);
    facts::interpret(&outcome.inventory, &knowledge.facts)
        .into_iter()
        .map(|f| (f.kind, f.location.path, f.location.line))
        .collect()
}

fn routes(all: &[(FactKind, String, u32)], kind: FactKind) -> Vec<(String, u32)> {
    all.iter()
        .filter(|(k, _, _)| *k == kind)
        .map(|(_, p, l)| (p.clone(), *l))
        .collect()
}

#[test]
fn objection_routes_are_found_in_every_framework() {
    let all = facts_of("routes");
    let found = routes(&all, FactKind::ObjectionRoute);
    for (path, line) in [
        ("express/server.js", 7),               // router.post("/api/appeals")
        ("next/app/api/objection/route.ts", 4), // Next.js file route
        ("flask/app.py", 6),                    // Latin transliteration "vozrazhenie"
        ("flask/app.py", 7),                    // handler file_objection
        ("spring/ObjectionController.java", 7), // @PostMapping("/api/objections")
        ("rails/config/routes.rb", 3),          // resources :objections
        ("gin/main.go", 8),                     // Kazakh transliteration "qarsylyq"
        ("axum/src/main.rs", 8),                // .route(".../objection", post(..))
        ("actix/src/main.rs", 3),               // #[post("/privacy/opt-out")]
    ] {
        assert!(
            found.contains(&(path.to_string(), line)),
            "no objection route at {path}:{line}; found {found:?}"
        );
    }
    assert!(
        !found
            .iter()
            .any(|(p, l)| p == "express/server.js" && *l == 6),
        "/api/objects is not an objection route"
    );
}

#[test]
fn consent_withdrawal_routes_are_found_and_money_withdrawals_are_not() {
    let all = facts_of("routes");
    let found = routes(&all, FactKind::WithdrawalRoute);
    for (path, line) in [
        ("django/urls.py", 7), // path("consent/withdraw/", views.withdraw_consent)
        ("laravel/routes/web.php", 7), // Route::post('/consent/revoke', ...)
        ("actix/src/main.rs", 3), // opt-out counts as both
    ] {
        assert!(
            found.contains(&(path.to_string(), line)),
            "no withdrawal route at {path}:{line}; found {found:?}"
        );
    }
    assert!(
        !found.iter().any(|(p, _)| p == "gin/main.go"),
        "/api/wallet/withdraw withdraws money, not consent: {found:?}"
    );
}

#[test]
fn declared_ui_frameworks_give_the_product_a_user_interface() {
    // No parsed source file imports React: the manifests' dependencies are the evidence, and a
    // lint tool named after a framework is not.
    let all = facts_of("ui-frameworks");
    let found = routes(&all, FactKind::UserInterface);
    assert_eq!(
        found,
        [
            ("dashboard/requirements.txt".to_string(), 4), // streamlit==1.39.0
            ("web/package.json".to_string(), 11),          // "react"
            ("web/package.json".to_string(), 12),          // "react-dom"
        ]
    );
}

/// The captures a parsed file keeps are those the vocabulary reads as something, and the UI
/// strings and keys: on every source file of the fixtures and the example, the facts read from
/// the kept captures are the facts read from all of them, and most captures are dropped.
#[test]
fn dropping_the_captures_that_read_as_nothing_changes_no_fact() {
    use aidisclose::detect::code;
    use aidisclose::scan::Inventory;
    use aidisclose::workspace::{self, FileKind};
    use std::time::Duration;
    let knowledge = Knowledge::embedded().unwrap_or_else(|e| panic!("{e}"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The source files a scan of the fixtures and the example would parse, as it lists them.
    let starts = [root.join("tests/fixtures"), root.join("examples")];
    let sources: Vec<_> = workspace::discover(root, &starts, &Config::default(), 1)
        .files
        .into_iter()
        .filter_map(|f| match f.kind {
            FileKind::Source(lang) => {
                let text = std::fs::read_to_string(&f.abs).ok()?;
                Some((f.rel, lang, text))
            }
            _ => None,
        })
        .collect();
    assert!(sources.len() > 20, "{} source files", sources.len());
    let (mut all, mut kept) = (Inventory::default(), Inventory::default());
    for (rel, lang, text) in &sources {
        let (detect, timeout) = (
            (&knowledge.signals, &knowledge.queries),
            Duration::from_secs(10),
        );
        let every = code::extract(*lang, rel, text, detect, timeout, |_, _| true);
        let read = facts::retained(rel, &knowledge.facts);
        let retained = code::extract(*lang, rel, text, detect, timeout, read);
        all.code_facts.extend(every.facts);
        kept.code_facts.extend(retained.facts);
    }
    let from_all = facts::interpret(&all, &knowledge.facts);
    assert!(
        from_all.len() > 50,
        "the fixtures hold facts: {}",
        from_all.len()
    );
    assert_eq!(facts::interpret(&kept, &knowledge.facts), from_all);
    assert!(
        kept.code_facts.len() * 2 < all.code_facts.len(),
        "{} of {} captures kept",
        kept.code_facts.len(),
        all.code_facts.len()
    );
    // UI strings and translation keys stay for the UI-string checks, read as anything or not.
    let ui = |inv: &Inventory| {
        inv.code_facts
            .iter()
            .filter(|f| f.name.starts_with("ui."))
            .count()
    };
    assert!(ui(&all) > 0);
    assert_eq!(ui(&kept), ui(&all));
}
