#!/usr/bin/env python3
"""Generates a large, realistic multi-language product tree for benchmarks.

The tree is a monorepo of services and apps: source code in Python, JavaScript, TypeScript, TSX,
Go, Rust, Java, Kotlin, Swift, C#, Ruby, PHP and Dart (about 3 % of the files use an AI SDK of
their ecosystem), dependency manifests, locale files (en, ru, kk) and documentation, some of it
with AI disclosures. The output is a pure function of --seed and --scale: ×1 is about 20,000 files
and 2,000,000 lines; ×2 and ×4 double and quadruple both.

Usage: scripts/gen-tree.py OUT_DIR [--scale N] [--seed S]
"""

import argparse
import json
import os
import random
import shutil
import sys

# Files per unit of scale, by kind, and the mean number of functions per source file.
CODE_FILES = 18_000
LOCALE_FILES = 1_200
DOC_FILES = 700
PROJECTS = 60
FUNCS_PER_FILE = (4, 12)
AI_SHARE = 0.03
# Share of files that handle personal data (phone numbers, consent flags): parsed for facts.
PERSONAL_SHARE = 0.06

LANGS = {
    # name: (extension, weight)
    "python": ("py", 18),
    "javascript": ("js", 11),
    "typescript": ("ts", 14),
    "tsx": ("tsx", 8),
    "go": ("go", 8),
    "rust": ("rs", 6),
    "java": ("java", 8),
    "kotlin": ("kt", 5),
    "swift": ("swift", 5),
    "csharp": ("cs", 6),
    "ruby": ("rb", 4),
    "php": ("php", 4),
    "dart": ("dart", 3),
}

WORDS = (
    "account order invoice payment customer session token cache queue report user profile "
    "address basket item price discount shipment warehouse stock tariff route "
    "message notice event audit policy contract balance transfer card limit rate "
    "schedule booking ticket seat flight hotel review rating search index filter page batch "
    "retry timeout handler config client server request response status result error state "
    "metric counter label region city country language locale currency amount total summary"
).split()

COMMENTS = [
    "Keeps the cache warm between requests; see the runbook for details.",
    "The main entry point waits for the queue to drain before it returns.",
    "Validate the input before the account is created; reject unknown fields.",
    "TODO: remove the legacy branch once all regions migrated to the new tariff.",
    "Retries are capped so a failing upstream does not stall the batch.",
    "Amounts are kept in minor units to avoid rounding on conversion.",
    "This mirrors the behaviour of the old billing service, including its quirks.",
    "Sort by creation time so that pagination is stable across pages.",
]

