//! A Kazakh lending app (credit scoring on the IIN, FastAPI backend, React UI with kk/ru locales):
//! exactly the personal-data diagnostics its gaps deserve, and none once they are fixed.

mod rules_support;

use rules_support::{append, check, copy_fixture, edit, fixture, of_rules};

fn pd(rule: &str, path: &str, line: u64) -> (String, String, u64) {
    (rule.to_string(), path.to_string(), line)
}

#[test]
fn lending_app_gaps_give_exactly_the_personal_data_diagnostics() {
    let (diags, report) = check(&fixture("kz-lending"));
    assert_eq!(
        of_rules(&diags, "kz.pd."),
        [
            // anchored at the scoring call that drives approve/deny on the IIN
            pd("kz.pd.objection-path", "backend/app/scoring.py", 27),
            pd("kz.pd.rights-protection", "backend/app/scoring.py", 27),
        ]
    );
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let objection = diagnostics
        .iter()
        .find(|d| d["rule"] == "kz.pd.objection-path")
        .unwrap();
    let message = objection["message"].as_str().unwrap();
    assert!(message.contains("predict_proba"), "{message}");
    assert!(message.contains("confidence: high"), "{message}");
    assert!(message.contains("3 working days"), "{message}");
    assert!(
        message.contains("route, form or handler for objections"),
        "{message}"
    );
    let rights = diagnostics
        .iter()
        .find(|d| d["rule"] == "kz.pd.rights-protection")
        .unwrap();
    assert!(rights["message"].as_str().unwrap().ends_with("in: kk"));
    let related = rights["related"].as_array().unwrap();
    assert!(
        related
            .iter()
            .any(|r| r["path"] == "legal/privacy.ru.md" && r["line"] == 18),
        "the Russian passage is offered for translation: {related:?}"
    );
}

#[test]
fn lending_app_with_its_gaps_fixed_has_no_personal_data_diagnostics() {
    let dir = copy_fixture("kz-lending");
    let root = dir.path();
    edit(
        root,
        "backend/app/main.py",
        "@app.post(\"/api/consents/{application_id}/withdraw\")",
        "@app.post(\"/api/decisions/{application_id}/objection\")\n\
         def file_objection(application_id: int, reason: str) -> dict:\n    \
         store.save_objection(application_id, reason)\n    \
         return {\"status\": \"objection registered\"}\n\n\n\
         @app.post(\"/api/consents/{application_id}/withdraw\")",
    );
    append(
        root,
        "legal/privacy.kk.md",
        "\n## Автоматтандырылған шешімге қарсылық\n\
         Автоматтандырылған өңдеуге қарсылық білдіру үшін «Өтінімдер → Қарсылық» нысанын \
         толтырыңыз. Қарсылық үш жұмыс күні ішінде қаралады, нәтижесі туралы SMS арқылы хабарлаймыз.\n\
         \n## Құқықтарды қорғау\n\
         Шешіммен келіспесеңіз, қолдау қызметіне шағым бере аласыз, дербес деректерді қорғау \
         жөніндегі уәкілетті органға жүгінуге немесе сотқа шағымдануға құқығыңыз бар.\n",
    );
    append(
        root,
        "legal/privacy.ru.md",
        "\n## Возражение против автоматизированного решения\n\
         Чтобы заявить возражение против автоматизированной обработки, заполните форму \
         «Заявки → Возражение». Мы рассмотрим возражение в течение трех рабочих дней и сообщим \
         результат по SMS.\n",
    );
    let (diags, _) = check(root);
    assert_eq!(of_rules(&diags, "kz.pd."), []);
}
