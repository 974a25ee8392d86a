; String literals: AI API hosts in URLs, AI variable names (os.environ["OPENAI_API_KEY"]).
(string (string_content) @string)
