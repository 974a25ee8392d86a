//! Broken assets (invalid UTF-8, malformed XML, JSON and YAML, a PDF without a text layer, a
//! 50 MB locale file generated here) each give a note, and the scan goes on to find the
//! disclosures of the good files next to them.

use aidisclose::knowledge::Knowledge;
use aidisclose::model::Lang;
use aidisclose::{ScanRequest, inventory};
use std::fs;
use std::path::Path;

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// A one-page PDF whose only content is a drawn rectangle (no text layer).
fn pdf_without_text() -> Vec<u8> {
    let content = "0 0 1 rg 50 50 200 100 re f\n";
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .bytes(),
    );
    out
}

#[test]
fn broken_inputs_give_notes_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut bad_utf8 = "# Нұсқаулық\n\nҚұрылғы жасанды интеллектті пайдаланады. "
        .as_bytes()
        .to_vec();
    bad_utf8.extend([0xff, 0xfe, b' ']);
    bad_utf8.extend("Тәуекелдер бар.\n".as_bytes());
    write(root, "docs/manual.kk.md", &bad_utf8);
    write(
        root,
        "app/src/main/res/values-kk/strings.xml",
        "<resources><string name=\"ai_notice\">ЖИ жауап береді</string><string name=\"x\">y</str"
            .as_bytes(),
    );
    write(
        root,
        "locales/ru.json",
        "{\"ai\": {\"notice\": \"Ответы генерирует ИИ\",}".as_bytes(),
    );
    write(
        root,
        "config/locales/en.yml",
        b"en:\n  ai: \"unclosed\n  b: c\n",
    );
    write(root, "packaging/manual.pdf", &pdf_without_text());
    // A 50 MB locale file, generated here rather than committed.
    let mut big = String::from("{\n");
    let line = "  \"key_{}\": \"Ответы генерирует искусственный интеллект, проверяйте их.\",\n";
    let mut i = 0;
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&line.replace("{}", &i.to_string()));
        i += 1;
    }
    big.push_str("  \"end\": \"\"\n}\n");
    write(root, "locales/ru/big.json", big.as_bytes());
    // A good file next to the broken ones.
    write(
        root,
        "locales/kk.json",
        "{\"ai\": {\"notice\": \"Жауаптарды жасанды интеллект жасайды, олар қате болуы мүмкін.\"}}"
            .as_bytes(),
    );
    let request = ScanRequest::new(root);
    let inv = inventory(&request, Knowledge::embedded().unwrap()).inventory;
    let note = |path: &str, needle: &str| {
        assert!(
            inv.notes
                .iter()
                .any(|n| n.path == path && n.message.contains(needle)),
            "no note on {path} containing {needle:?}: {:#?}",
            inv.notes
        );
    };
    note("docs/manual.kk.md", "not valid UTF-8");
    note("app/src/main/res/values-kk/strings.xml", "malformed XML");
    note("locales/ru.json", "malformed JSON");
    note("config/locales/en.yml", "malformed YAML");
    note("packaging/manual.pdf", "no text layer");
    note("locales/ru/big.json", "size limit");
    // The good parts are still read: the file with replaced bytes, the entries before the XML
    // error, and the good locale file.
    for (path, lang) in [
        ("docs/manual.kk.md", Lang::Kk),
        ("app/src/main/res/values-kk/strings.xml", Lang::Kk),
        ("locales/kk.json", Lang::Kk),
    ] {
        assert!(
            inv.disclosures
                .iter()
                .any(|d| d.path == path && d.language == lang),
            "no disclosure in {path}"
        );
    }
}

#[test]
fn entity_bombs_are_not_expanded() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    doc.push_str("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for i in 2..10 {
        let prev = format!("&lol{};", i - 1).repeat(10);
        doc.push_str(&format!("<!ENTITY lol{i} \"{prev}\">\n"));
    }
    doc.push_str("]>\n<resources><string name=\"bomb\">&lol9;</string>\n");
    doc.push_str("<string name=\"ai_notice\">Ответы генерирует ИИ</string></resources>\n");
    write(dir.path(), "res/values-ru/strings.xml", doc.as_bytes());
    let request = ScanRequest::new(dir.path());
    let inv = inventory(&request, Knowledge::embedded().unwrap()).inventory;
    let d = inv
        .disclosures
        .iter()
        .find(|d| d.path == "res/values-ru/strings.xml")
        .unwrap();
    assert!(
        d.text.len() < 200,
        "entity expanded: {} bytes",
        d.text.len()
    );
}
