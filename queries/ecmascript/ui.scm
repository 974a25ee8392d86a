; The strings of UI code (src/assets/ui.rs): translation keys, in JavaScript, TypeScript and TSX
; alike (their JSX text is in javascript/ui.scm and tsx/ui.scm).
; references: useTranslation useTranslations i18next i18n $t( formatMessage FormattedMessage i18nKey
; prefilter: ИИ ЖИ нтеллект ейросет rtificial AI-generated AI-powered AI-assistant
; Translation-key references: t("ai.notice"), i18n.t("…"), $t("…"), intl.formatMessage({id: "…"}).
; `_` stands where the grammar allows one type (member_expression, arguments, pair): each named
; parent in a pattern costs analysis when the query compiles. For the same reason the calls are
; alternatives of one pattern: each callee comes first, without its `function:` field (a group
; cannot start with a field; the only child of a call that can be an identifier or have a
; `property:` is its callee), and each alternative's predicates name captures of its own (a
; predicate on a capture that a match lacks holds). The alternatives do not nest: a nested
; alternation that captures one name in two branches loses `i18n.t("…")` (tree-sitter 0.27).
(call_expression
  [
    ((identifier) @_t
      arguments: (_ . (string (string_fragment) @fact.ui.key)))
    ((_ property: (property_identifier) @_method)
      arguments: (_ . (string (string_fragment) @fact.ui.key)))
    ((_ property: (property_identifier) @_format)
      arguments: (_ . (object (_ key: (property_identifier) @_id
        value: (string (string_fragment) @fact.ui.key)))))
  ]
  (#match? @_t "^(t|\\$t|translate|getMessage)$")
  (#match? @_method "^(t|\\$t|translate|getMessage)$")
  (#eq? @_format "formatMessage")
  (#eq? @_id "id"))