# AI SDK usage per language: (import lines, call lines).
AI = {
    "python": [
        (["from openai import OpenAI"], ["client = OpenAI()", "reply = client.chat.completions.create(model=\"gpt-4o-mini\", messages=messages)"]),
        (["import anthropic"], ["client = anthropic.Anthropic()", "reply = client.messages.create(model=\"claude-3-5-haiku-latest\", max_tokens=512, messages=messages)"]),
        (["from langchain_openai import ChatOpenAI"], ["llm = ChatOpenAI(model=\"gpt-4o\")", "reply = llm.invoke(prompt)"]),
        (["import face_recognition"], ["encodings = face_recognition.face_encodings(image)"]),
        (["from transformers import pipeline"], ["classifier = pipeline(\"sentiment-analysis\")", "reply = classifier(text)"]),
    ],
    "javascript": [
        (["import OpenAI from \"openai\";"], ["const client = new OpenAI();", "const reply = await client.chat.completions.create({ model: \"gpt-4o-mini\", messages });"]),
        (["const Anthropic = require(\"@anthropic-ai/sdk\");"], ["const client = new Anthropic();", "const reply = await client.messages.create({ model: \"claude-3-5-haiku-latest\", max_tokens: 512, messages });"]),
        (["import * as faceapi from \"@vladmandic/face-api\";"], ["const reply = await faceapi.detectAllFaces(input);"]),
    ],
    "typescript": [
        (["import OpenAI from \"openai\";"], ["const client = new OpenAI();", "const reply = await client.chat.completions.create({ model: \"gpt-4o-mini\", messages });"]),
        (["import { GoogleGenerativeAI } from \"@google/generative-ai\";"], ["const model = new GoogleGenerativeAI(key).getGenerativeModel({ model: \"gemini-1.5-flash\" });", "const reply = await model.generateContent(prompt);"]),
        (["import { ChatAnthropic } from \"@langchain/anthropic\";"], ["const llm = new ChatAnthropic({ model: \"claude-3-5-sonnet-latest\" });", "const reply = await llm.invoke(prompt);"]),
    ],
    "tsx": [
        (["import { useChat } from \"@ai-sdk/react\";"], ["const reply = useChat({ api: \"/api/chat\" });"]),
        (["import OpenAI from \"openai\";"], ["const client = new OpenAI({ dangerouslyAllowBrowser: true });", "const reply = client.responses.create({ model: \"gpt-4o-mini\", input: prompt });"]),
    ],
    "go": [
        (["openai \"github.com/sashabaranov/go-openai\""], ["client := openai.NewClient(token)", "reply, err := client.CreateChatCompletion(ctx, req)", "_ = err"]),
        (["\"github.com/anthropics/anthropic-sdk-go\""], ["client := anthropic.NewClient()", "reply, err := client.Messages.New(ctx, params)", "_ = err"]),
    ],
    "rust": [
        (["use async_openai::Client;"], ["let client = Client::new();", "let reply = client.chat().create(request).await?;"]),
        (["use ollama_rs::Ollama;"], ["let client = Ollama::default();", "let reply = client.generate(request).await?;"]),
    ],
    "java": [
        (["import com.openai.client.OpenAIClient;", "import com.openai.client.okhttp.OpenAIOkHttpClient;"], ["OpenAIClient client = OpenAIOkHttpClient.fromEnv();", "var reply = client.chat().completions().create(params);"]),
        (["import dev.langchain4j.model.openai.OpenAiChatModel;"], ["var model = OpenAiChatModel.builder().apiKey(key).build();", "var reply = model.generate(prompt);"]),
    ],
    "kotlin": [
        (["import com.aallam.openai.client.OpenAI"], ["val client = OpenAI(token)", "val reply = client.chatCompletion(request)"]),
        (["import com.google.ai.client.generativeai.GenerativeModel"], ["val model = GenerativeModel(\"gemini-1.5-flash\", key)", "val reply = model.generateContent(prompt)"]),
    ],
    "swift": [
        (["import OpenAI"], ["let client = OpenAI(apiToken: token)", "let reply = try await client.chats(query: query)"]),
        (["import Vision"], ["let request = VNDetectFaceRectanglesRequest()", "let reply = try handler.perform([request])"]),
    ],
    "csharp": [
        (["using OpenAI.Chat;"], ["var client = new ChatClient(\"gpt-4o-mini\", key);", "var reply = await client.CompleteChatAsync(messages);"]),
        (["using Azure.AI.OpenAI;"], ["var client = new AzureOpenAIClient(endpoint, credential);", "var reply = client.GetChatClient(\"gpt-4o\");"]),
    ],
    "ruby": [
        (["require \"openai\""], ["client = OpenAI::Client.new", "reply = client.chat(parameters: { model: \"gpt-4o-mini\", messages: messages })"]),
        (["require \"anthropic\""], ["client = Anthropic::Client.new", "reply = client.messages.create(model: \"claude-3-5-haiku-latest\", max_tokens: 512, messages: messages)"]),
    ],
    "php": [
        (["use OpenAI;"], ["$client = OpenAI::client($key);", "$reply = $client->chat()->create(['model' => 'gpt-4o-mini', 'messages' => $messages]);"]),
    ],
    "dart": [
        (["import 'package:google_generative_ai/google_generative_ai.dart';"], ["final model = GenerativeModel(model: 'gemini-1.5-flash', apiKey: key);", "final reply = await model.generateContent(prompt);"]),
        (["import 'package:dart_openai/dart_openai.dart';"], ["final reply = await OpenAI.instance.chat.create(model: 'gpt-4o-mini', messages: messages);"]),
    ],
}

