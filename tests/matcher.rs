//! The concept matcher on inflected Kazakh and Russian forms, abbreviations, and decoys.

use aidisclose::assets::language;
use aidisclose::knowledge::Knowledge;
use aidisclose::model::Concept;
use std::collections::BTreeSet;

fn concepts(text: &str) -> BTreeSet<Concept> {
    let k = Knowledge::embedded().unwrap();
    k.lexicon
        .find(text, language::detect(text))
        .into_iter()
        .map(|m| m.concept)
        .collect()
}

fn has(text: &str, concept: Concept) -> bool {
    concepts(text).contains(&concept)
}

#[test]
fn kazakh_inflections_of_artificial_intelligence() {
    for text in [
        "Бұл қолданба жасанды интеллектті пайдаланады.",
        "Жасанды интеллектінің жауаптары тексеріледі.",
        "Жауаптарды жасанды интеллектімен жасаймыз.",
        "Жасанды интеллект жүйесі сөзді таниды.",
        "Жасанды интеллектке сұрақ қойыңыз.",
        "Ұсыныстарды ЖИ-мен дайындаймыз.",
        "ЖИ-дің жауабы қате болуы мүмкін.",
    ] {
        assert!(has(text, Concept::AiNotice), "{text}");
    }
}

#[test]
fn russian_inflections_of_artificial_intelligence() {
    for text in [
        "Сервис использует искусственный интеллект.",
        "Ответы искусственного интеллекта могут быть неточными.",
        "Мы работаем с искусственным интеллектом.",
        "Об искусственном интеллекте в приложении.",
        "Фото обработано нейросетью.",
        "Рекомендации формирует ИИ-система.",
        "С помощью ИИ.",
    ] {
        assert!(has(text, Concept::AiNotice), "{text}");
    }
}

#[test]
fn risks_and_safe_use_in_every_language() {
    assert!(has(
        "Ықтимал тәуекелдер: ЖИ қателесуі мүмкін.",
        Concept::AiRisks
    ));
    assert!(has("Тәуекелдерді азайту үшін", Concept::AiRisks));
    assert!(has(
        "Возможные риски: ответы могут быть неточными.",
        Concept::AiRisks
    ));
    assert!(has(
        "Possible risks: the assistant may make mistakes.",
        Concept::AiRisks
    ));
    assert!(has("Қауіпсіз пайдалану шарттары", Concept::SafeUse));
    assert!(has(
        "Қауіпсіз пайдаланудың шарттары туралы",
        Concept::SafeUse
    ));
    assert!(has("Условия безопасного использования", Concept::SafeUse));
    assert!(has(
        "Правила безопасности при работе с устройством",
        Concept::SafeUse
    ));
    assert!(has("Conditions of safe use", Concept::SafeUse));
}

#[test]
fn decoys_are_not_artificial_intelligence() {
    for text in [
        "Интеллектуальная собственность на материалы принадлежит автору.",
        "Умный дом управляет светом.",
        "Grazie ai clienti e ai partner per la fiducia.",
        "Merci aux équipes qui ont participé au projet.",
        "Please email the maintainers about the main index.",
        "И и и: союз в русском тексте.",
        "Ол ұлттық интеллектуалдық меншік институтында жұмыс істейді.",
    ] {
        assert!(!has(text, Concept::AiNotice), "{text}");
    }
    // «қауіпсіз» (safe) contains «қауіп» (danger) but is not a risk.
    assert!(!has("Қауіпсіз пайдалану шарттары", Concept::AiRisks));
}

#[test]
fn typing_variants_are_normalised() {
    // Soft hyphen, non-breaking hyphen and a Latin «c» inside a Cyrillic word.
    assert!(has("жасан\u{00AD}ды интеллект", Concept::AiNotice));
    assert!(has("ЖИ\u{2011}мен жасалған", Concept::AiNotice));
    assert!(has("иcкусственный интеллект", Concept::AiNotice));
}
