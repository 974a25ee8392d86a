; String literals: AI API hosts, AI variable names (ENV["OPENAI_API_KEY"]).
(string (string_content) @string)