STD_IMPORTS = {
    "python": ["import os", "import json", "import logging", "from dataclasses import dataclass", "from datetime import datetime, timezone", "from typing import Optional"],
    "javascript": ["const fs = require(\"fs\");", "const path = require(\"path\");", "import express from \"express\";", "import { z } from \"zod\";"],
    "typescript": ["import express from \"express\";", "import { z } from \"zod\";", "import { Injectable } from \"@nestjs/common\";", "import type { Request, Response } from \"express\";"],
    "tsx": ["import React, { useState, useEffect } from \"react\";", "import { Button } from \"@/components/ui/button\";", "import { useTranslation } from \"react-i18next\";"],
    "go": ["\"context\"", "\"encoding/json\"", "\"fmt\"", "\"net/http\"", "\"time\""],
    "rust": ["use std::collections::HashMap;", "use serde::{Deserialize, Serialize};", "use anyhow::Result;", "use tracing::info;"],
    "java": ["import java.util.List;", "import java.util.Map;", "import java.time.Instant;", "import org.springframework.stereotype.Service;"],
    "kotlin": ["import kotlinx.coroutines.flow.Flow", "import java.time.Instant", "import javax.inject.Inject"],
    "swift": ["import Foundation", "import SwiftUI", "import Combine"],
    "csharp": ["using System;", "using System.Collections.Generic;", "using System.Threading.Tasks;", "using Microsoft.Extensions.Logging;"],
    "ruby": ["require \"json\"", "require \"time\"", "require \"logger\""],
    "php": ["use Illuminate\\Http\\Request;", "use Illuminate\\Support\\Facades\\Log;", "use App\\Models\\User;"],
    "dart": ["import 'dart:async';", "import 'dart:convert';", "import 'package:flutter/material.dart';", "import 'package:http/http.dart' as http;"],
}


def ident(rng, parts=2, style="snake"):
    words = [rng.choice(WORDS) for _ in range(parts)]
    if style == "snake":
        return "_".join(words)
    if style == "camel":
        return words[0] + "".join(w.capitalize() for w in words[1:])
    return "".join(w.capitalize() for w in words)


def body(rng, lang, ai_calls):
    """Statements of one function body, as (line) strings without indentation."""
    n = rng.randint(6, 16)
    camel = lang not in ("python", "ruby", "rust")
    v = lambda: ident(rng, 2, "camel" if camel else "snake")  # noqa: E731
    lines = []
    for _ in range(n):
        r = rng.random()
        a, b = v(), v()
        num = rng.randint(1, 500)
        s = rng.choice(WORDS)
        if lang == "python":
            opts = [f"{a} = {b} * {num}", f"if {a} > {num}:", f"{a} = {b}.get(\"{s}\", {num})",
                    f"logging.info(\"{s} %s\", {a})", f"{a} = [x for x in {b} if x]", f"# {rng.choice(COMMENTS)}"]
        elif lang in ("javascript", "typescript", "tsx"):
            decl = "const" if lang == "javascript" else "const"
            opts = [f"{decl} {a} = {b} * {num};", f"if ({a} > {num}) {{ {b} = {a}; }}", f"{decl} {a}List = {b}.filter((x) => x.{s});",
                    f"console.debug(\"{s}\", {a});", f"// {rng.choice(COMMENTS)}", f"{decl} {a}Map = new Map();"]
        elif lang == "go":
            opts = [f"{a} := {b} * {num}", f"if {a} > {num} {{\n\t\t{b} = {a}\n\t}}", f"fmt.Println(\"{s}\", {a})", f"// {rng.choice(COMMENTS)}", f"_ = {a}"]
        elif lang == "rust":
            opts = [f"let {a} = {b} * {num};", f"if {a} > {num} {{ info!(\"{s} {{}}\", {a}); }}", f"let {a}_map: HashMap<String, u64> = HashMap::new();", f"// {rng.choice(COMMENTS)}"]
        elif lang in ("java", "csharp"):
            t = "var"
            opts = [f"{t} {a} = {b} * {num};", f"if ({a} > {num}) {{ {b} = {a}; }}", f"// {rng.choice(COMMENTS)}", f"{t} {a}List = new List<string>();" if lang == "csharp" else f"{t} {a}List = new java.util.ArrayList<String>();"]
        elif lang == "kotlin":
            opts = [f"val {a} = {b} * {num}", f"if ({a} > {num}) {{ println({a}) }}", f"// {rng.choice(COMMENTS)}", f"val {a}List = listOf(\"{s}\", \"{rng.choice(WORDS)}\")"]
        elif lang == "swift":
            opts = [f"let {a} = {b} * {num}", f"if {a} > {num} {{ print({a}) }}", f"// {rng.choice(COMMENTS)}", f"var {a}List: [String] = [\"{s}\"]"]
        elif lang == "ruby":
            opts = [f"{a} = {b} * {num}", f"{a} = {b}.select {{ |x| x.{s} }}", f"# {rng.choice(COMMENTS)}", f"logger.info(\"{s} #{{{a}}}\")"]
        elif lang == "php":
            opts = [f"${a} = ${b} * {num};", f"if (${a} > {num}) {{ ${b} = ${a}; }}", f"// {rng.choice(COMMENTS)}", f"Log::info('{s}', ['value' => ${a}]);"]
        else:  # dart
            opts = [f"final {a} = {b} * {num};", f"if ({a} > {num}) {{ {b} = {a}; }}", f"// {rng.choice(COMMENTS)}", f"final {a}List = <String>['{s}'];"]
        line = opts[int(r * len(opts))]
        lines.append(line)
        if lang == "python" and line.endswith(":"):
            lines.append(f"    {a} = {b}")
    lines.extend(ai_calls)
    return lines


