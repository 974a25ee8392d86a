; The strings of UI code (src/assets/ui.rs): text shown to the user in JSX (translation-key
; calls are in ecmascript/ui.scm).
; JSX text and string children shown to the user, and user-facing attributes.
(jsx_text) @fact.ui.text
(jsx_expression (string (string_fragment) @fact.ui.text))
(jsx_attribute (property_identifier) @_attr
  (#match? @_attr "^(title|placeholder|alt|label|aria-label)$")
  (string (string_fragment) @fact.ui.text))
; <Trans i18nKey="ai.notice"/>, <FormattedMessage id="ai.notice"/>
(jsx_attribute (property_identifier) @_attr (#eq? @_attr "i18nKey")
  (string (string_fragment) @fact.ui.key))
(jsx_self_closing_element name: (identifier) @_el (#eq? @_el "FormattedMessage")
  attribute: (jsx_attribute (property_identifier) @_id (#eq? @_id "id")
    (string (string_fragment) @fact.ui.key)))
