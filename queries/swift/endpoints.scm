; String literals: AI API hosts, AI variable names (environment["OPENAI_API_KEY"]).
(line_string_literal text: (line_str_text) @string)