def source_file(rng, lang, ai):
    imports = rng.sample(STD_IMPORTS[lang], k=min(len(STD_IMPORTS[lang]), rng.randint(2, 4)))
    calls = []
    if ai:
        ai_imports, calls = rng.choice(AI[lang])
        imports = imports + ai_imports
    if rng.random() < PERSONAL_SHARE:
        mark = "#" if lang in ("python", "ruby") else "//"
        calls = calls + [f"{mark} Stores the customer's email, phone number and marketing consent."]
    cls = ident(rng, 2, "pascal")
    funcs = []
    for i in range(rng.randint(*FUNCS_PER_FILE)):
        name = ident(rng, 2, "snake" if lang in ("python", "ruby", "rust") else "camel") + str(i)
        if lang == "go":
            name = name.capitalize()
        stmts = body(rng, lang, calls if i == 0 else [])
        funcs.append((name, stmts))
    return render(lang, cls, imports, funcs)


def indent(lines, pad):
    return "\n".join(pad + line for line in lines)


def render(lang, cls, imports, funcs):
    out = []
    if lang == "python":
        out += imports + ["from dataclasses import dataclass", "", "", "@dataclass", f"class {cls}:", f"    \"\"\"{rng_doc(cls)}\"\"\"", ""]
        for name, stmts in funcs:
            out += [f"    def {name}(self, {WORDS[0]}_{WORDS[1]}, messages=None, prompt=None, image=None, text=None):", indent(stmts, "        "), "        return None", ""]
    elif lang in ("javascript", "typescript", "tsx"):
        out += imports + [""]
        if lang == "tsx":
            out += [f"export function {cls}({{ prompt, messages }}) {{"]
            for name, stmts in funcs:
                out += [f"  function {name}(input) {{", indent(stmts, "    "), "    return input;", "  }", ""]
            out += ["  return (", f"    <div className=\"{cls.lower()}\">", "      <Button onClick={() => null}>{prompt}</Button>", "    </div>", "  );", "}"]
        else:
            out += [f"/** {rng_doc(cls)} */", f"export class {cls} {{"]
            for name, stmts in funcs:
                sig = "(input, messages, prompt, key)" if lang == "javascript" else "(input: any, messages: any[], prompt: string, key: string): Promise<unknown>"
                out += [f"  async {name}{sig} {{", indent(stmts, "    "), "    return input;", "  }", ""]
            out += ["}"]
    elif lang == "go":
        out += ["package " + cls.lower(), "", "import (", indent(imports, "\t"), ")", "", f"// {cls} {rng_doc(cls)}", f"type {cls} struct{{}}", ""]
        for name, stmts in funcs:
            out += [f"func (s *{cls}) {name}(ctx context.Context, token string, req any, params any) error {{", indent(stmts, "\t"), "\treturn nil", "}", ""]
    elif lang == "rust":
        out += imports + ["", f"/// {rng_doc(cls)}", f"pub struct {cls};", "", f"impl {cls} {{"]
        for name, stmts in funcs:
            out += [f"    pub async fn {name}(&self, request: Request) -> Result<()> {{", indent(stmts, "        "), "        Ok(())", "    }", ""]
        out += ["}"]
    elif lang == "java":
        out += ["package com.example." + cls.lower() + ";", ""] + imports + ["", f"/** {rng_doc(cls)} */", "@Service", f"public class {cls} {{"]
        for name, stmts in funcs:
            out += [f"    public Object {name}(Object params, String prompt, String key) {{", indent(stmts, "        "), "        return params;", "    }", ""]
        out += ["}"]
    elif lang == "kotlin":
        out += ["package com.example." + cls.lower(), ""] + imports + ["", f"/** {rng_doc(cls)} */", f"class {cls} @Inject constructor() {{"]
        for name, stmts in funcs:
            out += [f"    suspend fun {name}(request: Any, prompt: String, key: String, token: String): Any {{", indent(stmts, "        "), "        return request", "    }", ""]
        out += ["}"]
    elif lang == "swift":
        out += imports + ["", f"/// {rng_doc(cls)}", f"final class {cls} {{"]
        for name, stmts in funcs:
            out += [f"    func {name}(query: String, token: String, handler: Any) async throws -> Any {{", indent(stmts, "        "), "        return query", "    }", ""]
        out += ["}"]
    elif lang == "csharp":
        out += imports + ["", f"namespace Example.{cls};", "", f"/// <summary>{rng_doc(cls)}</summary>", f"public class {cls}", "{"]
        for name, stmts in funcs:
            out += [f"    public async Task<object> {name[0].upper() + name[1:]}(object messages, string key, Uri endpoint, object credential)", "    {", indent(stmts, "        "), "        return messages;", "    }", ""]
        out += ["}"]
    elif lang == "ruby":
        out += imports + ["", f"# {rng_doc(cls)}", f"class {cls}"]
        for name, stmts in funcs:
            out += [f"  def {name}(messages, prompt)", indent(stmts, "    "), "    nil", "  end", ""]
        out += ["end"]
    elif lang == "php":
        out += ["<?php", "", "namespace App\\Services;", ""] + imports + ["", f"/** {rng_doc(cls)} */", f"class {cls}", "{"]
        for name, stmts in funcs:
            out += [f"    public function {name}($messages, $key)", "    {", indent(stmts, "        "), "        return $messages;", "    }", ""]
        out += ["}"]
    else:  # dart
        out += imports + ["", f"/// {rng_doc(cls)}", f"class {cls} {{"]
        for name, stmts in funcs:
            out += [f"  Future<Object?> {name}(String prompt, String key, List<Object> messages) async {{", indent(stmts, "    "), "    return null;", "  }", ""]
        out += ["}"]
    return "\n".join(out) + "\n"


