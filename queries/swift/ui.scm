; The strings of UI code (src/assets/ui.rs): SwiftUI Text("…") (also a localization key) and
; NSLocalizedString("key", comment:), String(localized: "key").
; Files with Text("…") are parsed when they name AI; key lookups when they name a disclosure's
; key.
; references: NSLocalizedString String(localized: LocalizedStringKey Text(
; prefilter: ИИ ЖИ нтеллект ейросет rtificial AI-generated AI-powered AI-assistant
(call_expression
  (simple_identifier) @_f (#match? @_f "^(Text|Label|Button)$")
  (call_suffix (value_arguments . (value_argument
    value: (line_string_literal (line_str_text) @fact.ui.text)))))
(call_expression
  (simple_identifier) @_f (#eq? @_f "NSLocalizedString")
  (call_suffix (value_arguments . (value_argument
    value: (line_string_literal (line_str_text) @fact.ui.key)))))
(call_expression
  (simple_identifier) @_f (#eq? @_f "String")
  (call_suffix (value_arguments (value_argument
    name: (value_argument_label (simple_identifier) @_l (#eq? @_l "localized"))
    value: (line_string_literal (line_str_text) @fact.ui.key)))))
