//! Micro-benchmarks of the scan's hot path: the code prefilter, source extraction (parse + queries),
//! the asset extractors (segments, then lexicon and language) and the lexicon matcher. `cargo bench`; the whole-tree comparison with
//! ripgrep, ast-grep and Semgrep is `scripts/bench.sh`.

use aidisclose::assets::{self, AssetFormat, normalize};
use aidisclose::detect::code::{self, Language};
use aidisclose::facts;
use aidisclose::knowledge::Knowledge;
use aidisclose::limits::Limits;
use aidisclose::model::Channel;
use divan::{Bencher, black_box, counter::BytesCount};

fn main() {
    divan::main();
}

fn knowledge() -> &'static Knowledge {
    Knowledge::embedded().expect("embedded knowledge")
}

/// A Python module of `functions` methods, with an AI SDK import and call when `ai`.
fn python_module(functions: usize, ai: bool) -> String {
    let mut s = String::from("import json\nimport logging\nfrom dataclasses import dataclass\n");
    if ai {
        s.push_str("from openai import OpenAI\n");
    }
    s.push_str("\n\n@dataclass\nclass OrderService:\n    \"\"\"Keeps orders and their email notices consistent.\"\"\"\n\n");
    for i in 0..functions {
        s.push_str(&format!(
            "    def maintain_order_{i}(self, order, messages=None):\n        \
             # The main loop waits for the queue to drain before it returns.\n        \
             total = sum(item.price * item.quantity for item in order.items)\n        \
             if total > {i}:\n            logging.info(\"order %s total %s\", order.id, total)\n        \
             return json.dumps({{\"id\": order.id, \"total\": total}})\n\n"
        ));
    }
    if ai {
        s.push_str(
            "    def reply(self, messages):\n        client = OpenAI()\n        \
             return client.chat.completions.create(model=\"gpt-4o-mini\", messages=messages)\n",
        );
    }
    s
}

/// A Markdown help page with sections in English, Russian and Kazakh and an AI disclosure in each.
fn help_page(sections: usize) -> String {
    let texts = [
        (
            "Delivery",
            "Orders are shipped within two working days. You can return an item within fourteen days.",
            "This assistant uses artificial intelligence. Answers are generated automatically and may contain mistakes; check important information.",
        ),
        (
            "Доставка",
            "Заказы отправляются в течение двух рабочих дней. Вы можете вернуть товар в течение четырнадцати дней.",
            "Этот ассистент использует искусственный интеллект. Ответы сформированы автоматически и могут содержать ошибки.",
        ),
        (
            "Жеткізу",
            "Тапсырыстар екі жұмыс күні ішінде жіберіледі. Тауарды он төрт күн ішінде қайтаруға болады.",
            "Бұл көмекші жасанды интеллектті пайдаланады. Жауаптар автоматты түрде жасалады және қателер болуы мүмкін.",
        ),
    ];
    let mut s = String::from("# Help\n\n");
    for i in 0..sections {
        let (title, plain, notice) = texts[i % texts.len()];
        s.push_str(&format!(
            "## {title} {i}\n\n{plain}\n\n- {plain}\n\n{notice}\n\n"
        ));
    }
    s
}

const SIZES: [usize; 2] = [10, 100];

#[divan::bench(args = SIZES)]
fn prefilter_plain_source(bencher: Bencher, functions: usize) {
    let queries = &knowledge().queries;
    let text = python_module(functions, false);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| queries.is_candidate(Language::Python, black_box(text.as_bytes())));
}

#[divan::bench(args = SIZES)]
fn extract_python_with_ai(bencher: Bencher, functions: usize) {
    let k = knowledge();
    let text = python_module(functions, true);
    let timeout = Limits::default().parse_timeout;
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        code::extract(
            Language::Python,
            "svc/orders.py",
            black_box(&text),
            (&k.signals, &k.queries),
            timeout,
            facts::retained("svc/orders.py", &k.facts),
        )
    });
}

#[divan::bench(args = SIZES)]
fn markdown_segments(bencher: Bencher, sections: usize) {
    let text = help_page(sections);
    let limits = Limits::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| assets::segments(AssetFormat::Markdown, black_box(&text), &limits));
}

#[divan::bench(args = SIZES)]
fn lexicon_find(bencher: Bencher, sections: usize) {
    let lexicon = &knowledge().lexicon;
    let norm = normalize::normalize(&help_page(sections));
    bencher
        .counter(BytesCount::of_str(&norm.text))
        .bench(|| lexicon.find(black_box(&norm.text), None));
}

#[divan::bench(args = SIZES)]
fn asset_extract(bencher: Bencher, sections: usize) {
    let k = knowledge();
    let text = help_page(sections);
    let limits = Limits::default();
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        assets::extract(
            AssetFormat::Markdown,
            "docs/help.md",
            black_box(&text),
            Channel::Docs,
            &k.lexicon,
            &limits,
        )
    });
}
