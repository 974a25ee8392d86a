; String literals: AI API hosts, AI variable names (System.getenv("OPENAI_API_KEY")).
(string_literal (string_fragment) @string)