def rng_doc(cls):
    return f"Domain service for {cls}: keeps state consistent and reports progress to the audit log."


MANIFESTS = {
    "python": ("requirements.txt", lambda ai: "\n".join(["django==5.0.6", "requests>=2.31", "pydantic==2.7.1", "celery==5.4.0"] + (["openai==1.35.0", "anthropic>=0.28"] if ai else [])) + "\n"),
    "javascript": ("package.json", lambda ai: json.dumps({"name": "web", "version": "1.0.0", "dependencies": dict({"express": "^4.19.2", "zod": "^3.23.8"}, **({"openai": "^4.52.0", "@anthropic-ai/sdk": "^0.24.0"} if ai else {}))}, indent=2) + "\n"),
    "go": ("go.mod", lambda ai: "module example.com/svc\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n" + ("\tgithub.com/sashabaranov/go-openai v1.26.0\n" if ai else "") + ")\n"),
    "rust": ("Cargo.toml", lambda ai: "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nserde = \"1\"\ntokio = { version = \"1\", features = [\"full\"] }\n" + ("async-openai = \"0.23\"\n" if ai else "")),
    "java": ("pom.xml", lambda ai: "<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.example</groupId>\n  <artifactId>svc</artifactId>\n  <version>1.0</version>\n  <dependencies>\n    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>\n" + ("    <dependency><groupId>com.openai</groupId><artifactId>openai-java</artifactId><version>0.8.0</version></dependency>\n" if ai else "") + "  </dependencies>\n</project>\n"),
    "kotlin": ("build.gradle.kts", lambda ai: "plugins { kotlin(\"jvm\") version \"2.0.0\" }\n\ndependencies {\n    implementation(\"org.jetbrains.kotlinx:kotlinx-coroutines-core:1.8.1\")\n" + ("    implementation(\"com.aallam.openai:openai-client:3.8.0\")\n" if ai else "") + "}\n"),
    "swift": ("Package.swift", lambda ai: "// swift-tools-version:5.9\nimport PackageDescription\n\nlet package = Package(\n    name: \"App\",\n    dependencies: [\n" + ("        .package(url: \"https://github.com/MacPaw/OpenAI.git\", from: \"0.2.9\"),\n" if ai else "") + "        .package(url: \"https://github.com/apple/swift-log.git\", from: \"1.5.4\")\n    ]\n)\n"),
    "csharp": ("App.csproj", lambda ai: "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"Serilog\" Version=\"3.1.1\" />\n" + ("    <PackageReference Include=\"OpenAI\" Version=\"2.0.0\" />\n" if ai else "") + "  </ItemGroup>\n</Project>\n"),
    "ruby": ("Gemfile", lambda ai: "source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 7.1\"\ngem \"pg\"\n" + ("gem \"ruby-openai\", \"~> 7.0\"\n" if ai else "")),
    "php": ("composer.json", lambda ai: json.dumps({"require": dict({"laravel/framework": "^11.0"}, **({"openai-php/client": "^0.10"} if ai else {}))}, indent=2) + "\n"),
    "dart": ("pubspec.yaml", lambda ai: "name: app\nversion: 1.0.0\nenvironment:\n  sdk: '>=3.3.0 <4.0.0'\ndependencies:\n  flutter:\n    sdk: flutter\n  http: ^1.2.1\n" + ("  google_generative_ai: ^0.4.3\n" if ai else "")),
}

