; String literals: AI API hosts, AI variable names (std::env::var("OPENAI_API_KEY")).
(string_literal (string_content) @string)
(raw_string_literal (string_content) @string)
