import Anthropic from "@anthropic-ai/sdk";

const anthropic = new Anthropic();

export async function summarize(transcript: string, locale: "kk" | "ru"): Promise<string> {
  const message = await anthropic.messages.create({
    model: "claude-3-5-haiku-latest",
    max_tokens: 300,
    messages: [
      {
        role: "user",
        content: `Summarise this conversation in ${locale === "kk" ? "Kazakh" : "Russian"}:\n${transcript}`,
      },
    ],
  });
  const block = message.content[0];
  return block.type === "text" ? block.text : "";
}