DISCLOSURE = {
    "en": "This assistant uses artificial intelligence. Answers are generated automatically and may contain mistakes; check important information and do not share personal data in the chat.",
    "ru": "Этот ассистент использует искусственный интеллект. Ответы сформированы автоматически и могут содержать ошибки; проверяйте важную информацию и не передавайте персональные данные в чате.",
    "kk": "Бұл көмекші жасанды интеллектті пайдаланады. Жауаптар автоматты түрде жасалады және қателер болуы мүмкін; маңызды ақпаратты тексеріңіз және чатта жеке деректерді бермеңіз.",
}
PLAIN = {
    "en": "Orders are shipped within two working days. You can return an item within fourteen days of delivery if it is unused and in its original packaging.",
    "ru": "Заказы отправляются в течение двух рабочих дней. Вы можете вернуть товар в течение четырнадцати дней после доставки, если он не использовался и сохранена упаковка.",
    "kk": "Тапсырыстар екі жұмыс күні ішінде жіберіледі. Тауар пайдаланылмаған болса, оны жеткізілгеннен кейін он төрт күн ішінде қайтаруға болады.",
}


def locale_file(rng, lang, fmt, ai):
    keys = {f"{rng.choice(WORDS)}.{rng.choice(WORDS)}{i}": PLAIN[lang].split(". ")[i % 2] for i in range(rng.randint(20, 60))}
    if ai:
        keys["assistant.notice"] = DISCLOSURE[lang]
    if fmt == "json":
        return json.dumps(keys, ensure_ascii=False, indent=2) + "\n"
    if fmt == "strings":
        return "".join(f"\"{k}\" = \"{v}\";\n" for k, v in keys.items())
    if fmt == "arb":
        return json.dumps(dict({"@@locale": lang}, **{k.replace(".", "_"): v for k, v in keys.items()}), ensure_ascii=False, indent=2) + "\n"
    if fmt == "xml":
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<resources>\n" + "".join(f"    <string name=\"{k.replace('.', '_')}\">{v}</string>\n" for k, v in keys.items()) + "</resources>\n"
    return "".join(f"msgid \"{k}\"\nmsgstr \"{v}\"\n\n" for k, v in keys.items())


