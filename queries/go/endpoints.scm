; String literals: AI API hosts, AI variable names (os.Getenv("OPENAI_API_KEY")).
(interpreted_string_literal (interpreted_string_literal_content) @string)
(raw_string_literal (raw_string_literal_content) @string)
