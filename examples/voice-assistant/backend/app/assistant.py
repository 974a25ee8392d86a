"""Answers to voice commands, produced by a language model."""
import os

from openai import OpenAI

from .speech import transcribe

SYSTEM_PROMPT = (
    "You are Dauys, a home assistant. Answer briefly in the user's language "
    "(Kazakh or Russian). Never give medical or legal advice."
)

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])


def answer(audio_path: str, language: str = "kk") -> str:
    question = transcribe(audio_path, language=language)
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": question},
        ],
        temperature=0.3,
    )
    return response.choices[0].message.content
