; String and template literals: AI API hosts in URLs, AI variable names.
(string (string_fragment) @string)
(template_string (string_fragment) @string)
; process.env.OPENAI_API_KEY, import.meta.env.VITE_OPENAI_API_KEY (the `_` object is a
; member_expression, the one expression with a property: a named parent costs compile time)
(member_expression
  object: (_ property: (property_identifier) @_env (#eq? @_env "env"))
  property: (property_identifier) @string)
