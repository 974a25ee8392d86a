; The strings of UI code (src/assets/ui.rs): SwiftUI Text("…") (also a localization key) and
; NSLocalizedString("key", comment:), String(localized: "key").
; Files with Text("…") are parsed when they name AI; key lookups when they name a disclosure's
; key.
; references: NSLocalizedString String(localized: LocalizedStringKey Text(
; prefilter: ИИ ЖИ нтеллект ейросет rtificial AI-generated AI-powered AI-assistant
; The `_` nodes are the only types the grammar allows there (call_suffix, value_arguments,
; value_argument, line_string_literal, value_argument_label): each named parent in a pattern
; costs analysis when the query compiles.
(call_expression
  (simple_identifier) @_f (#match? @_f "^(Text|Label|Button)$")
  (_ (_ . (_
    value: (_ (line_str_text) @fact.ui.text)))))
(call_expression
  (simple_identifier) @_f (#eq? @_f "NSLocalizedString")
  (_ (_ . (_
    value: (_ (line_str_text) @fact.ui.key)))))
(call_expression
  (simple_identifier) @_f (#eq? @_f "String")
  (_ (_ (_
    name: (_ (simple_identifier) @_l (#eq? @_l "localized"))
    value: (_ (line_str_text) @fact.ui.key)))))
