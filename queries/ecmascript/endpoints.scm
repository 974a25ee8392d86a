; String and template literals: AI API hosts in URLs, AI variable names.
(string (string_fragment) @string)
(template_string (string_fragment) @string)
; process.env.OPENAI_API_KEY, import.meta.env.VITE_OPENAI_API_KEY
(member_expression
  object: (member_expression property: (property_identifier) @_env (#eq? @_env "env"))
  property: (property_identifier) @string)
