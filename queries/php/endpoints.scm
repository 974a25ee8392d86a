; String literals: AI API hosts, AI variable names (getenv('OPENAI_API_KEY')).
(string (string_content) @string)
(encapsed_string (string_content) @string)
