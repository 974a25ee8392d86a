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
    let request = ScanRequest {
        root: root.clone(),
        paths: Vec::new(),
        config: Config::default(),
        jobs: 2,
        progress: false,
    };
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
