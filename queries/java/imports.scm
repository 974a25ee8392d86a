; import com.openai.client.OpenAIClient; import static …; import com.x.*;
(import_declaration (scoped_identifier) @import)
