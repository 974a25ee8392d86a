; Code facts for the personal-data, automated-decision and media rules (src/facts): declared
; names, parameters, properties, object keys, short strings, imports. (TSX adds form field names
; in queries/tsx; callees are the `@fact.call` captures of ecmascript/calls.scm.)
; prefilter: iin IIN ИИН ЖСН passport birthDate birth_date phoneNumber phone_number faceEmbedding voiceprint
; prefilter: predict scoring creditScore credit_score riskScore approve eligib
; prefilter: consent Consent согласи puppeteer cheerio crawlee playwright
; prefilter: c2pa DigitalSourceType trainedAlgorithmicMedia exiftool watermark
(variable_declarator name: (identifier) @fact.name)
(function_declaration name: (identifier) @fact.name)
(method_definition name: (property_identifier) @fact.name)
(required_parameter pattern: (identifier) @fact.name)
(optional_parameter pattern: (identifier) @fact.name)
(shorthand_property_identifier_pattern) @fact.name
(member_expression property: (property_identifier) @fact.name)
(property_signature name: (property_identifier) @fact.name)
(public_field_definition name: (property_identifier) @fact.name)
(pair key: [(property_identifier) (string)] @fact.key)
((string) @fact.string
  (#match? @fact.string "^[\"'][^\"'\n]{3,160}[\"']$"))
(import_statement source: (string) @fact.import)
