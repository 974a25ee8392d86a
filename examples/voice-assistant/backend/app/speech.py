"""Speech to text for voice commands."""
from functools import lru_cache

import whisper


@lru_cache(maxsize=1)
def _model():
    # The small multilingual model recognises Kazakh and Russian.
    return whisper.load_model("small")


def transcribe(path: str, language: str | None = None) -> str:
    result = _model().transcribe(path, language=language)
    return result["text"].strip()
