; The strings of UI code (src/assets/ui.rs): SwiftUI Text("…") (also a localization key) and
; NSLocalizedString("key", comment:), String(localized: "key").
; Files with Text("…") are parsed when they name AI; key lookups when they name a disclosure's
; key.
; references: NSLocalizedString String(localized: LocalizedStringKey Text(
; prefilter: ИИ ЖИ нтеллект ейросет rtificial AI-generated AI-powered AI-assistant
; The `_` nodes are the only types the grammar allows there (call_suffix, value_arguments,
; value_argument, line_string_literal, value_argument_label): each named parent in a pattern
; costs analysis when the query compiles. For the same reason the three calls are one pattern
; with one `call_expression`: each alternative names its function in a capture of its own, and a
; predicate on a capture the alternative does not have holds.
(call_expression
  [
    ((simple_identifier) @_text
      (_ (_ . (_
        value: (_ (line_str_text) @fact.ui.text)))))
    ((simple_identifier) @_key
      (_ (_ . (_
        value: (_ (line_str_text) @fact.ui.key)))))
    ((simple_identifier) @_string
      (_ (_ (_
        name: (_ (simple_identifier) @_label)
        value: (_ (line_str_text) @fact.ui.key)))))
  ]
  (#match? @_text "^(Text|Label|Button)$")
  (#eq? @_key "NSLocalizedString")
  (#eq? @_string "String")
  (#eq? @_label "localized"))
