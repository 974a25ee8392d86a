; import 'package:google_generative_ai/google_generative_ai.dart'; export 'package:…';
(library_import (import_specification uri: (configurable_uri (uri (string_literal) @import))))
(library_export uri: (configurable_uri (uri (string_literal) @import)))
