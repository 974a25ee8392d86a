; The strings of UI code (src/assets/ui.rs): Compose Text("…") and R.string.<key> references.
; Files with Text("…") are parsed when they name AI; R.string. references when they name a
; disclosure's key.
; references: R.string. stringResource
; prefilter: ИИ ЖИ нтеллект ейросет rtificial AI-generated AI-powered AI-assistant
(call_expression
  (identifier) @_f (#match? @_f "^(Text|Button)$")
  (value_arguments . (value_argument (string_literal (string_content) @fact.ui.text))))
(navigation_expression
  (navigation_expression (identifier) @_r (#eq? @_r "R") (identifier) @_s (#eq? @_s "string"))
  (identifier) @fact.ui.key)
