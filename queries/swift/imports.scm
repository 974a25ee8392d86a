; import Vision / import OpenAI
(import_declaration (identifier) @import)
