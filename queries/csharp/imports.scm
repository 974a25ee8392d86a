; using OpenAI.Chat; using Azure.AI.OpenAI; using Alias = Azure.AI.OpenAI;
(using_directive (qualified_name) @import)
(using_directive (identifier) @import)
