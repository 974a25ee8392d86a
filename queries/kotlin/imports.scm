; import de.kherud.llama.LlamaModel / import x.y.Z as W
(import (qualified_identifier) @import)
