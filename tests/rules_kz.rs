//! Every rule of the Kazakhstan pack fires on its failing fixture (`tests/fixtures/rules/kz/<rule>/
//! fail`) at the right line, once, and is silent once the fix (`…/fix`, copied over it) is applied.

mod rules_support;

use rules_support::{check, fixed_fixture, fixture, of_rules};

/// (fixture, rule, path, line): where the rule must fire on the failing fixture.
const CASES: [(&str, &str, &str, u64); 12] = [
    // the chat completion call reveals the purpose
    (
        "consumer-ai-risks-safe-use",
        "kz.consumer.ai-risks-safe-use",
        "app/chat.py",
        8,
    ),
    // the kk file holds the Russian text
    (
        "consumer-language-parity",
        "kz.consumer.language-parity",
        "docs/ai.kk.md",
        1,
    ),
    // a device: the recogniser import; the label is missing
    (
        "consumer-packaging-label",
        "kz.consumer.packaging-label",
        "firmware/listen.py",
        5,
    ),
    // a React app calling OpenAI without a UI notice
    ("ai-use-notice", "kz.ai.use-notice", "src/api/chat.ts", 6),
    // the writeFile of a generated image
    (
        "ai-synthetic-marking",
        "kz.ai.synthetic-marking",
        "src/poster.js",
        9,
    ),
    // diffusers avatars, marked but with no visible label
    (
        "ai-synthetic-visible-warning",
        "kz.ai.synthetic-visible-warning",
        "app/avatar.py",
        2,
    ),
    // candidate screening by predict_proba
    (
        "pd-automated-processing-notice",
        "kz.pd.automated-processing-notice",
        "hr/screening.py",
        9,
    ),
    // credit limit from a model score, no objection route or deadline
    (
        "pd-objection-path",
        "kz.pd.objection-path",
        "src/limits.js",
        9,
    ),
    // insurance premium priced by BOOSTER.predict
    (
        "pd-rights-protection",
        "kz.pd.rights-protection",
        "pricing/premium.py",
        10,
    ),
    // patient data with consent, no withdrawal route or 15-day stop
    (
        "pd-consent-withdrawal",
        "kz.pd.consent-withdrawal",
        "clinic/models.py",
        5,
    ),
    // selfie matching without a consent flow
    (
        "pd-biometric-consent",
        "kz.pd.biometric-consent",
        "kyc/verify.py",
        6,
    ),
    // a scrapy spider yielding names and phones
    (
        "pd-public-data-harvesting",
        "kz.pd.public-data-harvesting",
        "crawler/spiders/agents.py",
        1,
    ),
];

#[test]
fn every_rule_fires_once_on_its_failing_fixture_at_the_right_line() {
    for (name, rule, path, line) in CASES {
        let (diags, _) = check(&fixture(&format!("kz/{name}/fail")));
        assert_eq!(
            of_rules(&diags, rule),
            [(rule.to_string(), path.to_string(), line)],
            "{name}: {diags:?}"
        );
    }
}

#[test]
fn every_rule_is_silent_once_its_fixture_is_fixed() {
    for (name, rule, _, _) in CASES {
        let dir = fixed_fixture(name);
        let (diags, _) = check(dir.path());
        assert_eq!(of_rules(&diags, rule), [], "{name}");
    }
}

#[test]
fn every_rule_of_the_pack_has_a_case() {
    let knowledge = aidisclose::knowledge::Knowledge::load().unwrap_or_else(|e| panic!("{e}"));
    for rule in &knowledge.rules {
        assert!(
            CASES.iter().any(|(_, r, _, _)| *r == rule.id),
            "{} has no fixture case",
            rule.id
        );
    }
}

#[test]
fn diagnostics_are_sorted_and_identical_for_any_number_of_threads() {
    use assert_cmd::Command;
    let root = fixture("kz-lending");
    let run = |jobs: &str| {
        let out = Command::cargo_bin("aidisclose")
            .unwrap()
            .args(["check", "--format", "json", "--jobs", jobs])
            .arg(&root)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let one = run("1");
    assert_eq!(one, run("4"));
    let report: serde_json::Value = serde_json::from_str(&one).unwrap();
    let keys: Vec<(String, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}
