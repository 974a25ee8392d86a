; Form field names in JSX (<input name="iin" />), as keys for the personal-data facts.
; prefilter: iin IIN passport birthDate phone consent
(jsx_attribute (property_identifier) @_attr (string) @fact.key (#match? @_attr "^(name|htmlFor|id)$"))
