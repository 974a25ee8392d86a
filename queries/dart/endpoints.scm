; String literals: AI API hosts, AI variable names (Platform.environment['GEMINI_API_KEY']).
(string_literal) @string
