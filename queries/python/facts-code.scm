; Code facts for the personal-data and automated-decision rules (src/facts): callees, names at
; definitions, parameters, keywords and attributes, dictionary keys, short strings and imports.
; The facts module reads them with the vocabulary of rules/facts/*.yaml. The callees and imports
; are the `@fact.call` and `@fact.import` captures of calls.scm and imports.scm.
; prefilter: iin IIN ИИН ЖСН passport birth_date date_of_birth phone_number face_embedding face_encoding voiceprint speaker_embedding fingerprint_template
; prefilter: predict_proba predict( scoring credit_score risk_score fraud_score approve eligib
; prefilter: consent Consent согласи scrapy bs4 BeautifulSoup selenium playwright
; prefilter: c2pa PngInfo piexif pyexiv2 exiftool DigitalSourceType trainedAlgorithmicMedia WatermarkEncoder imwatermark audioseal
; prefilter: streamlit gradio
(assignment left: (identifier) @fact.name)
(function_definition name: (identifier) @fact.name)
(class_definition name: (identifier) @fact.name)
(parameters (identifier) @fact.name)
(typed_parameter (identifier) @fact.name)
(default_parameter name: (identifier) @fact.name)
(typed_default_parameter name: (identifier) @fact.name)
(keyword_argument name: (identifier) @fact.name)
(attribute attribute: (identifier) @fact.name)
(pair key: (string) @fact.key)
((string) @fact.string
  (#match? @fact.string "^[rRbBuUfF]*[\"'][^\"'\n]{3,160}[\"']$"))