def doc_file(rng, lang, ai):
    title = {"en": "Help", "ru": "Справка", "kk": "Анықтама"}[lang]
    parts = [f"# {title}: {rng.choice(WORDS)}", ""]
    for i in range(rng.randint(8, 30)):
        parts += [f"## {rng.choice(WORDS).capitalize()} {i}", "", PLAIN[lang], "", f"- {PLAIN[lang].split('. ')[0]}.", ""]
    if ai:
        parts += [{"en": "## Artificial intelligence", "ru": "## Искусственный интеллект", "kk": "## Жасанды интеллект"}[lang], "", DISCLOSURE[lang], ""]
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed * 1_000_003 + args.scale)
    out = os.path.abspath(args.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    files = lines = 0

    def write(rel, text):
        nonlocal files, lines
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        files += 1
        lines += text.count("\n")

    names = list(LANGS)
    weights = [LANGS[n][1] for n in names]
    projects = PROJECTS * args.scale
    # Each project has a main language and a share of the code files.
    main_lang = [names[i % len(names)] for i in range(projects)]
    ai_projects = set(rng.sample(range(projects), k=max(1, projects // 4)))
    for p in range(projects):
        lang = main_lang[p]
        manifest_lang = "javascript" if lang in ("typescript", "tsx") else lang
        name, make = MANIFESTS[manifest_lang]
        write(f"projects/p{p:03}-{lang}/{name}", make(p in ai_projects))
        write(f"projects/p{p:03}-{lang}/README.md", doc_file(rng, "en", p in ai_projects))
    for i in range(CODE_FILES * args.scale):
        p = rng.randrange(projects)
        lang = main_lang[p] if rng.random() < 0.6 else rng.choices(names, weights)[0]
        ext = LANGS[lang][0]
        ai = rng.random() < AI_SHARE
        module = rng.choice(WORDS)
        write(f"projects/p{p:03}-{main_lang[p]}/src/{module}/{ident(rng, 2)}_{i}.{ext}", source_file(rng, lang, ai))
    fmts = [("json", "locales/{lang}/{name}.json"), ("strings", "ios/{lang}.lproj/{name}.strings"), ("arb", "lib/l10n/{name}_{lang}.arb"), ("xml", "android/res/values-{lang}/{name}.xml"), ("po", "locale/{lang}/LC_MESSAGES/{name}.po")]
    for i in range(LOCALE_FILES * args.scale):
        p = rng.randrange(projects)
        fmt, pattern = rng.choice(fmts)
        lang = rng.choice(["en", "ru", "kk"])
        rel = pattern.format(lang=lang, name=f"{rng.choice(WORDS)}{i}")
        write(f"projects/p{p:03}-{main_lang[p]}/{rel}", locale_file(rng, lang, fmt, p in ai_projects and rng.random() < 0.2))
    for i in range(DOC_FILES * args.scale):
        p = rng.randrange(projects)
        lang = rng.choice(["en", "ru", "kk"])
        ext = "md" if rng.random() < 0.8 else "txt"
        text = doc_file(rng, lang, p in ai_projects and rng.random() < 0.2)
        write(f"projects/p{p:03}-{main_lang[p]}/docs/{lang}/{rng.choice(WORDS)}-{i}.{ext}", text)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    print(f"{out}: {files} files, {lines} lines, {size / 1e6:.1f} MB (scale {args.scale}, seed {args.seed})")


if __name__ == "__main__":
    sys.exit(main())
