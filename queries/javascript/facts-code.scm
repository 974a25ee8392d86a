; Code facts for the personal-data, automated-decision and media rules (src/facts): callees,
; declared names, parameters, properties, object keys, form field names, short strings, imports.
; prefilter: iin IIN ИИН ЖСН passport birthDate birth_date phoneNumber phone_number faceEmbedding voiceprint
; prefilter: predict scoring creditScore credit_score riskScore approve eligib
; prefilter: consent Consent согласи puppeteer cheerio crawlee playwright
; prefilter: c2pa DigitalSourceType trainedAlgorithmicMedia exiftool watermark
(call_expression function: [(identifier) (member_expression)] @fact.call)
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
; require("m"): `_` is the arguments (a named parent costs compile time)
(call_expression
  function: (identifier) @_require
  arguments: (_ . (string) @fact.import)
  (#eq? @_require "require"))
