; The strings of UI code (src/assets/ui.rs): Compose Text("…") and R.string.<key> references.
; Text("…") files are parsed when they name AI (the literals of queries/javascript/ui.scm).
; prefilter: R.string. stringResource
(call_expression
  (identifier) @_f (#match? @_f "^(Text|Button)$")
  (value_arguments . (value_argument (string_literal (string_content) @fact.ui.text))))
(navigation_expression
  (navigation_expression (identifier) @_r (#eq? @_r "R") (identifier) @_s (#eq? @_s "string"))
  (identifier) @fact.ui.key)
