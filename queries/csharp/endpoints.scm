; String literals: AI API hosts, AI variable names (GetEnvironmentVariable("OPENAI_API_KEY")).
(string_literal (string_literal_content) @string)
(verbatim_string_literal) @string
(interpolated_string_expression (string_content) @string)
