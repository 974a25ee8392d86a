//! The literal prefilter stays selective: ordinary source files without an AI literal are never
//! parsed, files that name an AI SDK, host or variable are.

use aidisclose::detect::code::Language;
use aidisclose::knowledge::Knowledge;

/// The language of a file name, by its extension.
fn language(name: &str) -> Language {
    let ext = name.rsplit('.').next().unwrap_or_default();
    Language::from_extension(ext).unwrap_or_else(|| panic!("no language for {name}"))
}

const ORDINARY: [(&str, &str); 6] = [
    (
        "billing.py",
        r#"import email
from datetime import datetime, timedelta

from django.db import models


class Invoice(models.Model):
    email = models.EmailField()
    maintain_until = models.DateTimeField()
    ai_index = models.IntegerField(default=0)  # row index, nothing to do with models

    def create(self, **fields):
        """Grazie ai clienti: la fattura è pronta."""
        return self.objects.create(**fields)

    def overdue(self) -> bool:
        return datetime.now() - self.maintain_until > timedelta(days=30)
"#,
    ),
    (
        "server.js",
        r#"const express = require("express");
const { sendMail } = require("./mail");
const app = express();

app.post("/contact", async (req, res) => {
  const { email, message } = req.body;
  await sendMail({ to: "support@example.com", subject: "Contact", text: message, from: email });
  res.status(201).json({ ok: true, created: new Date().toISOString() });
});

app.listen(process.env.PORT || 3000);
"#,
    ),
    (
        "main.go",
        r#"package main

import (
	"encoding/json"
	"net/http"
	"os"
)

type Order struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

func main() {
	http.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode([]Order{{ID: "1", Email: "a@b.kz"}})
	})
	http.ListenAndServe(":"+os.Getenv("PORT"), nil)
}
"#,
    ),
    (
        "Repo.kt",
        r#"package kz.example.shop

import android.content.Context
import androidx.room.Room

class Repo(context: Context) {
    private val db = Room.databaseBuilder(context, AppDb::class.java, "shop.db").build()
    fun create(item: Item) = db.items().insert(item)
    fun maintain() = db.items().deleteOlderThan(System.currentTimeMillis() - 86_400_000)
}
"#,
    ),
    (
        "ProfileView.swift",
        r#"import SwiftUI

struct ProfileView: View {
    @State private var email = ""
    var body: some View {
        Form {
            TextField("Email", text: $email)
            Text("Il y a des données personnelles ici")
        }
    }
}
"#,
    ),
    (
        "lib.rs",
        r#"use std::collections::HashMap;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Config {
    pub email: String,
    pub retries: u32,
}

pub fn create(values: &HashMap<String, String>) -> Option<Config> {
    Some(Config { email: values.get("email")?.clone(), retries: 3 })
}
"#,
    ),
];

const AI: [(&str, &str); 6] = [
    ("chat.py", "import openai\nclient = openai.OpenAI()\n"),
    ("chat.ts", "import { streamText } from \"ai\";\n"),
    (
        "claude.js",
        "const r = await fetch(\"https://api.anthropic.com/v1/messages\");\n",
    ),
    ("main.go", "key := os.Getenv(\"GROQ_API_KEY\")\n"),
    ("Faces.swift", "import Vision\n"),
    ("lib.rs", "use async_openai::Client;\n"),
];

#[test]
fn ordinary_sources_are_not_parse_candidates() {
    let k = Knowledge::load().unwrap();
    for (name, source) in ORDINARY {
        assert!(
            !k.queries.is_candidate(language(name), source.as_bytes()),
            "{name} would be parsed"
        );
    }
}

#[test]
fn sources_naming_ai_are_parse_candidates() {
    let k = Knowledge::load().unwrap();
    for (name, source) in AI {
        assert!(
            k.queries.is_candidate(language(name), source.as_bytes()),
            "{source}"
        );
    }
}

#[test]
fn a_language_is_parsed_only_for_its_own_literals() {
    let k = Knowledge::load().unwrap();
    // Python's `import openai` context and the JavaScript UI words mean nothing in Go or Rust, and
    // Go's module path nothing in Python; hosts and variables count in every language.
    let cases = [
        (
            "relay.go",
            "// ported from: import openai\nfunc relay() {}\n",
            false,
        ),
        (
            "lib.rs",
            "// calls useTranslation in the web client\nfn f() {}\n",
            false,
        ),
        (
            "tools.py",
            "# see github.com/sashabaranov/go-openai\nx = 1\n",
            false,
        ),
        (
            "relay.go",
            "import \"github.com/sashabaranov/go-openai\"\n",
            true,
        ),
        ("lib.rs", "const HOST: &str = \"api.openai.com\";\n", true),
    ];
    for (name, source, parsed) in cases {
        assert_eq!(
            k.queries.is_candidate(language(name), source.as_bytes()),
            parsed,
            "{name}: {source}"
        );
    }
}
