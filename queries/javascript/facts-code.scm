; Code facts for the personal-data, automated-decision and media rules (src/facts): declared
; names, parameters, properties, object keys, form field names, short strings, imports. Callees
; are the `@fact.call` captures of ecmascript/calls.scm, and `require` the `@fact.import` of
; imports.scm.
; prefilter: iin IIN ИИН ЖСН passport birthDate birth_date phoneNumber phone_number faceEmbedding voiceprint
; prefilter: predict scoring creditScore credit_score riskScore approve eligib
; prefilter: consent Consent согласи puppeteer cheerio crawlee playwright
; prefilter: c2pa DigitalSourceType trainedAlgorithmicMedia exiftool watermark
(variable_declarator name: (identifier) @fact.name)
(function_declaration name: (identifier) @fact.name)
(method_definition name: (property_identifier) @fact.name)
(formal_parameters (identifier) @fact.name)
(shorthand_property_identifier_pattern) @fact.name
(member_expression property: (property_identifier) @fact.name)
(pair key: [(property_identifier) (string)] @fact.key)
(jsx_attribute (property_identifier) @_attr (string) @fact.key (#match? @_attr "^(name|htmlFor|id)$"))
((string) @fact.string
  (#match? @fact.string "^[\"'][^\"'\n]{3,160}[\"']$"))
(import_statement source: (string) @fact.import)
