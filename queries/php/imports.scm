; use OpenAI\Client; use OpenAI;
(namespace_use_clause [(qualified_name) (name)] @import)
